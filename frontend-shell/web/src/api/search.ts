import { fetchJson } from './http';

/** One document as the search plugin answers it (Backstage's `SearchDocument` with its type's fields). */
export interface SearchDocument {
  title: string;
  text: string;
  location: string;
  kind?: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  tags?: string[];
  [field: string]: unknown;
}

export interface SearchResult {
  type: string;
  document: SearchDocument;
  highlight?: { preTag: string; postTag: string; fields: Record<string, string> };
  rank: number;
}

/** Backstage's `SearchResultSet`. */
export interface SearchResultSet {
  results: SearchResult[];
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults?: number;
}

export interface SearchQuery {
  term: string;
  types?: string[];
  filters?: Record<string, string | string[]>;
  pageCursor?: string;
  pageLimit?: number;
}

/** The document types the search plugin indexes, with the names people read. */
export const DOCUMENT_TYPES: Record<string, string> = {
  'software-catalog': 'Software catalog',
  'api-definition': 'API operations',
  techdocs: 'Documentation',
};

/**
 * The query string as Backstage's SearchClient writes it (`qs` with indices): `types[0]=…`,
 * `filters[kind]=…`, `filters[tags][0]=…` for several values.
 */
export function searchQueryString(query: SearchQuery): string {
  const params = new URLSearchParams();
  params.set('term', query.term);
  (query.types ?? []).forEach((type, i) => params.append(`types[${i}]`, type));
  Object.entries(query.filters ?? {}).forEach(([field, value]) => {
    if (Array.isArray(value)) {
      value.forEach((one, i) => params.append(`filters[${field}][${i}]`, one));
    } else {
      params.append(`filters[${field}]`, value);
    }
  });
  if (query.pageCursor) params.set('pageCursor', query.pageCursor);
  if (query.pageLimit) params.set('pageLimit', String(query.pageLimit));
  return params.toString();
}

export function search(query: SearchQuery, signal?: AbortSignal): Promise<SearchResultSet> {
  return fetchJson<SearchResultSet>(`/api/search/query?${searchQueryString(query)}`, { signal });
}
