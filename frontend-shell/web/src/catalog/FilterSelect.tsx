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
  // A value from a shared link may not be among the facets (yet): keep it selectable.
  const values = value && !options.some((option) => option.value === value) ? [{ value, count: 0 }, ...options] : options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
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
