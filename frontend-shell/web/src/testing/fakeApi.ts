import { vi } from 'vitest';

/** A JSON answer as the shell would send it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * Stands in for `fetch`: `answer` maps each requested URL (path and query) to a Response; every
 * request is recorded with its method, so tests can tell what the UI asked for.
 */
export function fakeFetch(answer: (url: URL, init: RequestInit) => Response | Promise<Response>) {
  const requests: { url: URL; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    requests.push({ url, init });
    return answer(url, init);
  }));
  return requests;
}
