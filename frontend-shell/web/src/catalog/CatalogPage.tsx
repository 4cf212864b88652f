import { CatalogFilters, EntityPage, fetchFacets, queryEntities } from '../api/catalog';
import { Async } from '../common/Async';
import { AsyncState, useAsync } from '../common/useAsync';
import { useIdentity } from '../frame/IdentityContext';
import { Identity } from '../frame/identity';
import { CatalogFilterBar } from './CatalogFilterBar';
import { EntityTable } from './EntityTable';
import { Pager } from './Pager';
import { useStarredRefs } from '../starred/starred';
import { useCatalogUrl } from './useCatalogUrl';

/** A page of entities; "owned by me" waits for who that is, and fails if the shell cannot say. */
function usePageOfEntities(filters: CatalogFilters, cursor: string | undefined, identity: AsyncState<Identity>, starredRefs: string[]): AsyncState<EntityPage> {
  const ownedByMe = filters.owned === 'me';
  const owners = ownedByMe && identity.status === 'done' ? identity.value.ownershipRefs : [];
  const waiting = ownedByMe && identity.status !== 'done';
  const starred = filters.starred === 'true' ? starredRefs : [];
  return useAsync(() => {
    if (waiting) {
      return identity.status === 'error' ? Promise.reject(identity.error) : new Promise<EntityPage>(() => {});
    }
    return queryEntities(filters, cursor, owners, starred);
    // Who is signed in matters only to "owned by me", the starred entities only to "starred":
    // otherwise their changes must not query again.
  }, [JSON.stringify(filters), cursor, owners.join(','), ownedByMe && identity.status, starred.join(',')]);
}

export function CatalogPage() {
  const { filters, cursor, setFilter, setCursor } = useCatalogUrl();
  const facets = useAsync(() => fetchFacets(filters.kind), [filters.kind]);
  const page = usePageOfEntities(filters, cursor, useIdentity(), useStarredRefs());
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
