import { CatalogFilters, Facets } from '../api/catalog';
import { FilterSelect } from './FilterSelect';
import { SearchBox } from './SearchBox';

interface Props {
  filters: CatalogFilters;
  facets: Facets;
  onChange: (key: keyof CatalogFilters, value: string) => void;
}

export function CatalogFilterBar({ filters, facets, onChange }: Props) {
  return (
    <div className="filter-bar" aria-label="Filters" role="group">
      <FilterSelect label="Kind" value={filters.kind} options={facets['kind'] ?? []} onChange={(v) => onChange('kind', v)} />
      <FilterSelect label="Type" value={filters.type} options={facets['spec.type'] ?? []} onChange={(v) => onChange('type', v)} />
      <FilterSelect label="Owner" value={filters.owner} options={facets['spec.owner'] ?? []} onChange={(v) => onChange('owner', v)} />
      <FilterSelect
        label="Lifecycle"
        value={filters.lifecycle}
        options={facets['spec.lifecycle'] ?? []}
        onChange={(v) => onChange('lifecycle', v)}
      />
      <SearchBox value={filters.text} onSearch={(text) => onChange('text', text)} />
    </div>
  );
}
