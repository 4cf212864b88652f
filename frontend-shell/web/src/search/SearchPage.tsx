import { FormEvent, KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DOCUMENT_TYPES, search, SearchQuery, SearchResult, SearchResultSet } from '../api/search';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { PluginSearchResult } from '../uiplugins/UiPlugins';
import { HighlightedField } from './HighlightedText';
import { ResultLink } from './ResultLink';
import { TechDocsResult } from './TechDocsResult';

const KINDS = ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User', 'Template'];
const LIFECYCLES = ['production', 'experimental', 'deprecated'];
export const PAGE_LIMIT = 20;

/** What the URL holds, as the search plugin's query: a reload or a shared link shows the same page. */
export function queryOf(params: URLSearchParams): SearchQuery {
  const filters: Record<string, string | string[]> = {};
  for (const field of ['kind', 'lifecycle', 'owner']) {
    const value = params.get(field);
    if (value) filters[field] = value;
  }
  const tags = params.getAll('tag').filter(Boolean);
  if (tags.length > 0) filters.tags = tags;
  return {
    term: params.get('term') ?? '',
    types: params.getAll('type').filter((type) => type in DOCUMENT_TYPES),
    filters,
    pageCursor: params.get('cursor') ?? undefined,
    pageLimit: PAGE_LIMIT,
  };
}

type State = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'done'; answer: SearchResultSet };

/** The search page: results grouped by type with their highlights, filters at the side, pages, all in the URL. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [draft, setDraft] = useState(params.get('term') ?? '');
  const results = useRef<HTMLDivElement>(null);
  const key = params.toString();

  useEffect(() => {
    setDraft(params.get('term') ?? '');
    const abort = new AbortController();
    setState({ status: 'loading' });
    search(queryOf(params), abort.signal).then(
      (answer) => setState({ status: 'done', answer }),
      (error: Error) => {
        if (!abort.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  /** Changes the URL's query; any change but paging starts again from the first page. */
  function update(change: (next: URLSearchParams) => void) {
    const next = new URLSearchParams(params);
    change(next);
    next.delete('cursor');
    setParams(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update((next) => next.set('term', draft.trim()));
  }

  function page(cursor: string) {
    const next = new URLSearchParams(params);
    next.set('cursor', cursor);
    setParams(next);
  }

  /** Up and down arrows move between results; from the search box, down goes to the first. */
  function moveFocus(event: KeyboardEvent, from: 'box' | 'results') {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = Array.from(results.current?.querySelectorAll<HTMLElement>(RESULT_LINKS) ?? []);
    if (links.length === 0) return;
    event.preventDefault();
    if (from === 'box') {
      if (event.key === 'ArrowDown') links[0].focus();
      return;
    }
    const at = links.indexOf(document.activeElement as HTMLElement);
    const to = event.key === 'ArrowDown' ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1);
    links[to].focus();
  }

  const query = queryOf(params);
  return (
    <section className="search-page">
      <h1>Search</h1>
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor="search-term">Search for</label>
        <input id="search-term" type="search" value={draft} onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => moveFocus(event, 'box')} />
        <button type="submit">Search</button>
      </form>
      <div className="search-layout">
        <aside className="search-filters" aria-label="Filters">
          <fieldset>
            <legend>Type</legend>
            {Object.entries(DOCUMENT_TYPES).map(([type, name]) => (
              <label key={type} className="toggle">
                <input type="checkbox" checked={query.types?.includes(type) ?? false}
                  onChange={(event) => update((next) => {
                    const types = next.getAll('type').filter((t) => t !== type);
                    next.delete('type');
                    (event.target.checked ? [...types, type] : types).forEach((t) => next.append('type', t));
                  })} />
                {name}
              </label>
            ))}
          </fieldset>
          <Choice label="Kind" field="kind" options={KINDS} value={params.get('kind') ?? ''} update={update} />
          <Choice label="Lifecycle" field="lifecycle" options={LIFECYCLES} value={params.get('lifecycle') ?? ''} update={update} />
          <TextFilter label="Owner" field="owner" value={params.get('owner') ?? ''} update={update} />
          <TextFilter label="Tag" field="tag" value={params.get('tag') ?? ''} update={update} />
        </aside>
        <div className="search-results" ref={results} onKeyDown={(event) => moveFocus(event, 'results')}>
          {state.status === 'loading' && <Loading what="results" />}
          {state.status === 'error' && <ErrorPanel title="The search failed" error={state.error} />}
          {state.status === 'done' && <Results answer={state.answer} term={query.term} page={page} />}
        </div>
      </div>
    </section>
  );
}

