// Drives Backlot's catalog with Backstage's own client, @backstage/catalog-client, through every
// method it has, and checks the answers against what Backstage gives for the sample catalog in
// examples/ (see ../../../../../../shared/backstage-catalog-compat.md for the observed shapes).
// Run by CatalogClientCompatTest: CATALOG_URL, TOKEN and FILES_URL come from the environment.
import { CatalogClient, CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import assert from 'node:assert/strict';

const { CATALOG_URL, TOKEN, FILES_URL } = process.env;
const client = new CatalogClient({
  discoveryApi: { getBaseUrl: async () => CATALOG_URL },
  fetchApi: {
    fetch: (url, init = {}) => fetch(url, { ...init, headers: { ...init.headers, Authorization: `Bearer ${TOKEN}` } }),
  },
});
const names = items => items.map(e => e?.metadata?.name);
const checks = [];
const check = (name, run) => checks.push({ name, run });

check('getEntities filters, selects fields and orders', async () => {
  const { items } = await client.getEntities({
    filter: { kind: 'Component' }, fields: ['metadata.name'], order: { field: 'metadata.name', order: 'asc' },
  });
  assert.deepEqual(names(items), ['backlot', 'billing-worker', 'checkout-service', 'product-service', 'recommendations', 'web-shop']);
  assert.deepEqual(Object.keys(items[0]), ['metadata']);
});
check('getEntities pages with limit and offset', async () => {
  const { items } = await client.getEntities({
    filter: { kind: 'component' }, order: { field: 'metadata.name', order: 'asc' }, limit: 2, offset: 2,
  });
  assert.deepEqual(names(items), ['checkout-service', 'product-service']);
});
check('getEntities: CATALOG_FILTER_EXISTS and OR across filter sets', async () => {
  const exists = await client.getEntities({ filter: { kind: 'component', 'spec.providesApis': CATALOG_FILTER_EXISTS } });
  assert.deepEqual(names(exists.items).sort(), ['checkout-service', 'product-service']);
  const either = await client.getEntities({ filter: [{ kind: 'api' }, { kind: 'domain' }] });
  assert.deepEqual(names(either.items).sort(), ['commerce', 'payments-api', 'product-api']);
});
check('getEntitiesByRefs keeps request order, with undefined for unknown or filtered out', async () => {
  const refs = ['component:default/web-shop', 'component:default/nope', 'group:payments-team'];
  assert.deepEqual(names((await client.getEntitiesByRefs({ entityRefs: refs, fields: ['metadata.name'] })).items),
    ['web-shop', undefined, 'payments-team']);
  assert.deepEqual(names((await client.getEntitiesByRefs({ entityRefs: refs, filter: { kind: 'group' } })).items),
    [undefined, undefined, 'payments-team']);
  assert.deepEqual(names((await client.getEntitiesByRefs({ entityRefs: refs, query: { kind: 'component' } })).items),
    ['web-shop', undefined, undefined]);
});
check('queryEntities pages with cursors, forwards and back', async () => {
  const first = await client.queryEntities({
    filter: { kind: 'component' }, orderFields: { field: 'metadata.name', order: 'asc' }, limit: 4, fields: ['metadata.name'],
  });
  assert.equal(first.totalItems, 6);
  assert.deepEqual(names(first.items), ['backlot', 'billing-worker', 'checkout-service', 'product-service']);
  assert.equal(first.pageInfo.prevCursor, undefined);
  const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor, limit: 4, fields: ['metadata.name'] });
  assert.deepEqual(names(second.items), ['recommendations', 'web-shop']);
  assert.equal(second.pageInfo.nextCursor, undefined);
  const back = await client.queryEntities({ cursor: second.pageInfo.prevCursor, limit: 4, fields: ['metadata.name'] });
  assert.deepEqual(names(back.items), ['backlot', 'billing-worker', 'checkout-service', 'product-service']);
});
check('queryEntities skips an offset on its first page, then goes on by cursor', async () => {
  const skipped = await client.queryEntities({
    filter: { kind: 'component' }, orderFields: { field: 'metadata.name', order: 'asc' }, limit: 2, offset: 2, fields: ['metadata.name'],
  });
  assert.equal(skipped.totalItems, 6);
  assert.deepEqual(names(skipped.items), ['checkout-service', 'product-service']);
  assert.equal(skipped.pageInfo.prevCursor, undefined, 'a first page, even with an offset, has no previous one');
  const next = await client.queryEntities({ cursor: skipped.pageInfo.nextCursor, limit: 2, fields: ['metadata.name'] });
  assert.deepEqual(names(next.items), ['recommendations', 'web-shop']);
});
check('queryEntities with a predicate query and a full-text filter', async () => {
  const predicate = await client.queryEntities({
    query: { $any: [{ kind: 'api' }, { 'metadata.name': { $hasPrefix: 'web-' } }] },
    orderFields: { field: 'metadata.name', order: 'asc' },
  });
  assert.deepEqual(names(predicate.items), ['payments-api', 'product-api', 'web-shop']);
  const text = await client.queryEntities({
    filter: { kind: 'component' }, fullTextFilter: { term: 'SERV', fields: ['metadata.name'] },
    orderFields: { field: 'metadata.name', order: 'asc' },
  });
  assert.equal(text.totalItems, 2);
  assert.deepEqual(names(text.items), ['checkout-service', 'product-service']);
});
check('streamEntities yields every page', async () => {
  const seen = [];
  for await (const page of client.streamEntities({ filter: { kind: 'user' }, pageSize: 2 })) {
    seen.push(...names(page));
  }
  assert.equal(seen.length, 4);
  assert.equal(new Set(seen).size, 4);
});
check('getEntityByRef and getEntityByName', async () => {
  assert.equal((await client.getEntityByRef('component:default/web-shop')).metadata.name, 'web-shop');
  assert.equal((await client.getEntityByRef({ kind: 'Group', namespace: 'default', name: 'payments-team' })).kind, 'Group');
  assert.equal(await client.getEntityByRef('component:default/nope'), undefined);
});
check('getEntityAncestors leads to the location', async () => {
  const ancestry = await client.getEntityAncestors({ entityRef: 'component:default/checkout-service' });
  assert.equal(ancestry.items.length, 3);
  assert.equal(ancestry.items[0].entity.metadata.name, 'checkout-service');
  assert.equal(ancestry.rootEntityRef, 'component:default/checkout-service');
  assert.match(ancestry.items[2].entity.metadata.name, /^generated-[0-9a-f]{40}$/);
});
check('getEntityFacets by filter and by predicate', async () => {
  const expected = [{ value: 'service', count: 4 }, { value: 'website', count: 2 }];
  assert.deepEqual((await client.getEntityFacets({ facets: ['spec.type'], filter: { kind: 'component' } })).facets['spec.type'], expected);
  assert.deepEqual((await client.getEntityFacets({ facets: ['spec.type'], query: { kind: 'component' } })).facets['spec.type'], expected);
});
check('validateEntity', async () => {
  const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service', lifecycle: 'production', owner: 'team' } };
  assert.deepEqual(await client.validateEntity(entity, 'url:https://example.com/catalog-info.yaml'), { valid: true });
  const invalid = await client.validateEntity({ ...entity, spec: { type: 'service', lifecycle: 'production' } }, 'url:https://example.com/catalog-info.yaml');
  assert.equal(invalid.valid, false);
  assert.match(invalid.errors[0].message, /owner/);
});
check('analyzeLocation finds the catalog file of a repository', async () => {
  const analysis = await client.analyzeLocation({ location: { type: 'url', target: `${FILES_URL}/acme/payments` } });
  assert.deepEqual(analysis.existingEntityFiles.map(f => f.entity.kind), ['Component', 'API']);
  assert.equal(analysis.existingEntityFiles[0].isRegistered, false);
});
check('locations: dry run, add, read, query, conflict, refresh, update, remove', async () => {
  const target = `${FILES_URL}/acme/inventory/catalog-info.yaml`;
  const dry = await client.addLocation({ type: 'url', target, dryRun: true });
  assert.equal(dry.exists, false);
  assert.deepEqual(dry.entities.map(e => e.kind), ['Location', 'Component']);
  const { location } = await client.addLocation({ type: 'url', target });
  assert.equal((await client.getLocationById(location.id)).target, target);
  assert.ok((await client.getLocations()).items.some(l => l.id === location.id));
  assert.deepEqual((await client.queryLocations({ query: { target: { $hasPrefix: FILES_URL } } })).items.map(l => l.id), [location.id]);
  assert.equal((await client.getLocationByRef(`url:${target}`)).id, location.id);
  assert.equal((await client.getLocationByEntity('component:default/inventory')).id, location.id);
  await assert.rejects(client.addLocation({ type: 'url', target }), e => e.body?.error?.name === 'ConflictError');
  assert.equal((await client.addLocation({ type: 'url', target, onConflict: 'refresh' })).location.id, location.id);
  await client.refreshEntity('component:default/inventory');

  const moved = `${FILES_URL}/acme/billing/catalog-info.yaml`;
  assert.equal((await client.updateLocation(location.id, { type: 'url', target: moved })).target, moved);
  assert.equal(await client.getEntityByRef('component:default/inventory'), undefined);
  const billing = await client.getEntityByRef('component:default/billing');
  assert.equal(billing.metadata.name, 'billing');

  await client.removeEntityByUid(billing.metadata.uid);
  assert.equal(await client.getEntityByRef('component:default/billing'), undefined);
  await client.removeLocationById(location.id);
  assert.equal(await client.getLocationById(location.id), undefined);
});

let failed = 0;
for (const { name, run } of checks) {
  try {
    await run();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
  }
}
console.log(`${checks.length - failed} of ${checks.length} catalog-client checks passed`);
process.exit(failed === 0 ? 0 : 1);
