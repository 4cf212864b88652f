import { useSearchParams } from 'react-router-dom';
import { CatalogFilters, FILTER_FIELDS } from '../api/catalog';

const URL_KEYS = [...FILTER_FIELDS.map(({ key }) => key), 'text', 'owned', 'starred'] as const;

/**
 * The catalog page's state lives in the URL, so a filtered page can be bookmarked, shared and
 * reloaded: ?kind=component&owner=…&tag=…&text=…, plus the cursor of the page being shown.
 */
export function useCatalogUrl() {
  const [params, setParams] = useSearchParams();
  const filters: CatalogFilters = {};
  for (const key of URL_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const cursor = params.get('cursor') ?? undefined;

  /** A changed filter starts again from the first page, whose cursor no longer applies. */
  function setFilter(key: keyof CatalogFilters, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'kind') {
      // Types, owners and lifecycles differ between kinds: keep none that may not exist.
      next.delete('type');
    }
    next.delete('cursor');
    setParams(next);
  }

  function setCursor(value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set('cursor', value);
    else next.delete('cursor');
    setParams(next);
  }

  return { filters, cursor, setFilter, setCursor };
}