function Choice({ label, field, options, value, update }: {
  label: string; field: string; options: string[]; value: string; update: (change: (next: URLSearchParams) => void) => void;
}) {
  return (
    <label className="field">
      {label}
      <select value={value} onChange={(event) => update((next) => (event.target.value ? next.set(field, event.target.value) : next.delete(field)))}>
        <option value="">Any</option>
        {options.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    </label>
  );
}

/** A free-text filter, applied when the person presses Enter or leaves the field. */
function TextFilter({ label, field, value, update }: {
  label: string; field: string; value: string; update: (change: (next: URLSearchParams) => void) => void;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  function apply() {
    if (draft.trim() !== value) update((next) => (draft.trim() ? next.set(field, draft.trim()) : next.delete(field)));
  }
  return (
    <label className="field">
      {label}
      <input value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={apply}
        onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); apply(); } }} />
    </label>
  );
}

function Results({ answer, term, page }: { answer: SearchResultSet; term: string; page: (cursor: string) => void }) {
  if (answer.results.length === 0) {
    return <p className="empty" role="status">{term ? `No results for “${term}”.` : 'Nothing matches these filters.'}</p>;
  }
  const groups = new Map<string, SearchResult[]>();
  answer.results.forEach((result) => groups.set(result.type, [...(groups.get(result.type) ?? []), result]));
  return (
    <>
      {answer.numberOfResults !== undefined && <p role="status">{answer.numberOfResults} results</p>}
      {[...groups.entries()].map(([type, results]) => (
        <section key={type} aria-labelledby={`group-${type}`}>
          <h2 id={`group-${type}`}>{DOCUMENT_TYPES[type] ?? type}</h2>
          <ol className="search-result-list">
            {results.map((result) => <ResultItem key={`${result.rank}`} result={result} />)}
          </ol>
        </section>
      ))}
      <nav className="pager" aria-label="Result pages">
        {answer.previousPageCursor && <button type="button" onClick={() => page(answer.previousPageCursor!)}>Previous</button>}
        {answer.nextPageCursor && <button type="button" onClick={() => page(answer.nextPageCursor!)}>Next</button>}
      </nav>
    </>
  );
}

/** What the arrows move between: each result's own link, and the links of results a UI plugin draws. */
const RESULT_LINKS = '.search-result a[href]';

/**
 * One result: drawn by the UI plugin that renders its type when one does (docs/ui-plugins.md), else
 * by the search page's renderer of its type, else as a catalog-like result.
 */
export function ResultItem({ result }: { result: SearchResult }) {
  const core = result.type === 'techdocs' ? <TechDocsResult result={result} /> : <DefaultResult result={result} />;
  return (
    <li className="search-result">
      <PluginSearchResult result={result} fallback={core} />
    </li>
  );
}

function DefaultResult({ result }: { result: SearchResult }) {
  const { document } = result;
  const facts = [document.kind, document.type, document.lifecycle, document.owner].filter(Boolean).join(' · ');
  return (
    <>
      <ResultLink location={document.location} className="search-result-title" data-result="">
        <HighlightedField result={result} field="title" />
      </ResultLink>
      <p><HighlightedField result={result} field="text" /></p>
      {facts && <p className="muted">{facts}</p>}
      {document.tags && document.tags.length > 0 && <p className="muted">{document.tags.join(', ')}</p>}
    </>
  );
}
