import { ApiError, Entity, fetchJson } from '@backlot/ui-plugin-api';

/**
 * The github function's GitHub Actions routes (docs/github.md). The tab names the entity, never a
 * repository: the function reads the entity as the signed-in person and takes the repository
 * from its github.com/project-slug, and calls GitHub with the integration's credentials.
 */
export const BASE = '/api/github/actions';
export const PROJECT_SLUG = 'github.com/project-slug';

export interface WorkflowRun {
  id: number;
  name: string | null;
  title: string | null;
  runNumber: number;
  runAttempt: number;
  event: string | null;
  status: string | null;
  conclusion: string | null;
  branch: string | null;
  sha: string | null;
  message: string | null;
  author: string | null;
  startedAt: string | null;
  durationSeconds: number | null;
  htmlUrl: string | null;
}

export interface Step {
  number: number;
  name: string;
  status: string | null;
  conclusion: string | null;
  durationSeconds: number | null;
}

export interface Job {
  id: number;
  name: string;
  status: string | null;
  conclusion: string | null;
  durationSeconds: number | null;
  htmlUrl: string | null;
  steps: Step[];
}

export interface Runs {
  repository: string;
  totalCount: number;
  runs: WorkflowRun[];
}

export interface Jobs {
  runId: number;
  totalCount: number;
  jobs: Job[];
}

/** `kind:namespace/name` of the entity, as the catalog names it. */
export function entityRef(entity: Entity): string {
  return `${entity.kind.toLowerCase()}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
}

const query = (entity: Entity) => `entityRef=${encodeURIComponent(entityRef(entity))}`;

export const fetchRuns = (entity: Entity) => fetchJson<Runs>(`${BASE}/runs?${query(entity)}`);

export const fetchJobs = (entity: Entity, runId: number) => fetchJson<Jobs>(`${BASE}/runs/${runId}/jobs?${query(entity)}`);

export const rerun = (entity: Entity, runId: number) => fetchJson<unknown>(`${BASE}/runs/${runId}/rerun?${query(entity)}`, { method: 'POST' });

/**
 * Whether the signed-in person may re-run: the route answers 200 to them and 403 to others (the
 * web app asks the RBAC page's question the same way). Anything else is an error to show.
 */
export async function mayRerun(): Promise<boolean> {
  try {
    await fetchJson<{ allowed: boolean }>(`${BASE}/rerun-permission`);
    return true;
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 403) return false;
    throw failure;
  }
}

/** `2m 12s`, `45s`, `1h 3m`. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** What a person reads: the conclusion of a finished run or step, else its status (`in progress`). */
export function outcome(item: { status: string | null; conclusion: string | null }): string {
  return (item.status === 'completed' && item.conclusion ? item.conclusion : item.status ?? 'unknown').replace(/_/g, ' ');
}
