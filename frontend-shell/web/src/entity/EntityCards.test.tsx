import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Entity } from '../api/catalog';
import { AppConfigProvider } from '../frame/appConfig';
import { component } from '../testing/fakeCatalog';
import { fakeShell } from '../testing/fakeShell';
import { HOSTILE_URLS, unsafeHrefs } from '../testing/hostileUrls';
import { AboutCard } from './AboutCard';
import { ProcessingErrors } from './ProcessingErrors';
import { RelationGraph } from './RelationGraph';
import { RelationsCard } from './RelationsCard';

const payments: Entity = {
  ...component(
    'payments',
    {
      description: 'Takes the money',
      tags: ['java', 'payments'],
      links: [{ url: 'https://runbooks.acme.example/payments', title: 'Runbook' }],
      annotations: { 'backstage.io/source-location': 'url:https://github.com/acme/payments/tree/main/' },
    },
    { owner: 'payments-team', system: 'checkout' },
  ),
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/payments-team' },
    { type: 'partOf', targetRef: 'system:default/checkout' },
    { type: 'providesApi', targetRef: 'api:default/payments-api' },
    { type: 'dependsOn', targetRef: 'resource:default/payments-db' },
  ],
  status: { items: [{ type: 'backstage.io/catalog-processing', level: 'error', error: { name: 'InputError', message: 'spec.type is missing' } }] },
};

const inRouter = (element: React.ReactElement) => render(<MemoryRouter>{element}</MemoryRouter>);

afterEach(() => vi.unstubAllGlobals());

describe('the entity page cards', () => {
  it('the about card links the owner and system and shows tags, links and where the entity comes from', () => {
    inRouter(<AboutCard entity={payments} />);
    expect(screen.getByText('Takes the money')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'payments-team' }).getAttribute('href')).toBe('/catalog/default/group/payments-team');
    expect(screen.getByRole('link', { name: 'checkout' }).getAttribute('href')).toBe('/catalog/default/system/checkout');
    expect(screen.getByText('java')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Runbook' }).getAttribute('href')).toBe('https://runbooks.acme.example/payments');
    expect(screen.getByRole('link', { name: 'https://github.com/acme/payments/tree/main/' })).toBeTruthy();
  });

  it('makes no link of a script or data URL an entity names, in its links or as its source, and shows it as text', async () => {
    fakeShell();
    const hostile = component('hostile', {
      links: HOSTILE_URLS.map((url, index) => ({ url, title: `Link ${index}` })),
      annotations: { 'backstage.io/source-location': 'url:JaVaScRiPt:alert(document.cookie)' },
    });
    const { container } = inRouter(<AppConfigProvider><AboutCard entity={hostile} /></AppConfigProvider>);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(unsafeHrefs(container)).toEqual([]);
    HOSTILE_URLS.forEach((_, index) => expect(screen.getByText(`Link ${index}`, { exact: false })).toBeTruthy());
    expect(screen.getByText('JaVaScRiPt:alert(document.cookie)')).toBeTruthy();
  });

  it('links the schemes the operator adds to http, https and mailto, and only those', async () => {
    const links = [
      { url: 'slack://channel?team=T1&id=C1', title: 'Chat' },
      { url: 'mailto:payments@acme.example', title: 'Mail' },
      { url: 'ftp://files.acme.example/payments', title: 'Files' },
    ];
    fakeShell({ links: { allowedSchemes: ['http', 'https', 'mailto', 'slack'] } });
    inRouter(<AppConfigProvider><AboutCard entity={component('chatty', { links })} /></AppConfigProvider>);
    expect((await screen.findByRole('link', { name: 'Chat' })).getAttribute('href')).toBe('slack://channel?team=T1&id=C1');
    expect(screen.getByRole('link', { name: 'Mail' }).getAttribute('href')).toBe('mailto:payments@acme.example');
    expect(screen.queryByRole('link', { name: 'Files' })).toBeNull();
    expect(screen.getByText('Files', { exact: false })).toBeTruthy();
  });

  it('groups relations by type, each target a link to its page', () => {
    inRouter(<RelationsCard entity={payments} />);
    const types = screen.getAllByRole('term').map((term) => term.textContent);
    expect(types).toEqual(['dependsOn', 'ownedBy', 'partOf', 'providesApi']);
    const provides = screen.getByText('providesApi').parentElement!;
    expect(within(provides).getByRole('link', { name: 'api:payments-api' }).getAttribute('href')).toBe('/catalog/default/api/payments-api');
  });

  it('shows the errors of the last processing', () => {
    inRouter(<ProcessingErrors entity={payments} />);
    expect(screen.getByRole('alert').textContent).toContain('InputError: spec.type is missing');
  });

  it('draws one node per related entity around the entity itself', () => {
    const { container } = inRouter(<RelationGraph entity={payments} />);
    const nodes = [...container.querySelectorAll('a.node')].map((node) => node.getAttribute('href')).sort();
    expect(nodes).toEqual([
      '/catalog/default/api/payments-api',
      '/catalog/default/group/payments-team',
      '/catalog/default/resource/payments-db',
      '/catalog/default/system/checkout',
    ]);
    expect(screen.getByRole('group', { name: /related entities/ }).textContent).toContain('component:payments and its 4 directly related entities');
  });

  it('draws only the relation types chosen', async () => {
    const { container } = inRouter(<RelationGraph entity={payments} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'ownedBy' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'dependsOn' }));
    const nodes = [...container.querySelectorAll('a.node')].map((node) => node.getAttribute('href')).sort();
    expect(nodes).toEqual(['/catalog/default/api/payments-api', '/catalog/default/system/checkout']);

    await userEvent.click(screen.getByRole('checkbox', { name: 'ownedBy' }));
    expect(container.querySelectorAll('a.node')).toHaveLength(3);
  });
});
