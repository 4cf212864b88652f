import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Entity } from '../api/catalog';
import { fakeFetch, json } from '../testing/fakeApi';
import { ParameterSchema } from './api';
import { TemplateFormPage } from './TemplateFormPage';

afterEach(() => vi.unstubAllGlobals());
// Typing a form through user-event is slow on a loaded machine: waits are for the UI, not a measure of it.
configure({ asyncUtilTimeout: 10_000 });

const entity = (kind: string, name: string, title?: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default', title } });

/** docs-site's parameters (examples/templates), with a secret and a dependency added. */
const PARAMETERS: ParameterSchema = {
  title: 'Documentation site',
  steps: [
    {
      title: 'About the site',
      schema: {
        title: 'About the site',
        type: 'object',
        required: ['name', 'owner'],
        properties: {
          name: { title: 'Name', type: 'string', 'ui:field': 'EntityNamePicker' },
          owner: { title: 'Owner', type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
          system: { title: 'System', type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: [{ kind: 'System', 'spec.type': ['product'] }] } },
          hosting: { title: 'Hosting', type: 'string', enum: ['github', 'other'], default: 'github' },
        },
        dependencies: {
          hosting: {
            oneOf: [
              { properties: { hosting: { const: 'github' } } },
              { properties: { hosting: { const: 'other' }, otherHost: { title: 'Other host', type: 'string' } }, required: ['otherHost'] },
            ],
          },
        },
      },
    },
    {
      title: 'Where to publish',
      schema: {
        type: 'object',
        required: ['repoUrl', 'token'],
        properties: {
          repoUrl: { title: 'Repository location', type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['github.com'] } },
          token: { title: 'Deploy token', type: 'string', 'ui:field': 'Secret' },
        },
      },
    },
  ],
};

function TaskRoute() {
  return <p>task page {useParams().id}</p>;
}

function scaffolder(createAnswer: () => Response = () => json({ id: 'task-1' }, 201)) {
  return fakeFetch((url, init) => {
    if (url.pathname.endsWith('/parameter-schema')) return json(PARAMETERS);
    if (url.pathname === '/api/catalog/entities/by-query') {
      const filter = url.searchParams.getAll('filter').join(' ');
      if (filter.includes('kind=Group')) return json({ items: [entity('Group', 'platform-team', 'Platform team')], totalItems: 1, pageInfo: {} });
      return json({ items: [entity('System', 'portal')], totalItems: 1, pageInfo: {} });
    }
    if (url.pathname === '/api/scaffolder/v2/tasks' && init.method === 'POST') {
      // The permission probe sends no template; the scaffolder answers it with a 400.
      return JSON.parse(String(init.body)).templateRef ? createAnswer() : json({ error: { name: 'InputError', message: 'templateRef is required' } }, 400);
    }
    return json({ error: { message: `unexpected ${url}` } }, 500);
  });
}

function renderForm() {
  render(
    <MemoryRouter initialEntries={['/create/templates/default/docs-site']}>
      <Routes>
        <Route path="/create/templates/:namespace/:name" element={<TemplateFormPage />} />
        <Route path="/create/tasks/:id" element={<TaskRoute />} />
      </Routes>
    </MemoryRouter>,
  );
}

async function fillFirstPage(name = 'team-docs') {
  await userEvent.type(await screen.findByLabelText(/^Name/), name);
  await userEvent.type(screen.getByLabelText(/^Owner/), 'group:default/platform-team');
}

async function fillSecondPage() {
  await userEvent.type(await screen.findByLabelText('Owner'), 'acme');
  await userEvent.type(screen.getByLabelText('Repository'), 'team-docs');
  await userEvent.type(screen.getByLabelText(/^Deploy token/), 's3cret!');
}

const taskPosts = (requests: { url: URL; init: RequestInit }[]) =>
  requests.filter((r) => r.url.pathname === '/api/scaffolder/v2/tasks' && JSON.parse(String(r.init.body)).templateRef).map((r) => JSON.parse(String(r.init.body)));

