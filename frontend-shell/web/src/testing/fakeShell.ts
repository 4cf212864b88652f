import { AppConfig } from '../frame/appConfig';
import { fakeFetch, json } from './fakeApi';
import { GRACE } from './fakeCatalog';

/**
 * The shell as the whole app sees it: its app config (`config`), Grace Hopper signed in, and an
 * empty catalog and search, no UI plugins; `extra` answers anything else first (return undefined to fall through).
 */
export function fakeShell(config: Partial<AppConfig> = {}, extra: (url: URL, init: RequestInit) => Response | undefined = () => undefined) {
  const app: AppConfig = { plugins: ['catalog', 'api-docs'], analytics: { ga4: { measurementId: null } }, links: { allowedSchemes: ['http', 'https', 'mailto'] }, ...config };
  return fakeFetch((url, init) => {
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/app/config') return json(app);
    if (url.pathname === '/api/whoami') return json(GRACE);
    if (url.pathname === '/ui-plugins/manifest.json') return json({ plugins: [] });
    if (url.pathname.endsWith('/entity-facets')) return json({ facets: {} });
    if (url.pathname === '/api/search/query') return json({ results: [], numberOfResults: 0 });
    return json({ items: [], totalItems: 0, pageInfo: {} });
  });
}
