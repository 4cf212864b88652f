import { useId } from 'react';

interface Props {
  label: string;
  value: string | undefined;
  options: { value: string; count: number }[];
  onChange: (value: string) => void;
}

/** One labelled drop-down of the values a field takes in the catalog, with how many entities have each. */
export function FilterSelect({ label, value, options, onChange }: Props) {
  const id = useId();
  // The catalog compares values case-insensitively (?kind=component finds kind Component), so does the
  // drop-down; a value from a shared link that is not among the facets (yet) stays selectable.
  const known = value ? options.find((option) => option.value.toLowerCase() === value.toLowerCase()) : undefined;
  const selected = known?.value ?? value;
  const values = value && !known ? [{ value, count: 0 }, ...options] : options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={selected ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">All</option>
        {values.map((option) => (
          <option key={option.value} value={option.value}>
            {option.value}
            {option.count ? ` (${option.count})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
