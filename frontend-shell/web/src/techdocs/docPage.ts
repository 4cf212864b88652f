import DOMPurify from 'dompurify';

/** One entry of a site's navigation: a page (its path below the site) or a section with children. */
export interface DocsNavItem {
  title: string;
  path?: string;
  children: DocsNavItem[];
}

export interface DocsHeading {
  id: string;
  title: string;
  level: number;
}

/** A published page, taken apart for the reader; `html` is sanitised and its links rewritten. */
export interface DocsPage {
  title: string;
  html: string;
  nav: DocsNavItem[];
  headings: DocsHeading[];
  editUrl?: string;
  text: string;
}

/**
 * Where a link of the page goes, resolved against the page's own URL within the site
 * (`pagePath`, a folder such as `guide/` or a file): a path below the site, or null when it
 * leaves the site or names another origin.
 */
export function resolveInSite(pagePath: string, href: string): string | null {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(href) || href.startsWith('//') || href.startsWith('/')) return null;
  const base = new URL(`https://site.invalid/${pagePath}`);
  const resolved = new URL(href, base);
  if (resolved.origin !== base.origin) return null;
  return resolved.pathname.slice(1) + resolved.hash;
}

function navItems(list: Element | null, pagePath: string): DocsNavItem[] {
  if (!list) return [];
  return Array.from(list.children)
    .filter((child) => child.tagName === 'LI')
    .map((item) => {
      const link = item.querySelector(':scope > a.md-nav__link, :scope > a');
      const label = link ?? item.querySelector('.md-nav__link');
      const href = link?.getAttribute('href');
      const path = href != null ? resolveInSite(pagePath, href) : null;
      return {
        title: (label?.textContent ?? '').trim(),
        path: path ?? undefined,
        // mkdocs-material nests a section's pages in a nav of its own, and puts the current page's
        // table of contents (md-nav--secondary) inside its item: that is not part of the site's nav.
        children: navItems(item.querySelector(':scope > nav:not(.md-nav--secondary) > ul, :scope > ul'), pagePath),
      };
    })
    .filter((item) => item.title !== '');
}

/**
 * Takes a page of a site (built by mkdocs-material, techdocs-cli or Backlot's generator) apart:
 * the article is sanitised with DOMPurify (no scripts, event handlers, forms, frames or
 * javascript: URLs), internal links become reader links (`docsLink(path)`), images load from
 * the site (`assetUrl(path)`), outside links open in a new tab. `colourCode` (highlight.ts'
 * `highlightCode`) colours fenced code in the sanitised article.
 */
export function readDocsPage(
  source: string,
  pagePath: string,
  docsLink: (path: string) => string,
  assetUrl: (path: string) => string,
  colourCode: (root: ParentNode) => void = () => {},
): DocsPage {
  const parsed = new DOMParser().parseFromString(source, 'text/html');
  const nav = navItems(parsed.querySelector('nav.md-nav--primary ul'), pagePath);
  const article = parsed.querySelector('article.md-content__inner') ?? parsed.querySelector('.md-content') ?? parsed.querySelector('[role=main], main') ?? parsed.body;
  const edit = article.querySelector('a.md-content__button[title="Edit this page"], a[rel="edit"], a[title="Edit this page"]');
  const editHref = edit?.getAttribute('href') ?? undefined;
  edit?.remove();
  article.querySelectorAll('a.headerlink').forEach((anchor) => anchor.remove());

  const clean = DOMPurify.sanitize(article.innerHTML, {
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'base', 'meta', 'link'],
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'target'],
    ADD_TAGS: ['details', 'summary'],
    ALLOW_DATA_ATTR: false,
  });
  const content = document.createElement('template');
  content.innerHTML = clean;
  const fragment = content.content;
  // Task lists' checkboxes are the one input kept, and only disabled, as Markdown renders them.
  fragment.querySelectorAll('input').forEach((input) => {
    if (input.getAttribute('type') !== 'checkbox') {
      input.remove();
      return;
    }
    input.setAttribute('disabled', '');
    // A checkbox needs a name: its task, and whether it is done.
    const task = (input.parentElement?.textContent ?? '').trim();
    input.setAttribute('aria-label', `${input.hasAttribute('checked') ? 'Done' : 'To do'}: ${task}`);
  });
  fragment.querySelectorAll('a[href]').forEach((anchor) => {
    const href = anchor.getAttribute('href')!;
    if (href.startsWith('#')) return;
    const inSite = resolveInSite(pagePath, href);
    if (inSite === null) {
      anchor.setAttribute('target', '_blank');
      anchor.setAttribute('rel', 'noopener noreferrer');
    } else {
      anchor.setAttribute('href', docsLink(inSite));
      anchor.setAttribute('data-docs-link', inSite);
    }
  });
  fragment.querySelectorAll('img[src]').forEach((image) => {
    const inSite = resolveInSite(pagePath, image.getAttribute('src')!);
    if (inSite === null) image.removeAttribute('src');
    else image.setAttribute('src', assetUrl(inSite));
  });
  colourCode(fragment);
  const headings = Array.from(fragment.querySelectorAll('h2[id], h3[id]')).map((heading) => ({
    id: heading.id,
    title: (heading.textContent ?? '').trim(),
    level: Number(heading.tagName.slice(1)),
  }));
  const h1 = fragment.querySelector('h1');
  const title = (h1?.textContent ?? parsed.title ?? '').trim();
  const wrapper = document.createElement('div');
  wrapper.appendChild(fragment.cloneNode(true));
  return {
    title,
    html: wrapper.innerHTML,
    nav,
    headings,
    editUrl: editHref && /^https?:\/\//.test(editHref) ? editHref : undefined,
    text: (wrapper.textContent ?? '').replace(/\s+/g, ' ').trim(),
  };
}
