import { useId } from 'react';
import { ApiVersion, versionLabel } from '../api/apiDocs';

/** A labelled select over an API's versions, newest first. */
export function VersionSelect({ label, versions, value, onChange }: {
  label: string;
  versions: ApiVersion[];
  value: string;
  onChange: (version: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((version, index) => (
          <option key={version.version} value={version.version}>
            {versionLabel(version)}
            {index === 0 ? ' (latest)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
