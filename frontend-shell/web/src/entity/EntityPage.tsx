import { Link, NavLink, useParams } from 'react-router-dom';
import { apiDocsPath } from '../api/apiDocs';
import { fetchEntity } from '../api/catalog';
import { ApiError } from '../api/http';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { TECHDOCS_REF } from '../api/techdocs';
import { StarButton } from '../starred/StarButton';
import { TechDocsReader } from '../techdocs/TechDocsReader';
import { PluginEntityCards, PluginEntityTabs } from '../uiplugins/UiPlugins';
import { AboutCard } from './AboutCard';
import { EntityActions } from './EntityActions';
import { ProcessingErrors } from './ProcessingErrors';
import { RelationGraph } from './RelationGraph';
import { RelationsCard } from './RelationsCard';

/** An entity: its overview, and a Docs tab when it has a techdocs-ref (`tab="docs"`, the page below /docs). */
export function EntityPage({ tab = 'overview' }: { tab?: 'overview' | 'docs' }) {
  const { namespace = 'default', kind = '', name = '', '*': docsPage = '' } = useParams();
  const base = `/catalog/${[namespace, kind, name].map(encodeURIComponent).join('/')}`;
  const entity = useAsync(
    () =>
      fetchEntity(kind, namespace, name).catch((error: Error) => {
        throw error instanceof ApiError && error.status === 404 ? new Error(`There is no ${kind} ${namespace}/${name} in the catalog.`) : error;
      }),
    [kind, namespace, name],
  );
  return (
    <Async state={entity} what={`${kind} ${name}`}>
      {(value) => (
        <article className="entity-page">
          <header className="entity-header">
            <p className="eyebrow">
              {value.kind}
              {typeof value.spec?.type === 'string' ? ` · ${value.spec.type}` : ''}
            </p>
            <div className="title-row">
              <h1>{value.metadata.title ?? value.metadata.name}</h1>
              <StarButton entity={{ kind: value.kind, namespace: value.metadata.namespace ?? 'default', name: value.metadata.name }} label={value.metadata.name} />
            </div>
            {value.kind.toLowerCase() === 'api' && (
              <p>
                <Link to={apiDocsPath({ namespace: value.metadata.namespace ?? 'default', name: value.metadata.name })}>Definition and versions</Link>
              </p>
            )}
            <EntityActions entity={value} />
          </header>
          {value.metadata.annotations?.[TECHDOCS_REF] && (
            <nav className="entity-tabs" aria-label="Entity views">
              <NavLink to={base} end>Overview</NavLink>
              <NavLink to={`${base}/docs/`}>Docs</NavLink>
            </nav>
          )}
          {tab === 'docs' ? (
            <TechDocsReader entity={{ namespace, kind: kind.toLowerCase(), name }} basePath={`${base}/docs`} pagePath={docsPage} />
          ) : (
            <>
              <ProcessingErrors entity={value} />
              <div className="cards">
                <AboutCard entity={value} />
                <RelationsCard entity={value} />
                <PluginEntityCards entity={value} />
              </div>
              <RelationGraph entity={value} />
              <PluginEntityTabs entity={value} />
            </>
          )}
        </article>
      )}
    </Async>
  );
}
