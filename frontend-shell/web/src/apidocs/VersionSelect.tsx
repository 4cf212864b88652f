import { useId } from 'react';
import { ApiVersion, VersionVerdict, versionLabel } from '../api/apiDocs';

/** What a version did to the one before it, as its option in a picker says it. */
export function verdictLabel(verdict: VersionVerdict | undefined): string {
  if (!verdict) return '';
  if (!verdict.compared) return ' · not compared yet';
  if (verdict.breaking) {
    const count = verdict.breakingCount ?? 0;
    return ` · ⚠ breaking (${count} ${count === 1 ? 'change' : 'changes'})`;
  }
  return verdict.changeCount === 0 ? ' · no changes' : ' · compatible';
}

/**
 * A labelled select over an API's versions, newest first; with `verdicts`, each option also says
 * whether that version broke the one before it.
 */
export function VersionSelect({ label, versions, value, onChange, verdicts }: {
  label: string;
  versions: ApiVersion[];
  value: string;
  onChange: (version: string) => void;
  verdicts?: VersionVerdict[];
}) {
  const id = useId();
  const byNewer = new Map((verdicts ?? []).map((verdict) => [verdict.to, verdict]));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((version, index) => (
          <option key={version.version} value={version.version}>
            {versionLabel(version)}
            {index === 0 ? ' (latest)' : ''}
            {verdictLabel(byNewer.get(version.version))}
          </option>
        ))}
      </select>
    </div>
  );
}
