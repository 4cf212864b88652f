import { CatalogFilters, Facets, FILTER_FIELDS } from '../api/catalog';
import { FilterSelect } from './FilterSelect';
import { FilterToggle } from './FilterToggle';
import { SearchBox } from './SearchBox';

interface Props {
  filters: CatalogFilters;
  facets: Facets;
  onChange: (key: keyof CatalogFilters, value: string) => void;
}

export function CatalogFilterBar({ filters, facets, onChange }: Props) {
  return (
    <div className="filter-bar" aria-label="Filters" role="group">
      {FILTER_FIELDS.map(({ key, label, field }) => (
        <FilterSelect key={key} label={label} value={filters[key]} options={facets[field] ?? []} onChange={(value) => onChange(key, value)} />
      ))}
      <FilterToggle label="Owned by me" checked={filters.owned === 'me'} onChange={(checked) => onChange('owned', checked ? 'me' : '')} />
      <FilterToggle label="Starred" checked={filters.starred === 'true'} onChange={(checked) => onChange('starred', checked ? 'true' : '')} />
      <SearchBox value={filters.text} onSearch={(text) => onChange('text', text)} />
    </div>
  );
}
