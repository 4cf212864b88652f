import { FormEvent, KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { search, SearchResult } from '../api/search';
import { PluginSearchResult } from '../uiplugins/UiPlugins';
import { HighlightedField } from './HighlightedText';
import { docsPlace } from './TechDocsResult';

/** How long typing must pause before the modal asks: one query per pause, not per key. */
export const DEBOUNCE_MS = 250;
const TOP = 5;

/** Whether a key press happened where people type, so that "/" there is just a character. */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

/**
 * The "/" search: a dialog showing the top results as the person types (debounced); arrows pick a
 * result, Enter opens it (or the search page for the term), Escape closes.
 */
export function SearchModal() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (event.key === '/' && !open && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open || !term.trim()) {
      setResults([]);
      setError(undefined);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      search({ term: term.trim(), pageLimit: TOP }, abort.signal).then(
        (answer) => {
          setResults(answer.results);
          setError(undefined);
          setSelected(-1);
        },
        (failure: Error) => {
          if (!abort.signal.aborted) setError(failure.message);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [term, open]);

  function close() {
    setOpen(false);
    setTerm('');
    setResults([]);
    setSelected(-1);
  }

  function go(path: string) {
    close();
    navigate(path);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = results[selected];
    if (result && result.document.location.startsWith('/')) {
      go(result.document.location);
    } else {
      go(`/search?${new URLSearchParams({ term: term.trim() })}`);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      setSelected((at) => Math.min(results.length - 1, at + 1));
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault();
      setSelected((at) => Math.max(-1, at - 1));
    }
  }

  if (!open) return null;
  return (
    <div className="search-modal-backdrop" onClick={close}>
      <div role="dialog" aria-modal="true" aria-label="Search" className="search-modal" onClick={(event) => event.stopPropagation()} onKeyDown={onKeyDown}>
        <form onSubmit={submit}>
          <label htmlFor="search-modal-term" className="visually-hidden">Search the portal</label>
          <input id="search-modal-term" ref={input} type="search" placeholder="Search the portal" value={term}
            onChange={(event) => setTerm(event.target.value)} role="combobox" aria-expanded={results.length > 0}
            aria-controls="search-modal-results" aria-activedescendant={selected >= 0 ? `search-modal-result-${selected}` : undefined} />
        </form>
        {error && <p role="alert">{error}</p>}
        <ul id="search-modal-results" role="listbox" aria-label="Top results">
          {results.map((result, i) => (
            <li key={result.rank} id={`search-modal-result-${i}`} role="option" aria-selected={i === selected}
              className={i === selected ? 'selected' : undefined}
              onClick={() => result.document.location.startsWith('/') && go(result.document.location)}>
              <PluginSearchResult result={result} fallback={<QuickResult result={result} />} />
            </li>
          ))}
        </ul>
        {term.trim() && results.length === 0 && !error && <p className="muted">Press Enter to search for “{term.trim()}”.</p>}
      </div>
    </div>
  );
}

/** A row of the modal: the title, and what it is (a kind, or where a docs page is). */
function QuickResult({ result }: { result: SearchResult }) {
  const what = result.type === 'techdocs' ? `Docs of ${docsPlace(result)}` : result.document.kind ?? result.type;
  return (
    <>
      <HighlightedField result={result} field="title" />
      <span className="muted"> {what}</span>
    </>
  );
}
