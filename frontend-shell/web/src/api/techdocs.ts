import { Entity, EntityPage } from './catalog';
import { EntityRef } from './entityRef';
import { fetchJson, fetchText } from './http';

/** The annotation that says an entity has docs, as in Backstage. */
export const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/** techdocs_metadata.json as techdocs-cli writes it. */
export interface TechDocsMetadata {
  site_name?: string;
  site_description?: string;
  etag?: string;
  build_timestamp?: number;
}

/** mkdocs' search/search_index.json: one document per page or section. */
export interface SearchIndex {
  docs: { location: string; title: string; text: string }[];
}

function sitePath(entity: EntityRef): string {
  return [entity.namespace, entity.kind, entity.name].map((part) => encodeURIComponent(part.toLowerCase())).join('/');
}

/** The URL of a file of the entity's site, below techdocs' static route; `path` is already URL-encoded. */
export function staticUrl(entity: EntityRef, path: string): string {
  return `/api/techdocs/static/docs/${sitePath(entity)}/${path}`;
}

export function fetchTechDocsMetadata(entity: EntityRef): Promise<TechDocsMetadata> {
  return fetchJson<TechDocsMetadata>(`/api/techdocs/metadata/techdocs/${sitePath(entity)}`);
}

/** A page's HTML as published: a folder's page is its index.html. */
export function fetchDocsPage(entity: EntityRef, pagePath: string): Promise<string> {
  return fetchText(staticUrl(entity, pagePath === '' || pagePath.endsWith('/') ? `${pagePath}index.html` : pagePath));
}

export function fetchSearchIndex(entity: EntityRef): Promise<SearchIndex> {
  return fetchJson<SearchIndex>(staticUrl(entity, 'search/search_index.json'));
}

export interface DocsFilters {
  owner?: string;
  kind?: string;
}

/** Every entity with a techdocs-ref, optionally of one owner and kind, by name. */
export async function fetchDocumentedEntities(filters: DocsFilters): Promise<Entity[]> {
  const conditions = [`metadata.annotations.${TECHDOCS_REF}`];
  if (filters.kind) conditions.push(`kind=${filters.kind}`);
  if (filters.owner) conditions.push(`spec.owner=${filters.owner}`);
  const entities: Entity[] = [];
  let cursor: string | undefined;
  // Pages of 100, at most 20 of them: a docs list of 2,000 entities is already more than a page shows.
  for (let page = 0; page < 20; page++) {
    const params = new URLSearchParams({ limit: '100' });
    if (cursor) {
      params.set('cursor', cursor);
    } else {
      params.append('filter', conditions.join(','));
      params.set('orderField', 'metadata.name,asc');
    }
    const answer = await fetchJson<EntityPage>(`/api/catalog/entities/by-query?${params}`);
    entities.push(...answer.items);
    cursor = answer.pageInfo.nextCursor;
    if (!cursor) break;
  }
  return entities;
}
