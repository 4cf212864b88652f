import { ApiChange, ApiFinding, ApiVersion, VersionVerdict, fetchDiff, versionLabel } from '../api/apiDocs';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { VersionSelect, verdictLabel } from './VersionSelect';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A change's name: its subject when the plugin gives one, else method and path. */
export function subjectOf(change: ApiChange): string {
  return change.subject ?? `${change.method} ${change.path}`;
}

function FindingLine({ finding }: { finding: ApiFinding }) {
  return (
    <li className={finding.breaking ? 'finding breaking' : 'finding'}>
      <code className="rule">{finding.rule}</code>
      {finding.breaking ? ' (breaking)' : ''}
      {finding.at ? ` ${finding.at}:` : ''} {finding.message}
    </li>
  );
}

/** One operation, channel or type with every rule that fired in it. */
function ChangeGroup({ change }: { change: ApiChange }) {
  const findings = change.findings ?? [];
  return (
    <li>
      <code>{subjectOf(change)}</code> <span className="change-kind">{change.kind.replace(/-/g, ' ')}</span>
      {findings.length > 0 ? (
        <ul aria-label={`Rules that fired in ${subjectOf(change)}`}>
          {findings.map((finding, index) => (
            <FindingLine key={`${finding.rule}-${finding.at}-${index}`} finding={finding} />
          ))}
          {(change.omitted ?? 0) > 0 && <li className="muted">… {plural(change.omitted!, 'more finding')} not listed</li>}
        </ul>
      ) : (
        change.details.length > 0 && (
          <ul>
            {change.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        )
      )}
    </li>
  );
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
            <ChangeGroup key={`${change.kind}-${subjectOf(change)}`} change={change} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each version against the one before it, newest first, with a button to open that comparison. */
function VersionHistory({ versions, verdicts, onCompare }: {
  versions: ApiVersion[];
  verdicts: VersionVerdict[];
  onCompare: (from: string, to: string) => void;
}) {
  const label = (hash: string) => {
    const version = versions.find((v) => v.version === hash);
    return version ? versionLabel(version) : hash.slice(0, 7);
  };
  return (
    <ol aria-label="Version history" className="version-history">
      {verdicts.map((verdict) => (
        <li key={`${verdict.from}-${verdict.to}`} className={verdict.breaking ? 'breaking' : undefined}>
          {label(verdict.to)}
          {verdictLabel(verdict)}{' '}
          <button type="button" className="link-button" onClick={() => onCompare(verdict.from, verdict.to)}>
            compare with the version before
          </button>
        </li>
      ))}
    </ol>
  );
}

/** What changed between two versions of a definition, breaking changes first, grouped by operation. */
export function BreakingChangeReport({ namespace, name, versions, verdicts, from, to, onChange }: {
  namespace: string;
  name: string;
  versions: ApiVersion[];
  verdicts: VersionVerdict[];
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
      {verdicts.length > 0 && <VersionHistory versions={versions} verdicts={verdicts} onCompare={onChange} />}
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
                  ? `Breaking: clients of the older version may fail (${plural(report.breakingCount ?? report.changes.filter((c) => c.breaking).length, 'breaking change')}).`
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
