import { fetchFacets, queryEntities } from '../api/catalog';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { CatalogFilterBar } from './CatalogFilterBar';
import { EntityTable } from './EntityTable';
import { Pager } from './Pager';
import { useCatalogUrl } from './useCatalogUrl';

export function CatalogPage() {
  const { filters, cursor, setFilter, setCursor } = useCatalogUrl();
  const facets = useAsync(() => fetchFacets(filters.kind), [filters.kind]);
  const page = useAsync(() => queryEntities(filters, cursor), [JSON.stringify(filters), cursor]);
  return (
    <section>
      <h1>Catalog</h1>
      <CatalogFilterBar filters={filters} facets={facets.status === 'done' ? facets.value : {}} onChange={setFilter} />
      <Async state={page} what="entities">
        {(value) => (
          <>
            <EntityTable entities={value.items} />
            <Pager page={value} onCursor={setCursor} />
          </>
        )}
      </Async>
    </section>
  );
}
