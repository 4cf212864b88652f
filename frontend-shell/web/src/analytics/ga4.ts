/**
 * Google Analytics 4 through gtag.js, loaded only once a measurement id is configured: until
 * `startGa4` runs, every `track…` call is a no-op and no script or cookie of Google's is loaded.
 */
type Gtag = (...args: unknown[]) => void;

declare global {
  interface Window {
    dataLayer?: unknown[];
    gtag?: Gtag;
  }
}

let gtag: Gtag | null = null;

export const GTAG_URL = 'https://www.googletagmanager.com/gtag/js';

export function startGa4(measurementId: string): void {
  if (gtag) return;
  window.dataLayer = window.dataLayer ?? [];
  // gtag.js reads `arguments` objects off the data layer, not arrays: this is Google's snippet.
  gtag = function (this: unknown) {
    // eslint-disable-next-line prefer-rest-params
    window.dataLayer!.push(arguments);
  };
  window.gtag = gtag;
  gtag('js', new Date());
  // Page views are sent by us on each route change: a single-page app has one page load only.
  gtag('config', measurementId, { send_page_view: false });
  const script = document.createElement('script');
  script.async = true;
  script.src = `${GTAG_URL}?id=${encodeURIComponent(measurementId)}`;
  document.head.appendChild(script);
}

export function trackPageView(path: string): void {
  gtag?.('event', 'page_view', { page_location: window.location.origin + path, page_title: document.title });
}

/** A key event (GA4's recommended names where one fits: `search` with `search_term`). */
export function trackEvent(name: string, params: Record<string, string | number> = {}): void {
  gtag?.('event', name, params);
}

/** Forgets gtag, for tests that start from a page without analytics. */
export function stopGa4ForTests(): void {
  gtag = null;
  delete window.gtag;
  delete window.dataLayer;
  document.querySelectorAll(`script[src^="${GTAG_URL}"]`).forEach((script) => script.remove());
}
