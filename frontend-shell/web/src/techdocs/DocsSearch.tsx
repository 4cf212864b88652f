import { useState } from 'react';
import { Link } from 'react-router-dom';
import { SearchIndex } from '../api/techdocs';
import { DocsPage } from './docPage';

const MAX_RESULTS = 10;

interface Hit {
  title: string;
  path?: string;
  excerpt: string;
}

/** Matches every word of the query, case-insensitively, in a document's title and text. */
export function searchDocs(query: string, index: SearchIndex | null, page: DocsPage | null): Hit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const matches = (text: string) => words.every((word) => text.toLowerCase().includes(word));
  const excerpt = (text: string) => {
    const at = text.toLowerCase().indexOf(words[0]);
    return at < 0 ? text.slice(0, 120) : `${at > 40 ? '…' : ''}${text.slice(Math.max(0, at - 40), at + 80)}…`;
  };
  if (index) {
    return index.docs
      .filter((doc) => matches(`${doc.title} ${doc.text}`))
      .slice(0, MAX_RESULTS)
      .map((doc) => ({ title: doc.title, path: doc.location, excerpt: excerpt(doc.text) }));
  }
  // A site without a search index: the page being read is what can be searched.
  return page && matches(`${page.title} ${page.text}`) ? [{ title: page.title, excerpt: excerpt(page.text) }] : [];
}

/** Search within the site, from its search index when it has one, else within the page. */
export function DocsSearch({ index, page, docsLink }: { index: SearchIndex | null; page: DocsPage | null; docsLink: (path: string) => string }) {
  const [query, setQuery] = useState('');
  const hits = searchDocs(query, index, page);
  return (
    <div className="techdocs-search" role="search">
      <label>
        <span className="visually-hidden">Search these docs</span>
        <input type="search" placeholder={index ? 'Search these docs' : 'Search this page'} value={query}
          onChange={(event) => setQuery(event.target.value)} />
      </label>
      {query.trim() !== '' && (
        <ul className="techdocs-search-results" aria-label="Search results">
          {hits.length === 0 && <li className="muted">No matches.</li>}
          {hits.map((hit, i) => (
            <li key={`${hit.path ?? ''}-${i}`}>
              {hit.path !== undefined ? <Link to={docsLink(hit.path)} onClick={() => setQuery('')}>{hit.title}</Link> : <strong>{hit.title}</strong>}
              <p className="muted">{hit.excerpt}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
