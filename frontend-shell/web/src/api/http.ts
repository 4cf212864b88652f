/** A failed call to the shell, with Backstage's error body when the backend sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The answer's JSON body, for callers that read more than its message (the scaffolder's parameter errors). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The CSRF token the shell keeps in a cookie; state-changing calls send it back as a header. */
export function csrfToken(): string | undefined {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : undefined;
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let body: unknown;
  try {
    body = await response.json();
    const error = (body as { error?: { message?: string } } | null)?.error;
    if (error?.message) {
      message = error.message;
    }
  } catch {
    // Not JSON (a proxy's page, say): the status line is all there is to say.
  }
  return new ApiError(response.status, message, body);
}

/** Calls the shell's API with the session cookie and, unless it is a GET, the CSRF header; throws on any failure. */
async function send(path: string, init: RequestInit, accept: string): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', accept);
  const token = csrfToken();
  if (init.method && init.method !== 'GET' && token) {
    headers.set('X-XSRF-TOKEN', token);
  }
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    // The session ended: a full page load sends the person through sign-in again, back to here.
    window.location.assign(window.location.pathname + window.location.search);
    throw new ApiError(401, 'Your session has ended; signing you in again…');
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  return response;
}

/** A JSON answer; an empty one (204, as after a DELETE) is undefined. */
export async function fetchJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init, 'application/json');
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A text answer as written, such as an API definition. */
export async function fetchText(path: string, init: RequestInit = {}): Promise<string> {
  return (await send(path, init, '*/*')).text();
}
