import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import groovy from 'highlight.js/lib/languages/groovy';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import './code.css';

// The languages docs of a platform's services are mostly written in; each is a few KiB, and the
// grammar of a fence in another language is simply not coloured. Aliases (sh, yml, js, ts, html,
// toml, console, …) come with them.
const LANGUAGES = { bash, css, diff, dockerfile, go, groovy, ini, java, javascript, json, kotlin, markdown, python, shell, sql, typescript, xml, yaml };
Object.entries(LANGUAGES).forEach(([name, grammar]) => hljs.registerLanguage(name, grammar));

/** Longer blocks stay plain: colouring runs on the page's thread, and a multi-megabyte block would freeze the reader. */
export const MAX_HIGHLIGHTED_CHARS = 100_000;

/**
 * Colours the fenced code blocks of an already sanitised page, in the reader: Backlot's generator
 * marks a fence `<pre class="highlight"><code class="language-java">` with plain text inside, and
 * highlight.js (a maintained tokenizer, run on the text, never on markup) turns that text into
 * `<span class="hljs-keyword">` tokens. Its output is escaped text and spans, and is put through
 * DOMPurify once more allowing nothing else, so colouring cannot add markup a page did not have.
 * No script or inline style is involved: the colours are classes in code.css, under the portal's CSP.
 *
 * A block that already has elements inside was tokenised when the site was built (mkdocs-material's
 * Pygments `<span class="k">`), and is left as it is: code.css colours Pygments' classes the same way.
 */
export function highlightCode(root: ParentNode): void {
  root.querySelectorAll('pre > code').forEach((code) => {
    if (code.children.length > 0) return;
    const language = Array.from(code.classList).find((name) => name.startsWith('language-'))?.slice('language-'.length);
    const text = code.textContent ?? '';
    if (!language || !hljs.getLanguage(language) || text.length > MAX_HIGHLIGHTED_CHARS) return;
    const tokens = hljs.highlight(text, { language, ignoreIllegals: true }).value;
    code.innerHTML = DOMPurify.sanitize(tokens, { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] });
    code.classList.add('hljs');
  });
}
