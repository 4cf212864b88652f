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
 * keeps entities owned by the signed-in user or a group of theirs.
 */
export type CatalogFilters = Partial<Record<FilterKey | 'text' | 'owned', string>>;

export const PAGE_SIZE = 20;

/** Backstage's `filter` parameter: one comma-separated list of key=value conditions, all of which must hold. */
/** `ownershipRefs`, when given, keep only entities owned by one of them (a key repeated in one filter matches any of its values). */
export function filterParameter(filters: CatalogFilters, ownershipRefs: string[] = []): string | undefined {
  const conditions = FILTER_FIELDS.filter(({ key }) => filters[key]).map(({ key, field }) => `${field}=${filters[key]}`);
  conditions.push(...ownershipRefs.map((ref) => `relations.ownedBy=${ref}`));
  return conditions.length ? conditions.join(',') : undefined;
}

/** The query string of /entities/by-query: a cursor carries the whole query, so it goes alone. */
export function queryString(filters: CatalogFilters, cursor?: string, ownershipRefs: string[] = []): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) {
    params.set('cursor', cursor);
    return params.toString();
  }
  const filter = filterParameter(filters, ownershipRefs);
  if (filter) params.set('filter', filter);
  if (filters.text) {
    params.set('fullTextFilterTerm', filters.text);
    params.set('fullTextFilterFields', 'metadata.name,metadata.title,metadata.description');
  }
  params.set('orderField', 'metadata.name,asc');
  return params.toString();
}

export function queryEntities(filters: CatalogFilters, cursor?: string, ownershipRefs: string[] = []): Promise<EntityPage> {
  return fetchJson<EntityPage>(`/api/catalog/entities/by-query?${queryString(filters, cursor, ownershipRefs)}`);
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
