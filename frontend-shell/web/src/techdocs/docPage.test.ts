import { describe, expect, it } from 'vitest';
import { HOSTILE_URLS, unsafeHrefs } from '../testing/hostileUrls';
import { readDocsPage, resolveInSite } from './docPage';
import mkdocsRunbook from './fixtures/mkdocs-material-runbook.html?raw';

const link = (path: string) => `/docs/default/component/checkout-service/${path}`;
const asset = (path: string) => `/api/techdocs/static/docs/default/component/checkout-service/${path}`;

/** A page as Backlot's generator writes it (mkdocs-material's class names). */
const GENERATED = `<!doctype html><html><head><title>Runbook - Checkout service</title></head><body>
<nav class="md-nav md-nav--primary"><label class="md-nav__title">Checkout service</label><ul class="md-nav__list">
<li class="md-nav__item"><a class="md-nav__link" href="../../">Overview</a></li>
<li class="md-nav__item md-nav__item--nested"><span class="md-nav__link">Operations</span>
<ul class="md-nav__list"><li class="md-nav__item"><a class="md-nav__link md-nav__link--active" href="./">Runbook</a></li></ul></li>
</ul></nav>
<article class="md-content__inner md-typeset">
<a href="https://github.com/acme/checkout-service/edit/main/docs/operations/runbook.md" title="Edit this page" class="md-content__button md-icon" rel="edit">Edit this page</a>
<h1 id="runbook">Runbook</h1>
<h2 id="rolling-back">Rolling back</h2><p>See the <a href="../../architecture/#storage">architecture</a> and <a href="https://grafana.example">Grafana</a>.</p>
<h3 id="database">Database</h3><p><img src="../../images/flow.svg" alt="flow"></p>
<ul><li><input type="checkbox" disabled="" checked=""> done</li></ul>
</article></body></html>`;

describe('a docs page taken apart for the reader', () => {
  const page = readDocsPage(GENERATED, 'operations/runbook/', link, asset);

  it('finds the nav, the title, the headings and the edit link', () => {
    expect(page.title).toBe('Runbook');
    expect(page.nav).toEqual([
      { title: 'Overview', path: '', children: [] },
      { title: 'Operations', path: undefined, children: [{ title: 'Runbook', path: 'operations/runbook/', children: [] }] },
    ]);
    expect(page.headings).toEqual([
      { id: 'rolling-back', title: 'Rolling back', level: 2 },
      { id: 'database', title: 'Database', level: 3 },
    ]);
    expect(page.editUrl).toBe('https://github.com/acme/checkout-service/edit/main/docs/operations/runbook.md');
    expect(page.html).not.toContain('Edit this page');
  });

  it('keeps links between pages in the portal, sends others to a new tab and loads images from the site', () => {
    const doc = new DOMParser().parseFromString(page.html, 'text/html');
    const internal = doc.querySelector('a[data-docs-link]')!;
    expect(internal.getAttribute('href')).toBe('/docs/default/component/checkout-service/architecture/#storage');
    const external = [...doc.querySelectorAll('a')].find((a) => a.textContent === 'Grafana')!;
    expect(external.getAttribute('target')).toBe('_blank');
    expect(external.getAttribute('rel')).toBe('noopener noreferrer');
    expect(doc.querySelector('img')!.getAttribute('src')).toBe('/api/techdocs/static/docs/default/component/checkout-service/images/flow.svg');
    const checkbox = doc.querySelector('input[type=checkbox]')!;
    expect(checkbox.hasAttribute('disabled')).toBe(true);
    expect(checkbox.getAttribute('aria-label')).toBe('Done: done');
  });
});

describe('hostile docs', () => {
  it('lose their scripts, handlers, frames, forms and script URLs', () => {
    const hostile = `<article class="md-content__inner">
      <h1 onclick="alert(1)">Title</h1>
      <script>alert(1)</script><img src="x.png" onerror="alert(1)"><svg onload="alert(1)"><script>alert(2)</script></svg>
      <iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="password"><button>go</button></form>
      <style>body{display:none}</style><p style="position:fixed">styled</p>
      <object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">
      <a href="x" target="_top">top</a>
      ${HOSTILE_URLS.map((url, i) => `<a href="${url}">link ${i}</a>`).join('')}
      <a title="Edit this page" class="md-content__button" href="javascript:alert(1)">Edit</a>
    </article>`;
    const page = readDocsPage(hostile, '', link, asset);
    const doc = new DOMParser().parseFromString(page.html, 'text/html');
    expect(page.html).not.toMatch(/<script|onerror|onload|onclick|<iframe|<form|<style|style=|<object|<embed|<base|<meta|password/i);
    expect(unsafeHrefs(doc)).toEqual([]);
    expect(page.editUrl).toBeUndefined();
    expect([...doc.querySelectorAll('a')].find((a) => a.textContent === 'top')!.getAttribute('target')).toBeNull();
  });

  it('cannot link or load outside the site through the reader', () => {
    expect(resolveInSite('guide/', '../../../../api/catalog/entities')).toBe('api/catalog/entities');
    expect(resolveInSite('guide/', '//evil.example/x')).toBeNull();
    expect(resolveInSite('guide/', '/api/catalog/entities')).toBeNull();
    const page = readDocsPage('<article class="md-content__inner"><img src="https://tracker.example/p.gif"><img src="//evil.example/x.png"></article>', '', link, asset);
    expect(page.html).not.toContain('tracker.example');
    expect(page.html).not.toContain('evil.example');
  });
});

describe('a page built by mkdocs with mkdocs-material (Debian 8.2.5, the examples/ checkout docs)', () => {
  it('gives the same nav, headings and edit link as a generated page', () => {
    const page = readDocsPage(mkdocsRunbook, 'operations/runbook/', link, asset);
    expect(page.title).toBe('Runbook');
    expect(page.nav).toEqual([
      { title: 'Overview', path: '', children: [] },
      { title: 'Architecture', path: 'architecture/', children: [] },
      { title: 'Operations', path: undefined, children: [
        { title: 'Runbook', path: 'operations/runbook/', children: [] },
        { title: 'Configuration', path: 'operations/configuration/', children: [] },
      ] },
    ]);
    expect(page.headings.map((h) => h.id)).toEqual(['rolling-back', 'alerts']);
    expect(page.editUrl).toBe('https://github.com/acme/checkout-service/edit/main/docs/operations/runbook.md');
    expect(page.html).not.toContain('¶');
    expect(page.html).not.toMatch(/<script/);
  });
});
