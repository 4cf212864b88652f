import { FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { ApiError } from '../api/http';
import {
  conditionRules,
  ConditionalPolicy,
  createCondition,
  createRole,
  deleteCondition,
  deleteRole,
  listConditions,
  listPolicies,
  listRoles,
  pluginPermissions,
  Policy,
  PluginPermissions,
  Role,
  savePolicies,
  updateCondition,
  updateRole,
} from '../api/permission';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { ConditionEditor, editable, OfferedRule, offeredRules } from './ConditionEditor';

type Loaded = { roles: Role[]; policies: Policy[]; permissions: PluginPermissions[]; conditions: ConditionalPolicy[]; rules: OfferedRule[] };
type Load = { status: 'loading' } | { status: 'forbidden' } | { status: 'failed'; error: Error } | ({ status: 'done' } & Loaded);

/** What the form edits: a role with its policies; `original` is the stored role when editing one. */
interface Draft {
  original?: Role;
  stored: Policy[];
  name: string;
  description: string;
  members: string;
  policies: Policy[];
}

/** Roles from the policy file are read here and changed in the file only, as in RHDH. */
// Roles of the policy file and RHDH's built-in role:default/rbac_admin (source 'configuration')
// are changed where they come from; the API refuses changing them here.
const readOnlyHere = (role: Role) => (role.metadata?.source ?? 'rest') !== 'rest';

const policiesOf = (ref: string, policies: Policy[]) => policies.filter((policy) => policy.entityReference === ref);

/** A permission the form offers: a resource type or a basic permission's name, with the actions plugins publish for it. */
function choices(permissions: PluginPermissions[]): Map<string, Set<string>> {
  const byPermission = new Map<string, Set<string>>();
  for (const plugin of permissions) {
    for (const published of plugin.policies) {
      const key = published.resourceType ?? published.name;
      byPermission.set(key, (byPermission.get(key) ?? new Set()).add(published.policy));
    }
  }
  return byPermission;
}

function draftOf(role: Role | undefined, policies: Policy[]): Draft {
  if (!role) {
    return { stored: [], name: '', description: '', members: '', policies: [] };
  }
  const stored = policiesOf(role.name, policies);
  return {
    original: role,
    stored,
    name: role.name.replace(/^role:default\//, ''),
    description: role.metadata?.description ?? '',
    members: role.memberReferences.join('\n'),
    policies: stored.map((policy) => ({ ...policy })),
  };
}

/**
 * Roles, their members and their policies, for RBAC administrators (RHDH's REST API under
 * /api/permission). Anyone else gets the permission plugin's refusal and no controls.
 */
export function RbacPage() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  /** The role whose conditional policies are shown, and the one being edited ('new' for a new one). */
  const [conditionsOf, setConditionsOf] = useState<string | null>(null);
  const [editing, setEditing] = useState<ConditionalPolicy | 'new' | null>(null);

  const reload = useCallback(async () => {
    try {
      const [roles, policies, conditions] = await Promise.all([listRoles(), listPolicies(), listConditions()]);
      // The permissions and rules plugins publish fill the forms' choices; without them policies take typed names.
      const [permissions, rules] = await Promise.all([pluginPermissions().catch(() => []), conditionRules().catch(() => [])]);
      setLoad({ status: 'done', roles, policies, permissions, conditions, rules: offeredRules(rules) });
    } catch (error) {
      setLoad(error instanceof ApiError && error.status === 403 ? { status: 'forbidden' } : { status: 'failed', error: error as Error });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function remove(role: Role) {
    setFailure(null);
    try {
      await deleteRole(role.name);
      await reload();
    } catch (error) {
      setFailure(error as Error);
    }
  }

  async function saveCondition(policy: ConditionalPolicy) {
    setFailure(null);
    try {
      if (editing !== null && editing !== 'new' && editing.id !== undefined) {
        await updateCondition(editing.id, policy);
      } else {
        await createCondition(policy);
      }
      setEditing(null);
      await reload();
    } catch (error) {
      setFailure(error as Error);
    }
  }

  async function removeCondition(policy: ConditionalPolicy) {
    setFailure(null);
    try {
      await deleteCondition(policy.id!);
      await reload();
    } catch (error) {
      setFailure(error as Error);
    }
  }

  async function save(saved: Draft) {
    setFailure(null);
    const ref = saved.name.includes(':') ? saved.name : `role:default/${saved.name}`;
    const role: Role = {
      name: ref,
      memberReferences: saved.members.split(/[\s,]+/).filter(Boolean),
      ...(saved.description ? { metadata: { description: saved.description } } : {}),
    };
    try {
      if (saved.original) {
        await updateRole(saved.original, role);
      } else {
        await createRole(role);
      }
      await savePolicies(ref, saved.original ? saved.stored : [], saved.policies);
      setDraft(null);
      await reload();
    } catch (error) {
      setFailure(error as Error);
    }
  }

  return (
    <section>
      <h1>Roles and permissions</h1>
      {load.status === 'loading' && <Loading what="the roles" />}
      {load.status === 'forbidden' && (
        <div className="card" role="alert">
          <h2>Only RBAC administrators manage roles</h2>
          <p>Ask a platform administrator to add you to <code>permission.rbac.admin.users</code>.</p>
        </div>
      )}
      {load.status === 'failed' && <ErrorPanel title="Could not load the roles" error={load.error} />}
      {failure && <ErrorPanel title="The permission plugin refused" error={failure} />}
      {load.status === 'done' && !draft && !conditionsOf && (
        <>
          <div className="action-buttons">
            <button type="button" onClick={() => setDraft(draftOf(undefined, load.policies))}>
              Create role
            </button>
          </div>
          <RoleTable loaded={load} onEdit={(role) => setDraft(draftOf(role, load.policies))} onDelete={remove}
            onConditions={(role) => setConditionsOf(role.name)} />
        </>
      )}
      {load.status === 'done' && conditionsOf && !editing && (
        <RoleConditions role={conditionsOf} loaded={load} onAdd={() => setEditing('new')} onEdit={setEditing}
          onDelete={removeCondition} onClose={() => setConditionsOf(null)} />
      )}
      {load.status === 'done' && conditionsOf && editing && (
        <ConditionEditor roleEntityRef={conditionsOf} policy={editing === 'new' ? undefined : editing} rules={load.rules}
          permissions={load.permissions} onSave={saveCondition} onCancel={() => setEditing(null)} />
      )}
      {load.status === 'done' && draft && (
        <RoleForm draft={draft} permissions={load.permissions} onSave={save} onCancel={() => setDraft(null)} />
      )}
    </section>
  );
}

/** The conditional policies of one role, each with the rules it applies and the actions it maps. */
function RoleConditions({ role, loaded, onAdd, onEdit, onDelete, onClose }: {
  role: string;
  loaded: Loaded;
  onAdd: () => void;
  onEdit: (policy: ConditionalPolicy) => void;
  onDelete: (policy: ConditionalPolicy) => void;
  onClose: () => void;
}) {
  const mine = loaded.conditions.filter((policy) => policy.roleEntityRef === role);
  return (
    <div className="card">
      <h2>Conditional policies of {role}</h2>
      <p className="hint">A conditional policy lets the role act only on the resources its conditions select; it wins over the role's allow and deny lines for those actions.</p>
      {mine.length === 0 && <p>No conditional policies.</p>}
      <ul className="plain-list">
        {mine.map((policy) => {
          const tree = editable(policy);
          const rules = tree ? tree.conditions.map((c) => `${c.rule} ${JSON.stringify(c.params)}`).join(tree.combinator === 'anyOf' ? ' or ' : ' and ')
            : JSON.stringify(policy.conditions);
          return (
            <li key={policy.id}>
              <strong>{policy.pluginId} {policy.resourceType}</strong> {policy.permissionMapping.join(', ')}: {rules}{' '}
              <button type="button" aria-label={`Edit conditional policy ${policy.id}`} disabled={!tree}
                title={tree ? undefined : 'Nested conditions: change them through the REST API'} onClick={() => onEdit(policy)}>
                Edit
              </button>
              <button type="button" className="danger" aria-label={`Delete conditional policy ${policy.id}`} onClick={() => onDelete(policy)}>
                Delete
              </button>
            </li>
          );
        })}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>Back to roles</button>
        <button type="button" onClick={onAdd}>Add conditional policy</button>
      </div>
    </div>
  );
}

function RoleTable({ loaded, onEdit, onDelete, onConditions }: {
  loaded: Loaded;
  onEdit: (role: Role) => void;
  onDelete: (role: Role) => void;
  onConditions: (role: Role) => void;
}) {
  if (loaded.roles.length === 0) {
    return <p>No roles yet.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="entity-table">
        <thead>
          <tr>
            <th>Role</th>
            <th>Members</th>
            <th>Policies</th>
            <th>Conditions</th>
            <th>Source</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {loaded.roles.map((role) => {
            const readOnly = readOnlyHere(role);
            const why = !readOnly ? undefined : role.metadata?.source === 'configuration'
              ? 'Built in: its members are permission.rbac.admin.users in the configuration' : 'Defined in the policy file: change it there';
            return (
              <tr key={role.name}>
                <td>{role.name}</td>
                <td>{role.memberReferences.join(', ')}</td>
                <td>
                  <ul className="plain-list">
                    {policiesOf(role.name, loaded.policies).map((policy) => (
                      <li key={`${policy.permission} ${policy.policy}`}>
                        {policy.permission} {policy.policy}: {policy.effect}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{loaded.conditions.filter((policy) => policy.roleEntityRef === role.name).length}</td>
                <td>{role.metadata?.source ?? 'rest'}</td>
                <td className="action-buttons">
                  <button type="button" aria-label={`Edit ${role.name}`} disabled={readOnly} title={why} onClick={() => onEdit(role)}>
                    Edit
                  </button>
                  <button type="button" aria-label={`Conditions of ${role.name}`} onClick={() => onConditions(role)}>
                    Conditions
                  </button>
                  <button type="button" aria-label={`Delete ${role.name}`} className="danger" disabled={readOnly} title={why}
                    onClick={() => onDelete(role)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RoleForm({ draft, permissions, onSave, onCancel }: {
  draft: Draft;
  permissions: PluginPermissions[];
  onSave: (draft: Draft) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [edited, setEdited] = useState(draft);
  const offered = choices(permissions);
  const setPolicy = (index: number, change: Partial<Policy>) =>
    setEdited({ ...edited, policies: edited.policies.map((policy, i) => (i === index ? { ...policy, ...change } : policy)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave(edited);
  }

  return (
    <form className="card register-form" onSubmit={submit}>
      <h2>{draft.original ? `Edit ${draft.original.name}` : 'Create role'}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Role name</label>
        <input id={`${id}-name`} required pattern="[a-z0-9A-Z_.:/-]+" value={edited.name}
          onChange={(event) => setEdited({ ...edited, name: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input id={`${id}-description`} value={edited.description}
          onChange={(event) => setEdited({ ...edited, description: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-members`}>Members (user or group references, one per line)</label>
        <textarea id={`${id}-members`} required rows={4} value={edited.members}
          onChange={(event) => setEdited({ ...edited, members: event.target.value })} />
      </div>
      <fieldset>
        <legend>Policies</legend>
        {edited.policies.map((policy, index) => {
          const actions = [...(offered.get(policy.permission) ?? new Set<string>())];
          return (
            <div className="action-buttons" key={index}>
              <label>
                Permission {index + 1}
                <input list={`${id}-permissions`} required value={policy.permission}
                  onChange={(event) => setPolicy(index, { permission: event.target.value })} />
              </label>
              <label>
                Action {index + 1}
                <input list={`${id}-actions-${index}`} required value={policy.policy}
                  onChange={(event) => setPolicy(index, { policy: event.target.value })} />
                <datalist id={`${id}-actions-${index}`}>
                  {actions.map((action) => <option key={action} value={action} />)}
                </datalist>
              </label>
              <label>
                Effect {index + 1}
                <select value={policy.effect} onChange={(event) => setPolicy(index, { effect: event.target.value as Policy['effect'] })}>
                  <option value="allow">allow</option>
                  <option value="deny">deny</option>
                </select>
              </label>
              <button type="button" aria-label={`Remove policy ${index + 1}`}
                onClick={() => setEdited({ ...edited, policies: edited.policies.filter((_, i) => i !== index) })}>
                Remove
              </button>
            </div>
          );
        })}
        <datalist id={`${id}-permissions`}>
          {[...offered.keys()].map((permission) => <option key={permission} value={permission} />)}
        </datalist>
        <button type="button"
          onClick={() => setEdited({ ...edited, policies: [...edited.policies, { entityReference: '', permission: '', policy: '', effect: 'allow' }] })}>
          Add policy
        </button>
      </fieldset>
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>Cancel</button>
        <button type="submit">Save</button>
      </div>
    </form>
  );
}
