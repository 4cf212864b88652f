import { fetchJson, fetchText } from './http';

/** One stored version of an API's definition, as the api-docs plugin reports it (newest first). */
export interface ApiVersion {
  entityRef: string;
  /** The content's sha256: the same definition is always the same version. */
  version: string;
  format: 'openapi' | 'asyncapi' | 'graphql' | string;
  specVersion?: string | null;
  title?: string | null;
  apiVersion?: string | null;
  valid: boolean;
  errorCount: number;
  warningCount: number;
  submittedAt: string;
}

/** One finding about a definition: what, and where (a dotted path, or "line L, column C"). */
export interface ValidationProblem {
  message: string;
  location?: string;
}

/** What validating a version found when it was stored; at most 200 of each are listed, the counts are the totals. */
export interface ValidationReport {
  valid: boolean;
  errorCount: number;
  warningCount: number;
  errors: ValidationProblem[];
  warnings: ValidationProblem[];
  note?: string;
}

/** One rule that fired on a change, e.g. `request-parameter-enum-value-removed`. */
export interface ApiFinding {
  rule: string;
  breaking: boolean;
  /** Where inside the operation, channel or type: `query parameter 'status'`; empty at its top. */
  at: string;
  message: string;
}

/** What changed in one operation (OpenAPI), channel or operation (AsyncAPI) or type (GraphQL). */
export interface ApiChange {
  kind: 'endpoint-removed' | 'endpoint-added' | 'endpoint-deprecated' | 'operation-changed' | string;
  method: string;
  path: string;
  breaking: boolean;
  details: string[];
  /** The group's name, e.g. `GET /pets/{petId}`, `channel orders`, `object Book`. */
  subject?: string;
  findings?: ApiFinding[];
  /** Findings beyond the ones listed, counted only. */
  omitted?: number;
}

export interface ApiDiff {
  breaking: boolean;
  result: string;
  from: string;
  to: string;
  format?: string;
  breakingCount?: number;
  changes: ApiChange[];
  summary: string;
}

/** Whether a version broke the one submitted before it (`compared: false` until the plugin compared them). */
export interface VersionVerdict {
  from: string;
  to: string;
  compared: boolean;
  breaking?: boolean;
  breakingCount?: number;
  changeCount?: number;
  reason?: string;
}

function apiPath(namespace: string, name: string): string {
  return `/api/api-docs/apis/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

export async function fetchVersions(namespace: string, name: string): Promise<ApiVersion[]> {
  return (await fetchJson<{ items: ApiVersion[] }>(`${apiPath(namespace, name)}/versions`)).items;
}

/** The validation report kept with a version. */
export async function fetchValidation(namespace: string, name: string, version: string): Promise<ValidationReport> {
  const path = `${apiPath(namespace, name)}/versions/${encodeURIComponent(version)}`;
  return (await fetchJson<{ validation: ValidationReport }>(path)).validation;
}

/**
 * A version's definition: OpenAPI and AsyncAPI as parsed JSON (the plugin converts YAML for us),
 * anything else (GraphQL SDL) as the text stored.
 */
export async function fetchDefinition(namespace: string, name: string, version: ApiVersion): Promise<unknown> {
  const path = `${apiPath(namespace, name)}/versions/${encodeURIComponent(version.version)}/definition`;
  if (version.format === 'openapi' || version.format === 'asyncapi') {
    return fetchJson<unknown>(`${path}?as=json`);
  }
  return fetchText(`${path}?as=raw`);
}

export function fetchDiff(namespace: string, name: string, from: string, to: string): Promise<ApiDiff> {
  const query = new URLSearchParams({ from, to });
  return fetchJson<ApiDiff>(`${apiPath(namespace, name)}/diff?${query}`);
}

/** For each consecutive pair of versions, newest first: did the newer break anything? */
export async function fetchVersionVerdicts(namespace: string, name: string): Promise<VersionVerdict[]> {
  return (await fetchJson<{ items?: VersionVerdict[] }>(`${apiPath(namespace, name)}/changes`)).items ?? [];
}

/** How a version is told apart in pickers: its info.version, when it was submitted, and a short hash. */
export function versionLabel(version: ApiVersion): string {
  const date = version.submittedAt.slice(0, 16).replace('T', ' ');
  return `${version.apiVersion ?? 'unversioned'} · ${date} · ${version.version.slice(0, 7)}`;
}

/** Where the UI shows an API's docs. */
export function apiDocsPath(ref: { namespace: string; name: string }): string {
  return `/api-docs/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`;
}
