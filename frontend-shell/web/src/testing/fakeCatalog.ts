import { vi } from 'vitest';
import { Entity, EntityPage } from '../api/catalog';

export function component(name: string, extra: Partial<Entity['metadata']> = {}, spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...extra },
    spec: { type: 'service', owner: 'group:default/payments-team', lifecycle: 'production', ...spec },
  };
}

export const GRACE = { userRef: 'user:default/grace.hopper', ownershipRefs: ['user:default/grace.hopper', 'group:default/platform-team'] };

/**
 * Stands in for the shell's API in component tests: answers by path with `pages` (entity queries, in
 * order of the calls), a few facets and Grace Hopper as the signed-in user, and records every URL the UI asked for.
 */
export function fakeCatalog(pages: EntityPage[]) {
  const requested: URL[] = [];
  let nextPage = 0;
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    requested.push(url);
    const body = url.pathname === '/api/whoami' ? GRACE : url.pathname.endsWith('/entity-facets')
      ? { facets: { kind: [{ value: 'Component', count: 3 }, { value: 'API', count: 2 }], 'spec.owner': [{ value: 'group:default/payments-team', count: 3 }] } }
      : pages[Math.min(nextPage++, pages.length - 1)];
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  const entityQueries = () => requested.filter((url) => url.pathname.endsWith('/entities/by-query'));
  return { requested, entityQueries };
}
