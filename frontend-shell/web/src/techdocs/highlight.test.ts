import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocsPage } from './docPage';
import { highlightCode, MAX_HIGHLIGHTED_CHARS } from './highlight';
// Built by Debian's mkdocs 1.4.2 with mkdocs-material, pymdownx.highlight 9.5 and Pygments 2.14
// (markdown_extensions: [pymdownx.highlight, pymdownx.superfences]) from a page with a Java and a YAML fence.
import mkdocsCode from './fixtures/mkdocs-material-code.html?raw';

// Read as text (vitest runs in frontend-shell/web): it hands a stylesheet import over empty.
const codeCss = readFileSync('src/techdocs/code.css', 'utf8');

const link = (path: string) => `/docs/default/component/checkout-service/${path}`;
const asset = (path: string) => `/api/techdocs/static/docs/default/component/checkout-service/${path}`;

/** A page with fences as Backlot's generator writes them. */
function generated(fences: string): string {
  return `<!doctype html><html><body><article class="md-content__inner md-typeset"><h1 id="code">Code</h1>${fences}</article></body></html>`;
}

function parse(html: string): HTMLTemplateElement {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template;
}

describe('fenced code in the reader', () => {
  it("colours the generator's fences by their language, keeping the text", () => {
    const source = 'public final class Checkout {\n  String reserve() { return "reserved"; } // one\n}';
    const page = readDocsPage(generated(`<pre class="highlight" data-lang="java"><code class="language-java">${source.replace(/"/g, '&quot;')}</code></pre>`),
      '', link, asset, highlightCode);
    const code = parse(page.html).content.querySelector('pre > code')!;
    expect(code.classList.contains('hljs')).toBe(true);
    expect(Array.from(code.querySelectorAll('.hljs-keyword')).map((token) => token.textContent)).toEqual(
      expect.arrayContaining(['public', 'final', 'class', 'return']));
    expect(code.querySelector('.hljs-string')?.textContent).toBe('"reserved"');
    expect(code.querySelector('.hljs-comment')?.textContent).toBe('// one');
    expect(code.textContent).toBe(source);
  });

  it('never turns code that looks like markup into markup', () => {
    const hostile = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;';
    for (const language of ['html', 'xml', 'markdown', 'javascript', 'bash']) {
      const page = readDocsPage(generated(`<pre class="highlight"><code class="language-${language}">${hostile}</code></pre>`), '', link, asset, highlightCode);
      const content = parse(page.html).content;
      expect(content.querySelector('script, img, [onerror]')).toBeNull();
      expect(content.querySelector('code')!.textContent).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>');
      content.querySelectorAll('code *').forEach((token) => {
        expect(token.tagName).toBe('SPAN');
        expect(Array.from(token.attributes).map((attribute) => attribute.name)).toEqual(['class']);
      });
    }
  });

  it('leaves fences in languages it does not know, and blocks without a language, as plain text', () => {
    const page = readDocsPage(generated('<pre><code class="language-cobol">MOVE 1 TO X.</code></pre><pre><code>plain</code></pre>'),
      '', link, asset, highlightCode);
    const content = parse(page.html).content;
    expect(content.querySelectorAll('code span')).toHaveLength(0);
    expect(content.querySelector('.hljs')).toBeNull();
  });

  it('leaves a block too long to colour without freezing the reader as plain text', () => {
    // Who: a docs author (or a generated file) with a multi-megabyte fence; colouring runs on the page's thread.
    const long = 'int x = 1;\n'.repeat(Math.ceil((MAX_HIGHLIGHTED_CHARS + 1) / 11));
    const page = readDocsPage(generated(`<pre class="highlight"><code class="language-java">${long}</code></pre>`), '', link, asset, highlightCode);
    const code = parse(page.html).content.querySelector('pre > code')!;
    expect(code.querySelectorAll('span')).toHaveLength(0);
    expect(code.textContent).toBe(long);
  });

  it("keeps mkdocs-material's Pygments tokens as they are, and the portal's stylesheet colours them", () => {
    const page = readDocsPage(mkdocsCode, '', link, asset, highlightCode);
    const content = parse(page.html).content;
    const java = content.querySelectorAll('.highlight code')[0];
    expect(java.querySelector('.hljs')).toBeNull();
    expect(java.querySelector('span.kd')?.textContent).toBe('public');
    expect(java.querySelector('span.c1')?.textContent).toBe('// Reserve stock before charging.');
    expect(java.querySelector('span.s')?.textContent).toBe('"reserved "');
    const used = new Set(Array.from(content.querySelectorAll('.highlight code span[class]')).map((token) => token.className));
    // Every token kind that carries meaning is coloured; whitespace (w), punctuation (p), names (n) and operators (o) keep the text colour.
    for (const token of used) {
      if (['w', 'p', 'n', 'o'].includes(token) || token.startsWith('l ')) continue;
      expect(codeCss, `a colour for Pygments' .${token}`).toContain(`.highlight .${token}`);
    }
    expect(used).toContain('kd');
  });

  it('colours the same tokens in a live DOM, as the reader would after sanitising', () => {
    const root = document.createElement('div');
    root.innerHTML = '<pre><code class="language-yaml">kind: Component # a service</code></pre>';
    highlightCode(root);
    expect(root.querySelector('.hljs-attr')?.textContent).toBe('kind:');
    expect(root.querySelector('.hljs-comment')?.textContent).toBe('# a service');
  });
});
