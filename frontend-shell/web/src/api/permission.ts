import { fetchJson } from './http';

/** RHDH's role: `role:<namespace>/<name>` with the users and groups it is granted to. */
export interface Role {
  name: string;
  memberReferences: string[];
  metadata?: { source?: string; description?: string; modifiedBy?: string; lastModified?: string };
}

/** One line of a role's policy: `p, <role>, <permission or resource type>, <action>, <effect>`. */
export interface Policy {
  entityReference: string;
  permission: string;
  policy: string;
  effect: 'allow' | 'deny';
  metadata?: { source?: string };
}

/** A permission a plugin publishes, as the permission plugin lists them. */
export interface PublishedPermission {
  name: string;
  policy: string;
  resourceType?: string;
}

export interface PluginPermissions {
  pluginId: string;
  policies: PublishedPermission[];
}

const BASE = '/api/permission';

/** `role/default/team-a` of `role:default/team-a`, the path the API names a role by. */
export function rolePath(ref: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) {
    throw new Error(`not an entity reference: ${ref}`);
  }
  return [match[1], match[2], match[3]].map(encodeURIComponent).join('/');
}

const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

export const listRoles = () => fetchJson<Role[]>(`${BASE}/roles`);
export const listPolicies = () => fetchJson<Policy[]>(`${BASE}/policies`);
export const pluginPermissions = () => fetchJson<PluginPermissions[]>(`${BASE}/plugins/policies`);

export const createRole = (role: Role) => fetchJson<void>(`${BASE}/roles`, { method: 'POST', ...json(role) });
export const updateRole = (oldRole: Role, newRole: Role) =>
  fetchJson<void>(`${BASE}/roles/${rolePath(oldRole.name)}`, { method: 'PUT', ...json({ oldRole, newRole }) });
export const deleteRole = (ref: string) => fetchJson<void>(`${BASE}/roles/${rolePath(ref)}`, { method: 'DELETE' });

export const addPolicies = (policies: Policy[]) => fetchJson<void>(`${BASE}/policies`, { method: 'POST', ...json(policies) });
export const replacePolicies = (ref: string, oldPolicy: Policy[], newPolicy: Policy[]) =>
  fetchJson<void>(`${BASE}/policies/${rolePath(ref)}`, { method: 'PUT', ...json({ oldPolicy, newPolicy }) });
export const deletePolicies = (ref: string, policies: Policy[]) =>
  fetchJson<void>(`${BASE}/policies/${rolePath(ref)}`, { method: 'DELETE', ...json(policies) });

/** Saves a role's new policies against its stored ones with the one call RHDH's API takes for the change. */
export async function savePolicies(ref: string, stored: Policy[], wanted: Policy[]): Promise<void> {
  const strip = (p: Policy) => ({ entityReference: ref, permission: p.permission, policy: p.policy, effect: p.effect });
  const before = stored.map(strip);
  const after = wanted.map(strip);
  if (JSON.stringify(before) === JSON.stringify(after)) {
    return;
  }
  if (before.length === 0) {
    return addPolicies(after);
  }
  if (after.length === 0) {
    return deletePolicies(ref, before);
  }
  return replacePolicies(ref, before, after);
}

/** A condition rule a plugin publishes: its params described by a JSON Schema (`paramsSchema`). */
export interface ConditionRule {
  name: string;
  description: string;
  resourceType: string;
  paramsSchema?: ParamsSchema;
}

/** The part of a rule's JSON Schema the editor reads: an object of named params. */
export interface ParamsSchema {
  type?: string;
  properties?: Record<string, ParamSchema>;
  required?: string[];
}

export interface ParamSchema {
  type?: string | string[];
  description?: string;
  items?: { type?: string };
  enum?: unknown[];
}

export interface PluginConditionRules {
  pluginId: string;
  rules: ConditionRule[];
}

/** One condition: a rule applied with params. */
export interface Condition {
  rule: string;
  resourceType: string;
  params: Record<string, unknown>;
}

/** Backstage's criteria: a condition, or allOf / anyOf / not of criteria. */
export type Criteria = Condition | { allOf: Criteria[] } | { anyOf: Criteria[] } | { not: Criteria };

/** RHDH's conditional policy of a role: for `permissionMapping`'s actions on `resourceType`, what `conditions` select. */
export interface ConditionalPolicy {
  id?: number;
  result: 'CONDITIONAL';
  roleEntityRef: string;
  pluginId: string;
  resourceType: string;
  permissionMapping: string[];
  conditions: Criteria;
}

export const conditionRules = () => fetchJson<PluginConditionRules[]>(`${BASE}/plugins/condition-rules`);
export const listConditions = () => fetchJson<ConditionalPolicy[]>(`${BASE}/roles/conditions`);
export const createCondition = (policy: ConditionalPolicy) =>
  fetchJson<{ id: number }>(`${BASE}/roles/conditions`, { method: 'POST', ...json(policy) });
export const updateCondition = (id: number, policy: ConditionalPolicy) =>
  fetchJson<void>(`${BASE}/roles/conditions/${id}`, { method: 'PUT', ...json(policy) });
export const deleteCondition = (id: number) => fetchJson<void>(`${BASE}/roles/conditions/${id}`, { method: 'DELETE' });
