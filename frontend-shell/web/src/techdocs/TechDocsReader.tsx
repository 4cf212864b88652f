import { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EntityRef } from '../api/entityRef';
import { ApiError } from '../api/http';
import { fetchDocsPage, fetchSearchIndex, fetchTechDocsMetadata, SearchIndex, staticUrl, TechDocsMetadata } from '../api/techdocs';
import { Async } from '../common/Async';
import { useAsync } from '../common/useAsync';
import { DocsNavItem, DocsPage, readDocsPage } from './docPage';
import { DocsSearch } from './DocsSearch';

/**
 * Reads an entity's docs site inside the portal: the site's nav, the page (sanitised), a table of
 * contents from its headings, search, and "edit this page". `basePath` is where the reader lives
 * (`/docs/:namespace/:kind/:name` or the entity page's docs tab); `pagePath` is the page below it.
 */
export function TechDocsReader({ entity, basePath, pagePath }: { entity: EntityRef; basePath: string; pagePath: string }) {
  const navigate = useNavigate();
  const docsLink = (path: string) => `${basePath}/${path}`;
  const metadata = useAsync<TechDocsMetadata>(() => fetchTechDocsMetadata(entity).catch(() => ({})), [entity.namespace, entity.kind, entity.name]);
  const page = useAsync(
    () =>
      // The highlighter is its own chunk, fetched with the first page rather than with the portal.
      Promise.all([fetchDocsPage(entity, pagePath), import('./highlight')])
        .then(([html, { highlightCode }]) => readDocsPage(html, pagePath, docsLink, (path) => staticUrl(entity, path), highlightCode))
        .catch((error: Error) => {
          throw error instanceof ApiError && error.status === 404 ? new Error(`There are no docs at ${pagePath || 'the start page'} for ${entity.name}.`) : error;
        }),
    [entity.namespace, entity.kind, entity.name, pagePath, basePath],
  );
  const searchIndex = useAsync<SearchIndex | null>(() => fetchSearchIndex(entity).catch(() => null), [entity.namespace, entity.kind, entity.name]);

  // Links between pages stay in the portal: the router moves, the browser does not reload.
  const followInternalLinks = (event: MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as Element).closest('a[data-docs-link]');
    if (!anchor || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(docsLink(anchor.getAttribute('data-docs-link')!));
  };

  const siteName = metadata.status === 'done' && metadata.value.site_name ? metadata.value.site_name : entity.name;
  return (
    <section className="techdocs" aria-label={`Documentation of ${entity.name}`}>
      <header className="techdocs-header">
        <h2 className="techdocs-site-name">{siteName}</h2>
        <DocsSearch index={searchIndex.status === 'done' ? searchIndex.value : null} page={page.status === 'done' ? page.value : null}
          docsLink={docsLink} />
      </header>
      <Async state={page} what="the docs page">
        {(value) => (
          <div className="techdocs-layout">
            <nav className="techdocs-nav" aria-label="Docs pages">
              <NavList items={value.nav} docsLink={docsLink} current={pagePath} />
            </nav>
            <div className="techdocs-page">
              {value.editUrl && (
                <p className="techdocs-edit">
                  <a href={value.editUrl} target="_blank" rel="noopener noreferrer">Edit this page</a>
                </p>
              )}
              {/* Sanitised by DOMPurify in readDocsPage before it gets here. */}
              <div className="techdocs-content" onClick={followInternalLinks} dangerouslySetInnerHTML={{ __html: value.html }} />
            </div>
            <Toc page={value} />
          </div>
        )}
      </Async>
    </section>
  );
}

function NavList({ items, docsLink, current }: { items: DocsNavItem[]; docsLink: (path: string) => string; current: string }) {
  if (items.length === 0) return null;
  return (
    <ul>
      {items.map((item, index) => (
        <li key={`${item.title}-${index}`}>
          {item.path !== undefined ? (
            <Link to={docsLink(item.path)} aria-current={item.path === current ? 'page' : undefined}>
              {item.title}
            </Link>
          ) : (
            <span className="techdocs-nav-section">{item.title}</span>
          )}
          <NavList items={item.children} docsLink={docsLink} current={current} />
        </li>
      ))}
    </ul>
  );
}

function Toc({ page }: { page: DocsPage }) {
  const headings = page.headings;
  if (headings.length === 0) return null;
  return (
    <nav className="techdocs-toc" aria-label="On this page">
      <p className="eyebrow">On this page</p>
      <ul>
        {headings.map((heading) => (
          <li key={heading.id} className={heading.level === 3 ? 'toc-sub' : undefined}>
            <a href={`#${heading.id}`}>{heading.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
