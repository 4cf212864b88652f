/**
 * Link targets an entity's author could use to run script in a reader's session when the UI makes
 * a link of them: each spelled the way browsers still read as a script or document scheme (any
 * case, leading spaces and control characters, tabs and newlines inside the scheme).
 */
export const HOSTILE_URLS = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(document.cookie)',
  ' \u0001\u001f javascript:alert(document.cookie)',
  'java\tscr\nipt:alert(document.cookie)',
  'data:text/html,<script>alert(document.cookie)</script>',
  'vbscript:msgbox(document.cookie)',
];

/** Every href under `root` that a browser would follow somewhere other than http, https or mailto. */
export function unsafeHrefs(root: ParentNode): string[] {
  return [...root.querySelectorAll('[href]')]
    .map((element) => element.getAttribute('href') ?? '')
    .filter((href) => !['http:', 'https:', 'mailto:'].includes(new URL(href, 'http://localhost/').protocol));
}
