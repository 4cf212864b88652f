import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/http';
import { ApiVersion, VersionVerdict, fetchDefinition, fetchVersionVerdicts, fetchVersions } from '../api/apiDocs';
import { entityPath } from '../api/entityRef';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { ApiDefinition } from './ApiDefinition';
import { BreakingChangeReport } from './BreakingChangeReport';
import { ValidationReport } from './ValidationReport';
import { VersionSelect } from './VersionSelect';

/**
 * An API's page: its definition as docs, at the version in the URL (the latest when none), and the
 * changes between two versions (also in the URL), so any view can be linked to.
 */
export function ApiDocsPage() {
  const { namespace = 'default', name = '' } = useParams();
  const versions = useAsync(
    () =>
      fetchVersions(namespace, name).catch((error: Error) => {
        throw error instanceof ApiError && error.status === 404
          ? new Error(`No definition of api:${namespace}/${name} is stored yet; the api-docs plugin reads it from the catalog every few minutes.`)
          : error;
      }),
    [namespace, name],
  );
  return (
    <article className="api-docs-page">
      <header className="entity-header">
        <p className="eyebrow">API</p>
        <h1>{name}</h1>
        <p>
          <Link to={entityPath({ kind: 'api', namespace, name })}>Catalog entry</Link>
        </p>
      </header>
      <Async state={versions} what="the API's versions">
        {(list) => <VersionedDefinition namespace={namespace} name={name} versions={list} />}
      </Async>
    </article>
  );
}

function VersionedDefinition({ namespace, name, versions }: { namespace: string; name: string; versions: ApiVersion[] }) {
  const [params, setParams] = useSearchParams();
  const known = (value: string | null, fallback: ApiVersion) => versions.find((v) => v.version === value) ?? fallback;
  const selected = known(params.get('version'), versions[0]);
  const to = known(params.get('to'), versions[0]);
  const from = known(params.get('from'), versions[1] ?? versions[0]);
  const definition = useAsync(() => fetchDefinition(namespace, name, selected), [namespace, name, selected.version]);
  // The picker's marks are a convenience: without them (an older plugin, an error) the page still works.
  const verdicts = useAsync(
    () => (versions.length > 1 ? fetchVersionVerdicts(namespace, name).catch((): VersionVerdict[] => []) : Promise.resolve([])),
    [namespace, name, versions.length],
  );
  const marks = verdicts.status === 'done' ? verdicts.value : [];

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([key, value]) => next.set(key, value));
    setParams(next);
  }

  return (
    <>
      <div className="filter-bar">
        <VersionSelect label="Version" versions={versions} value={selected.version} onChange={(version) => update({ version })} verdicts={marks} />
        <p className="muted">
          {selected.format} {selected.specVersion ?? ''}
          {selected.valid ? '' : ` · stored with ${selected.errorCount} validation errors`}
        </p>
      </div>
      <ValidationReport namespace={namespace} name={name} version={selected.version} />
      {versions.length > 1 && (
        <BreakingChangeReport
          namespace={namespace}
          name={name}
          versions={versions}
          verdicts={marks}
          from={from.version}
          to={to.version}
          onChange={(nextFrom, nextTo) => update({ from: nextFrom, to: nextTo })}
        />
      )}
      <section aria-label="Definition" className="definition">
        <Async state={definition} what="the definition">
          {(value) => <ApiDefinition version={selected} definition={value} />}
        </Async>
      </section>
    </>
  );
}
