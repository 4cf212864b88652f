import { ApiError, fetchJson } from '../api/http';

/** One JSON Schema, as templates write them (with `ui:*` hints). */
export type JsonSchema = Record<string, unknown>;

/** `GET /v2/templates/:namespace/:kind/:name/parameter-schema`: the form's pages. */
export interface ParameterSchema {
  title: string;
  description?: string;
  steps: { title: string; description?: string; schema: JsonSchema }[];
}

/** Backstage's task event: `log` lines (with `stepId` and `status`), then `completion` or `cancelled`. */
export interface TaskEvent {
  id: number;
  taskId: string;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: { message?: string; stepId?: string; status?: string; output?: TaskOutput; error?: { message?: string } };
  createdAt: string;
}

export interface OutputLink {
  title?: string;
  icon?: string;
  url?: string;
  entityRef?: string;
}

export interface TaskOutput {
  links?: OutputLink[];
  text?: { title?: string; content?: string }[];
  [key: string]: unknown;
}

export interface Task {
  id: string;
  status: 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
  createdAt: string;
  createdBy?: string;
  output?: TaskOutput;
  spec: { steps: { id: string; name: string; action: string }[]; templateInfo?: { entityRef?: string }; output?: TaskOutput };
}

/** One parameter that failed validation, as `POST /v2/tasks` answers in its 400. */
export interface ParameterError {
  property?: string;
  message: string;
  name?: string;
  stack?: string;
}

/** The 400 of `POST /v2/tasks` when the values break the parameter schema: the errors, by property. */
export class ParameterErrors extends Error {
  constructor(readonly errors: ParameterError[]) {
    super(errors.map((error) => error.stack ?? `${error.property ?? ''} ${error.message}`).join('; '));
    this.name = 'ParameterErrors';
  }
}

/** A file of a dry run, in and out. */
export interface DirectoryFile {
  path: string;
  base64Content: string;
  executable?: boolean;
}

export interface DryRunResult {
  output?: TaskOutput;
  log: { body: { message?: string; stepId?: string; status?: string } }[];
  steps: { id: string; name: string; action: string }[];
  directoryContents: DirectoryFile[];
  error?: string;
}

const BASE = '/api/scaffolder/v2';
const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export const fetchParameterSchema = (namespace: string, name: string) =>
  fetchJson<ParameterSchema>(`${BASE}/templates/${path(namespace, 'template', name)}/parameter-schema`);

/**
 * Starts a task; the parameter errors of a 400 come back as {@link ParameterErrors}. `secrets` go
 * in their own field, which the scaffolder never stores past the task nor shows in its events.
 */
export async function createTask(templateRef: string, values: Record<string, unknown>, secrets: Record<string, string>): Promise<string> {
  try {
    const body = { templateRef, values, ...(Object.keys(secrets).length ? { secrets } : {}) };
    return (await fetchJson<{ id: string }>(`${BASE}/tasks`, json(body))).id;
  } catch (error) {
    const errors = error instanceof ApiError && error.status === 400 ? (error.body as { errors?: unknown } | undefined)?.errors : undefined;
    throw Array.isArray(errors) ? new ParameterErrors(errors as ParameterError[]) : error;
  }
}

export const fetchTask = (id: string) => fetchJson<Task>(`${BASE}/tasks/${path(id)}`);
export const fetchEvents = (id: string, after?: number) =>
  fetchJson<TaskEvent[]>(`${BASE}/tasks/${path(id)}/events${after ? `?after=${after}` : ''}`);
export const eventStreamUrl = (id: string, after?: number) => `${BASE}/tasks/${path(id)}/eventstream${after ? `?after=${after}` : ''}`;
export const cancelTask = (id: string) => fetchJson<{ status: string }>(`${BASE}/tasks/${path(id)}/cancel`, { method: 'POST' });
export const retryTask = (id: string) => fetchJson<{ id: string }>(`${BASE}/tasks/${path(id)}/retry`, json({}));

export const dryRun = (template: unknown, values: Record<string, unknown>, directoryContents: DirectoryFile[], secrets: Record<string, string> = {}) =>
  fetchJson<DryRunResult>(`${BASE}/dry-run`, json({ template, values, secrets, directoryContents }));
