import { queryEntities } from '../api/catalog';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { EntityTable } from './EntityTable';

/** The catalog's API entities; each links to its entity page. Rendered definitions and versions are still to come. */
export function ApiListPage() {
  const apis = useAsync(() => queryEntities({ kind: 'api' }), []);
  return (
    <section>
      <h1>APIs</h1>
      <Async state={apis} what="APIs">
        {(page) => <EntityTable entities={page.items} />}
      </Async>
    </section>
  );
}
