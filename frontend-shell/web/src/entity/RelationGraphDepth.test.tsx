import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Entity } from '../api/catalog';
import { fakeFetch, json } from '../testing/fakeApi';
import { component } from '../testing/fakeCatalog';
import { exploreNeighbourhood } from './neighbourhood';
import { RelationGraph } from './RelationGraph';

afterEach(() => vi.unstubAllGlobals());

const checkout: Entity = {
  ...component('checkout'),
  relations: [
    { type: 'dependsOn', targetRef: 'component:default/payments' },
    { type: 'ownedBy', targetRef: 'group:default/shop-team' },
  ],
};
const payments: Entity = {
  ...component('payments'),
  relations: [
    { type: 'dependencyOf', targetRef: 'component:default/checkout' },
    { type: 'dependsOn', targetRef: 'resource:default/payments-db' },
    { type: 'ownedBy', targetRef: 'group:default/payments-team' },
  ],
};
const shopTeam: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'shop-team', namespace: 'default' }, relations: [{ type: 'ownerOf', targetRef: 'component:default/checkout' }] };

describe('the relation graph further out', () => {
  it('reaches the entities two steps away through the catalog, each once, the pair of a relation one line', async () => {
    const asked: string[][] = [];
    const result = await exploreNeighbourhood(checkout, 2, new Set(), async (refs) => {
      asked.push(refs);
      return new Map([['component:default/payments', payments.relations!], ['group:default/shop-team', shopTeam.relations!]]);
    });
    expect(asked).toEqual([['component:default/payments', 'group:default/shop-team']]);
    expect(result.levels).toEqual([
      ['component:default/payments', 'group:default/shop-team'],
      ['group:default/payments-team', 'resource:default/payments-db'],
    ]);
    expect(result.edges).toContainEqual({ from: 'component:default/checkout', to: 'component:default/payments', types: ['dependsOn'] });
    expect(result.edges).toHaveLength(4);
  });

  it('follows only the relation kinds chosen', async () => {
    const result = await exploreNeighbourhood(checkout, 3, new Set(['ownedBy', 'ownerOf']), async () => new Map([['component:default/payments', payments.relations!]]));
    expect(result.levels.flat()).toEqual(['component:default/payments', 'resource:default/payments-db']);
  });

  it('draws the second level when the depth is raised', async () => {
    const requests = fakeFetch(() => json({ items: [payments, shopTeam] }));
    const { container } = render(<MemoryRouter><RelationGraph entity={checkout} /></MemoryRouter>);
    expect(container.querySelectorAll('a.node')).toHaveLength(2);

    await userEvent.selectOptions(screen.getByLabelText('Depth'), '2');
    expect((await screen.findByRole('group', { name: /within 2 steps/ })).textContent).toContain('component:checkout and 4 entities within 2 steps');
    expect(container.querySelector('a.node[href="/catalog/default/resource/payments-db"]')).not.toBeNull();
    expect(requests[0].url.pathname).toBe('/api/catalog/entities/by-refs');
    expect(JSON.parse(String(requests[0].init.body))).toEqual({ entityRefs: ['component:default/payments', 'group:default/shop-team'] });
  });

  it('says why the entities further out cannot be drawn', async () => {
    fakeFetch(() => json({ error: { name: 'Error', message: 'catalog unavailable' } }, 503));
    render(<MemoryRouter><RelationGraph entity={checkout} /></MemoryRouter>);
    await userEvent.selectOptions(screen.getByLabelText('Depth'), '3');
    expect((await screen.findByRole('alert')).textContent).toContain('catalog unavailable');
  });
});
