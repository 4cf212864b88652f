import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Entity } from '../api/catalog';
import { fakeFetch, json } from '../testing/fakeApi';
import { TemplateListPage } from './TemplateListPage';

afterEach(() => vi.unstubAllGlobals());
// Typing a form through user-event is slow on a loaded machine: waits are for the UI, not a measure of it.
configure({ asyncUtilTimeout: 10_000 });

const template = (name: string, title: string, description: string, tags: string[]): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, namespace: 'default', title, description, tags },
  spec: { owner: 'group:default/platform-team', type: 'service' },
});

function catalogOfTemplates(createStatus: number) {
  return fakeFetch((url, init) => {
    if (url.pathname === '/api/scaffolder/v2/tasks' && init.method === 'POST') return json({ error: { message: 'no' } }, createStatus);
    // Two pages, as the catalog pages them.
    if (!url.searchParams.get('cursor')) {
      return json({ items: [template('docs-site', 'Documentation site', 'A MkDocs site', ['docs', 'techdocs'])], totalItems: 2, pageInfo: { nextCursor: 'c2' } });
    }
    return json({ items: [template('cloud-run-function', 'Java function on Cloud Run', 'An HTTP function', ['java'])], totalItems: 2, pageInfo: {} });
  });
}

describe('the Create page', { timeout: 30_000 }, () => {
  it("lists the catalog's templates as cards, filtered by words and by tag", async () => {
    const requests = catalogOfTemplates(400);
    render(<MemoryRouter><TemplateListPage /></MemoryRouter>);
    const docs = (await screen.findByRole('heading', { name: 'Documentation site' })).closest('li')!;
    expect(within(docs).getByText('A MkDocs site')).toBeTruthy();
    expect(within(docs).getByText('Owner: platform-team')).toBeTruthy();
    expect(within(docs).getByText('techdocs')).toBeTruthy();
    expect(within(docs).getByRole('link', { name: 'Choose Documentation site' }).getAttribute('href')).toBe('/create/templates/default/docs-site');
    expect(requests[0].url.searchParams.getAll('filter')).toEqual(['kind=Template']);
    expect(screen.getByRole('heading', { name: 'Java function on Cloud Run' })).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Search templates'), 'cloud');
    expect(screen.queryByRole('heading', { name: 'Documentation site' })).toBeNull();
    await userEvent.clear(screen.getByLabelText('Search templates'));
    await userEvent.selectOptions(screen.getByLabelText('Tag'), 'docs');
    expect(screen.queryByRole('heading', { name: 'Java function on Cloud Run' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Documentation site' })).toBeTruthy();
  });

  it('offers no Choose to someone the scaffolder refuses tasks', async () => {
    catalogOfTemplates(403);
    render(<MemoryRouter><TemplateListPage /></MemoryRouter>);
    expect(await screen.findByText(/do not have the scaffolder.task.create permission/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /^Choose/ })).toBeNull();
  });
});
