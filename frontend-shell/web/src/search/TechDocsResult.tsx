import type { SearchResult } from '../api/search';
import { HighlightedField } from './HighlightedText';
import { ResultLink } from './ResultLink';

/** Where a docs result is: the documented entity's title, and the page's path within its site. */
export function docsPlace(result: SearchResult): string {
  const { document } = result;
  const entity = String(document.entityTitle || document.name || '');
  const page = String(document.path ?? '').replace(/\/?(#.*)?$/, '');
  return page ? `${entity} › ${page}` : entity;
}

/**
 * A `techdocs` result (a page or a heading of an entity's docs): its title linking into the docs
 * reader at the heading, where it is, and the matched text.
 */
export function TechDocsResult({ result }: { result: SearchResult }) {
  const { document } = result;
  const facts = [document.lifecycle, document.owner].filter(Boolean).join(' · ');
  return (
    <>
      <ResultLink location={document.location} className="search-result-title" data-result="">
        <HighlightedField result={result} field="title" />
      </ResultLink>
      <p className="muted">Docs of {docsPlace(result)}</p>
      <p><HighlightedField result={result} field="text" /></p>
      {facts && <p className="muted">{facts}</p>}
    </>
  );
}
