import { queryEntities } from '../api/catalog';
import { apiDocsPath } from '../api/apiDocs';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { EntityTable } from './EntityTable';

/** The catalog's API entities; each name opens the API's rendered definition. */
export function ApiListPage() {
  const apis = useAsync(() => queryEntities({ kind: 'api' }), []);
  return (
    <section>
      <h1>APIs</h1>
      <Async state={apis} what="APIs">
        {(page) => <EntityTable entities={page.items} linkTo={apiDocsPath} />}
      </Async>
    </section>
  );
}
