import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { Entity } from '../api/catalog';
import { component } from '../testing/fakeCatalog';
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
