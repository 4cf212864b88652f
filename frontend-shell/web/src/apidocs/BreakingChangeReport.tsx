import { ApiChange, ApiVersion, fetchDiff } from '../api/apiDocs';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { VersionSelect } from './VersionSelect';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function ChangeList({ title, changes }: { title: string; changes: ApiChange[] }) {
  return (
    <section aria-label={title} className="change-list">
      <h3>
        {title} ({changes.length})
      </h3>
      {changes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={`${change.kind}-${change.method}-${change.path}`}>
              <code>
                {change.method} {change.path}
              </code>{' '}
              <span className="change-kind">{change.kind.replace(/-/g, ' ')}</span>
              {change.details.length > 0 && (
                <ul>
                  {change.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What changed between two versions of an OpenAPI definition, breaking changes first. */
export function BreakingChangeReport({ namespace, name, versions, from, to, onChange }: {
  namespace: string;
  name: string;
  versions: ApiVersion[];
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}) {
  const diff = useAsync(
    () => (from === to ? Promise.resolve(null) : fetchDiff(namespace, name, from, to)),
    [namespace, name, from, to],
  );
  return (
    <section className="card" aria-labelledby="changes-heading">
      <h2 id="changes-heading">Changes between versions</h2>
      <div className="filter-bar">
        <VersionSelect label="Compare from" versions={versions} value={from} onChange={(value) => onChange(value, to)} />
        <VersionSelect label="to" versions={versions} value={to} onChange={(value) => onChange(from, value)} />
      </div>
      <Async state={diff} what="the changes">
        {(report) =>
          report === null ? (
            <p className="muted">Pick two different versions to compare.</p>
          ) : (
            <div role="status" aria-live="polite">
              <p className={report.breaking ? 'verdict breaking' : 'verdict compatible'}>
                {report.breaking
                  ? `Breaking: clients of the older version may fail (${plural(report.changes.filter((c) => c.breaking).length, 'breaking change')}).`
                  : report.changes.length === 0
                    ? 'No changes.'
                    : 'Compatible: no change breaks clients of the older version.'}
              </p>
              <ChangeList title="Breaking changes" changes={report.changes.filter((change) => change.breaking)} />
              <ChangeList title="Non-breaking changes" changes={report.changes.filter((change) => !change.breaking)} />
            </div>
          )
        }
      </Async>
    </section>
  );
}
