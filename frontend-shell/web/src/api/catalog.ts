import { parseEntityRef } from './entityRef';
import { fetchJson } from './http';

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
}

export interface EntityRelation {
  type: string;
  targetRef: string;
}

export interface ProcessingError {
  type?: string;
  level?: string;
  message?: string;
  error?: { name?: string; message?: string };
}

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    tags?: string[];
    links?: EntityLink[];
    annotations?: Record<string, string>;
    uid?: string;
  };
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
  status?: { items?: ProcessingError[] };
}

export interface EntityPage {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

/** The catalog page's filters: the name each has in the page's URL, its label, the entity field it matches. */
export const FILTER_FIELDS = [
  { key: 'kind', label: 'Kind', field: 'kind' },
  { key: 'type', label: 'Type', field: 'spec.type' },
  { key: 'owner', label: 'Owner', field: 'spec.owner' },
  { key: 'lifecycle', label: 'Lifecycle', field: 'spec.lifecycle' },
  { key: 'tag', label: 'Tag', field: 'metadata.tags' },
  { key: 'namespace', label: 'Namespace', field: 'metadata.namespace' },
] as const;

export type FilterKey = (typeof FILTER_FIELDS)[number]['key'];

/**
 * What the catalog page filters by; every field is optional and lives in the URL. `owned=me`
 * keeps entities owned by the signed-in user or a group of theirs, `starred=true` the entities
 * starred in this browser.
 */
export type CatalogFilters = Partial<Record<FilterKey | 'text' | 'owned' | 'starred', string>>;

export const PAGE_SIZE = 20;

/**
 * Backstage's `filter` parameters: each a comma-separated list of key=value conditions that must
 * all hold, and an entity matches if any one filter does. `ownershipRefs`, when given, keep only
 * entities owned by one of them (a key repeated in one filter matches any of its values). With
 * `starred=true` there is one filter per starred entity that the kind and namespace chosen allow,
 * each naming that entity besides the other conditions.
 */
export function filterParameters(filters: CatalogFilters, ownershipRefs: string[] = [], starredRefs: string[] = []): string[] {
  const conditions = (keys: readonly string[]) =>
    FILTER_FIELDS.filter(({ key }) => filters[key] && keys.includes(key)).map(({ key, field }) => `${field}=${filters[key]}`)
      .concat(ownershipRefs.map((ref) => `relations.ownedBy=${ref}`));
  if (filters.starred !== 'true') {
    const all = conditions(FILTER_FIELDS.map(({ key }) => key));
    return all.length ? [all.join(',')] : [];
  }
  const others = conditions(FILTER_FIELDS.map(({ key }) => key).filter((key) => key !== 'kind' && key !== 'namespace'));
  return starredRefs
    .map((ref) => parseEntityRef(ref))
    .filter((ref) => (!filters.kind || ref.kind === filters.kind.toLowerCase()) && (!filters.namespace || ref.namespace === filters.namespace))
    .map((ref) => [`kind=${ref.kind}`, `metadata.namespace=${ref.namespace}`, `metadata.name=${ref.name}`, ...others].join(','));
}

/** The query string of /entities/by-query: a cursor carries the whole query, so it goes alone. */
export function queryString(filters: CatalogFilters, cursor?: string, ownershipRefs: string[] = [], starredRefs: string[] = []): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) {
    params.set('cursor', cursor);
    return params.toString();
  }
  filterParameters(filters, ownershipRefs, starredRefs).forEach((filter) => params.append('filter', filter));
  if (filters.text) {
    params.set('fullTextFilterTerm', filters.text);
    params.set('fullTextFilterFields', 'metadata.name,metadata.title,metadata.description');
  }
  params.set('orderField', 'metadata.name,asc');
  return params.toString();
}