describe("a template's form", { timeout: 30_000 }, () => {
  it('goes page by page to a review, then starts the task with the secret in secrets only', async () => {
    const requests = scaffolder();
    renderForm();
    expect(await screen.findByRole('heading', { name: 'Documentation site' })).toBeTruthy();
    await fillFirstPage();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { name: 'Where to publish' })).toBeTruthy();
    await fillSecondPage();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    const review = within(await screen.findByRole('heading', { name: 'Review' }).then((h) => h.parentElement!));
    expect(review.getByText('github.com?owner=acme&repo=team-docs')).toBeTruthy();
    expect(review.getByText('••••••••')).toBeTruthy();
    expect(review.queryByText('s3cret!')).toBeNull();
    await userEvent.click(review.getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('task page task-1')).toBeTruthy();
    const [body] = taskPosts(requests);
    expect(body.templateRef).toBe('template:default/docs-site');
    expect(body.secrets).toEqual({ token: 's3cret!' });
    expect(body.values).toMatchObject({ name: 'team-docs', owner: 'group:default/platform-team', hosting: 'github', repoUrl: 'github.com?owner=acme&repo=team-docs' });
    expect(JSON.stringify(body.values)).not.toContain('s3cret!');
  });

  it('keeps a page until its required fields are filled', async () => {
    scaffolder();
    renderForm();
    await screen.findByLabelText(/^Name/);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findAllByText('is a required property')).toHaveLength(2);
    expect(screen.getByRole('heading', { name: 'About the site' })).toBeTruthy();
  });

  it("refuses an entity name that breaks Backstage's rule", async () => {
    scaffolder();
    renderForm();
    await fillFirstPage('-bad name');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText(/must start and end with a letter or digit/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Where to publish' })).toBeNull();
  });

  it("offers the catalog's entities that the pickers' catalogFilter names", async () => {
    const requests = scaffolder();
    renderForm();
    await screen.findByLabelText(/^Owner/);
    await waitFor(() => expect(document.querySelectorAll('datalist option').length).toBe(2));
    const options = [...document.querySelectorAll('datalist option')].map((option) => option.getAttribute('value'));
    expect(options).toEqual(expect.arrayContaining(['group:default/platform-team', 'system:default/portal']));
    const filters = requests.filter((r) => r.url.pathname === '/api/catalog/entities/by-query').map((r) => r.url.searchParams.getAll('filter'));
    expect(filters).toEqual(expect.arrayContaining([['kind=Group'], ['kind=System,spec.type=product']]));
  });

  it('reads a bare owner name as a group of the default namespace', async () => {
    scaffolder();
    renderForm();
    const owner = await screen.findByLabelText(/^Owner/);
    await userEvent.type(owner, 'platform-team');
    await userEvent.tab();
    expect((owner as HTMLInputElement).value).toBe('group:default/platform-team');
  });

  it('shows the fields a dependency adds, and requires them', async () => {
    scaffolder();
    renderForm();
    await fillFirstPage();
    expect(screen.queryByLabelText(/^Other host/)).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText(/^Hosting/), 'other');
    expect(await screen.findByLabelText(/^Other host/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('is a required property')).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/^Other host/), 'gitea.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('heading', { name: 'Where to publish' })).toBeTruthy();
  });

  it("takes the person back to the field the scaffolder's validation refused", async () => {
    scaffolder(() => json({ errors: [{ property: 'instance.name', message: 'does not match pattern', name: 'pattern', stack: 'instance.name does not match pattern' }] }, 400));
    renderForm();
    await fillFirstPage();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await fillSecondPage();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Create' }));

    expect((await screen.findByRole('alert')).textContent).toContain('instance.name does not match pattern');
    expect(screen.getByRole('heading', { name: 'About the site' })).toBeTruthy();
    expect(screen.getByText('does not match pattern')).toBeTruthy();
  });

  it('does not offer Create to someone the scaffolder refuses tasks', async () => {
    fakeFetch((url, init) => {
      if (url.pathname.endsWith('/parameter-schema')) return json({ title: 'T', steps: [{ title: 'P', schema: { type: 'object', properties: {} } }] });
      if (url.pathname === '/api/scaffolder/v2/tasks' && init.method === 'POST') return json({ error: { name: 'NotAllowedError', message: 'scaffolder.task.create' } }, 403);
      return json({ items: [], totalItems: 0, pageInfo: {} });
    });
    renderForm();
    await userEvent.click(await screen.findByRole('button', { name: 'Review' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create' })).toHaveProperty('disabled', true));
  });
});
