import { Link, useParams, useSearchParams } from 'react-router-dom';
import { entityPath, parseEntityRef } from '../api/entityRef';
import { fetchDocumentedEntities } from '../api/techdocs';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { TechDocsReader } from './TechDocsReader';

/** Where the reader shows an entity's docs on their own: /docs/:namespace/:kind/:name/<page>. */
export function docsPath(ref: { namespace: string; kind: string; name: string }): string {
  return `/docs/${[ref.namespace, ref.kind.toLowerCase(), ref.name].map(encodeURIComponent).join('/')}/`;
}

/** /docs: every documented entity, filtered by owner and kind through the URL. */
export function DocsListPage() {
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? '';
  const kind = params.get('kind') ?? '';
  const entities = useAsync(() => fetchDocumentedEntities({ owner: owner || undefined, kind: kind || undefined }), [owner, kind]);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <article className="docs-list-page">
      <h1>Documentation</h1>
      <div className="filters" role="group" aria-label="Filters">
        <label>
          Owner <input value={owner} onChange={(event) => setFilter('owner', event.target.value.trim())} placeholder="group:default/team-a" />
        </label>
        <label>
          Kind
          <select value={kind} onChange={(event) => setFilter('kind', event.target.value)}>
            <option value="">Any</option>
            {['Component', 'API', 'System', 'Domain', 'Resource', 'Group'].map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <Async state={entities} what="documented entities">
        {(items) =>
          items.length === 0 ? (
            <p className="muted">No documented entities{owner || kind ? ' match these filters' : ' yet: add backstage.io/techdocs-ref to a catalog file'}.</p>
          ) : (
            <table className="entity-table">
              <thead>
                <tr><th>Docs</th><th>Kind</th><th>Owner</th><th>Description</th></tr>
              </thead>
              <tbody>
                {items.map((entity) => {
                  const ref = { namespace: entity.metadata.namespace ?? 'default', kind: entity.kind, name: entity.metadata.name };
                  const owned = typeof entity.spec?.owner === 'string' ? entity.spec.owner : '';
                  return (
                    <tr key={`${ref.kind}:${ref.namespace}/${ref.name}`}>
                      <td><Link to={docsPath(ref)}>{entity.metadata.title ?? entity.metadata.name}</Link></td>
                      <td>{entity.kind}</td>
                      <td>{owned && <Link to={entityPath(parseEntityRef(owned, 'group'))}>{owned}</Link>}</td>
                      <td>{entity.metadata.description ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Async>
    </article>
  );
}

/** /docs/:namespace/:kind/:name/*: one entity's docs, the page being the rest of the path. */
export function DocsReaderPage() {
  const { namespace = 'default', kind = '', name = '', '*': page = '' } = useParams();
  const entity = { namespace, kind: kind.toLowerCase(), name };
  return (
    <article className="docs-reader-page">
      <p className="eyebrow">
        <Link to={entityPath(entity)}>{kind} {name}</Link>
      </p>
      <TechDocsReader entity={entity} basePath={docsPath(entity).slice(0, -1)} pagePath={page} />
    </article>
  );
}