export function queryEntities(filters: CatalogFilters, cursor?: string, ownershipRefs: string[] = [], starredRefs: string[] = []): Promise<EntityPage> {
  if (filters.starred === 'true' && !cursor && filterParameters(filters, ownershipRefs, starredRefs).length === 0) {
    // Nothing starred (of this kind): no filter would mean every entity, so there is nothing to ask.
    return Promise.resolve({ items: [], totalItems: 0, pageInfo: {} });
  }
  return fetchJson<EntityPage>(`/api/catalog/entities/by-query?${queryString(filters, cursor, ownershipRefs, starredRefs)}`);
}

export type Facets = Record<string, { value: string; count: number }[]>;

/** The values each filter can take, with counts, within the kind chosen (if any). */
export async function fetchFacets(kind?: string): Promise<Facets> {
  const params = new URLSearchParams();
  for (const { field } of FILTER_FIELDS) {
    params.append('facet', field);
  }
  if (kind) params.set('filter', `kind=${kind}`);
  const body = await fetchJson<{ facets: Facets }>(`/api/catalog/entity-facets?${params}`);
  return body.facets;
}

export function fetchEntity(kind: string, namespace: string, name: string): Promise<Entity> {
  const path = [kind, namespace, name].map(encodeURIComponent).join('/');
  return fetchJson<Entity>(`/api/catalog/entities/by-name/${path}`);
}

/** What registering a catalog file would add (dryRun) or has added. */
export interface LocationPreview {
  location: { id?: string; type: string; target: string };
  entities: Entity[];
  exists?: boolean;
}

/** Backstage's POST /locations: with `dryRun` it reads the file and tells what it holds, storing nothing. */
export function registerLocation(target: string, dryRun: boolean): Promise<LocationPreview> {
  return fetchJson<LocationPreview>(`/api/catalog/locations${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'url', target }),
  });
}

/** Backstage's POST /analyze-location answer: the catalog file a repository holds, or an entity to start one with. */
export interface LocationAnalysis {
  existingEntityFiles: { location: { type: string; target: string }; isRegistered: boolean; entity: Entity }[];
  generateEntities: { entity: Entity }[];
}

/** Looks into a repository for its catalog file, as Backstage's catalog import does before registering. */
export function analyzeLocation(target: string): Promise<LocationAnalysis> {
  return fetchJson<LocationAnalysis>('/api/catalog/analyze-location', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ location: { type: 'url', target } }),
  });
}

/** Backstage's POST /entities/by-refs: the entities named, in order; those the catalog lacks are left out. */
export async function fetchEntitiesByRefs(entityRefs: string[]): Promise<Entity[]> {
  const body = await fetchJson<{ items: (Entity | null)[] }>('/api/catalog/entities/by-refs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ entityRefs }),
  });
  return body.items.filter((entity): entity is Entity => entity !== null);
}

/** Asks the catalog to read again, now, the location that gives the entity (admins only). */
export function refreshEntity(entityRef: string): Promise<{ locations: unknown[] }> {
  return fetchJson('/api/catalog/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ entityRef }),
  });
}

export interface RegisteredLocation {
  id: string;
  type: string;
  target: string;
}

/** The registered location an entity came from; 404 for entities of the config's own locations. */
export function fetchLocationOfEntity(kind: string, namespace: string, name: string): Promise<RegisteredLocation> {
  const path = [kind, namespace, name].map(encodeURIComponent).join('/');
  return fetchJson<RegisteredLocation>(`/api/catalog/locations/by-entity/${path}`);
}

/** Unregisters a location: the catalog removes it and the entities it gave (admins only). */
export function deleteLocation(id: string): Promise<void> {
  return fetchJson<void>(`/api/catalog/locations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Entities matching Backstage `filter` parameters (each `key=value,…`; an entity matches any one
 * filter), by name, up to `limit`: what the scaffolder's entity pickers offer.
 */
export async function fetchEntitiesWhere(filters: string[], limit: number): Promise<Entity[]> {
  const params = new URLSearchParams({ limit: String(limit), orderField: 'metadata.name,asc' });
  filters.forEach((filter) => params.append('filter', filter));
  return (await fetchJson<EntityPage>(`/api/catalog/entities/by-query?${params}`)).items;
}
