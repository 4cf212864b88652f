/** The schemes every deployment links: the web and e-mail. Operators add others (backlot.links.allowedSchemes). */
export const ALWAYS_LINKED_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/**
 * Where a link to `url` may point: the URL as the browser will read it when its scheme is one of
 * `schemes`, else undefined (show it as text). It is parsed with the browser's own URL parser,
 * which drops leading spaces and control characters and tabs and newlines anywhere, and lowercases
 * the scheme, so the scheme checked is the scheme a click would run; an allow-list, because the
 * schemes that run script or open documents of their own (`javascript:`, `data:`, `vbscript:`, …)
 * are not a closed set. A relative URL is read against the page, as a click would read it.
 */
export function linkTarget(url: string | undefined, schemes: readonly string[], base = window.location.href): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return undefined;
  }
  return schemes.includes(parsed.protocol.slice(0, -1)) ? parsed.href : undefined;
}
