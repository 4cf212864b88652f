import { EntityPage } from '../api/catalog';

interface Props {
  page: EntityPage;
  onCursor: (cursor: string) => void;
}

/** Previous and next pages by the catalog's cursors: they hold the query, so paging never repeats or skips entities. */
export function Pager({ page, onCursor }: Props) {
  const { prevCursor, nextCursor } = page.pageInfo;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={!prevCursor} onClick={() => prevCursor && onCursor(prevCursor)}>
        Previous page
      </button>
      <span aria-live="polite">
        {page.totalItems} {page.totalItems === 1 ? 'entity' : 'entities'}
      </span>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onCursor(nextCursor)}>
        Next page
      </button>
    </nav>
  );
}
