import { FormEvent, useId, useState } from 'react';
import {
  Condition,
  ConditionalPolicy,
  ConditionRule,
  Criteria,
  ParamSchema,
  PluginConditionRules,
  PluginPermissions,
} from '../api/permission';

/** A rule as the editor offers it: with the plugin that publishes it. */
export interface OfferedRule extends ConditionRule {
  pluginId: string;
}

/** One condition being edited: the rule's key (`plugin rule`) and each param as typed. */
interface DraftCondition {
  rule: string;
  params: Record<string, string | boolean>;
}

type Combinator = 'anyOf' | 'allOf';

interface Draft {
  actions: string[];
  combinator: Combinator;
  conditions: DraftCondition[];
}

const ruleKey = (rule: { pluginId: string; name: string }) => `${rule.pluginId} ${rule.name}`;

/** Every rule plugins publish, for the editor's choice. */
export function offeredRules(published: PluginConditionRules[]): OfferedRule[] {
  return published.flatMap((plugin) => plugin.rules.map((rule) => ({ ...rule, pluginId: plugin.pluginId })));
}

const isCondition = (criteria: Criteria): criteria is Condition => 'rule' in criteria;

/**
 * The conditions of `policy` as the editor edits them: one condition, or anyOf / allOf of
 * conditions. Deeper trees (a `not`, nesting) are left to the REST API: null.
 */
export function editable(policy: ConditionalPolicy): { combinator: Combinator; conditions: Condition[] } | null {
  const tree = policy.conditions;
  if (isCondition(tree)) {
    return { combinator: 'anyOf', conditions: [tree] };
  }
  const combinator: Combinator | null = 'anyOf' in tree ? 'anyOf' : 'allOf' in tree ? 'allOf' : null;
  if (!combinator) {
    return null;
  }
  const children = (tree as Record<Combinator, Criteria[]>)[combinator];
  return children.every(isCondition) ? { combinator, conditions: children as Condition[] } : null;
}

const isList = (schema: ParamSchema) => schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
const isBoolean = (schema: ParamSchema) => schema.type === 'boolean';
const isNumber = (schema: ParamSchema) => schema.type === 'number' || schema.type === 'integer';

/** A param's stored value as the form shows it: lists one item per line. */
function shown(value: unknown, schema: ParamSchema): string | boolean {
  if (isBoolean(schema)) {
    return value === true;
  }
  if (Array.isArray(value)) {
    return value.map(String).join('\n');
  }
  return value === undefined || value === null ? '' : String(value);
}

/** A param as typed, in the type its schema asks for; undefined when left empty. */
function typed(value: string | boolean, schema: ParamSchema): unknown {
  if (isBoolean(schema)) {
    return value === true;
  }
  const text = String(value).trim();
  if (text === '') {
    return undefined;
  }
  if (isList(schema)) {
    return text.split(/\n|,/).map((item) => item.trim()).filter(Boolean);
  }
  if (isNumber(schema)) {
    return Number(text);
  }
  return text;
}

function draftOf(policy: ConditionalPolicy | undefined, rules: OfferedRule[]): Draft {
  const tree = policy ? editable(policy) : null;
  if (!policy || !tree) {
    return { actions: [], combinator: 'anyOf', conditions: [{ rule: '', params: {} }] };
  }
  return {
    actions: [...policy.permissionMapping],
    combinator: tree.combinator,
    conditions: tree.conditions.map((condition) => {
      const rule = rules.find((r) => r.pluginId === policy.pluginId && r.name === condition.rule);
      const properties = rule?.paramsSchema?.properties ?? {};
      const params: Record<string, string | boolean> = {};
      for (const [name, value] of Object.entries(condition.params ?? {})) {
        params[name] = shown(value, properties[name] ?? {});
      }
      return { rule: ruleKey({ pluginId: policy.pluginId, name: condition.rule }), params };
    }),
  };
}

/** What is missing or wrong in the draft, each naming the condition and the param; empty when it can be saved. */
function problems(draft: Draft, rules: OfferedRule[]): string[] {
  const found: string[] = [];
  if (draft.actions.length === 0) {
    found.push('Pick at least one action');
  }
  const chosen = draft.conditions.map((condition) => rules.find((rule) => ruleKey(rule) === condition.rule));
  draft.conditions.forEach((condition, index) => {
    const rule = chosen[index];
    if (!rule) {
      found.push(`Condition ${index + 1}: pick a rule`);
      return;
    }
    const properties = rule.paramsSchema?.properties ?? {};
    for (const name of rule.paramsSchema?.required ?? []) {
      const value = typed(condition.params[name] ?? '', properties[name] ?? {});
      if (value === undefined || (Array.isArray(value) && value.length === 0)) {
        found.push(`Condition ${index + 1} (${rule.name}): '${name}' is required`);
      }
    }
    for (const [name, schema] of Object.entries(properties)) {
      const value = typed(condition.params[name] ?? '', schema);
      if (isNumber(schema) && typeof value === 'number' && Number.isNaN(value)) {
        found.push(`Condition ${index + 1} (${rule.name}): '${name}' must be a number`);
      }
      if (schema.enum && value !== undefined && !schema.enum.includes(value)) {
        found.push(`Condition ${index + 1} (${rule.name}): '${name}' must be one of ${schema.enum.join(', ')}`);
      }
    }
  });
  const plugins = new Set(chosen.filter(Boolean).map((rule) => `${rule!.pluginId} ${rule!.resourceType}`));
  if (plugins.size > 1) {
    found.push('All conditions of a policy apply to one resource type of one plugin');
  }
  return found;
}

/** The policy the draft makes, for `roleEntityRef`. */
function policyOf(draft: Draft, rules: OfferedRule[], roleEntityRef: string): ConditionalPolicy {
  const conditions = draft.conditions.map((condition) => {
    const rule = rules.find((r) => ruleKey(r) === condition.rule)!;
    const properties = rule.paramsSchema?.properties ?? {};
    const params: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(properties)) {
      const value = typed(condition.params[name] ?? '', schema);
      if (value !== undefined && !(isBoolean(schema) && value === false && !(rule.paramsSchema?.required ?? []).includes(name))) {
        params[name] = value;
      }
    }
    return { rule: rule.name, resourceType: rule.resourceType, params };
  });
  const first = rules.find((r) => ruleKey(r) === draft.conditions[0].rule)!;
  return {
    result: 'CONDITIONAL',
    roleEntityRef,
    pluginId: first.pluginId,
    resourceType: first.resourceType,
    permissionMapping: draft.actions,
    conditions: conditions.length === 1 ? conditions[0] : ({ [draft.combinator]: conditions } as Criteria),
  };
}

/** The actions the plugin publishes permissions for on `resourceType` (RHDH's `policy` of each). */
function actionsFor(pluginId: string, resourceType: string, permissions: PluginPermissions[]): string[] {
  const actions = new Set<string>();
  permissions.filter((plugin) => plugin.pluginId === pluginId).forEach((plugin) =>
    plugin.policies.filter((p) => p.resourceType === resourceType).forEach((p) => actions.add(p.policy)));
  return [...actions].sort();
}

/**
 * Edits one conditional policy of a role: the rules plugins publish (`/plugins/condition-rules`),
 * each rule's params as fields made from its `paramsSchema` (text, a list one item per line, a
 * number, a checkbox, a choice), the actions it applies to, and how several conditions combine.
 * What the schema requires is checked before anything is sent; the permission plugin checks the
 * params against the schema again and its refusal is shown by the page.
 */
export function ConditionEditor({ roleEntityRef, policy, rules, permissions, onSave, onCancel }: {
  roleEntityRef: string;
  policy?: ConditionalPolicy;
  rules: OfferedRule[];
  permissions: PluginPermissions[];
  onSave: (policy: ConditionalPolicy) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy, rules));
  const [tried, setTried] = useState(false);
  const found = problems(draft, rules);
  const first = rules.find((rule) => ruleKey(rule) === draft.conditions[0]?.rule);
  // Once a rule is chosen, the others must be of its plugin and resource type.
  const fitting = (index: number) => (index === 0 || !first ? rules
    : rules.filter((rule) => rule.pluginId === first.pluginId && rule.resourceType === first.resourceType));
  const actions = first ? actionsFor(first.pluginId, first.resourceType, permissions) : [];

  const setCondition = (index: number, change: Partial<DraftCondition>) =>
    setDraft({ ...draft, conditions: draft.conditions.map((c, i) => (i === index ? { ...c, ...change } : c)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (found.length === 0) {
      onSave(policyOf(draft, rules, roleEntityRef));
    }
  }

  return (
    <form className="card register-form" onSubmit={submit} aria-label="Conditional policy">
      <h3>{policy ? 'Edit conditional policy' : 'Add conditional policy'}</h3>
      {rules.length === 0 && <p role="status">No plugin publishes condition rules.</p>}
      {draft.conditions.map((condition, index) => {
        const rule = rules.find((r) => ruleKey(r) === condition.rule);
        const schema = rule?.paramsSchema;
        return (
          <fieldset key={index}>
            <legend>Condition {index + 1}</legend>
            <div className="field">
              <label htmlFor={`${id}-rule-${index}`}>Rule {index + 1}</label>
              <select id={`${id}-rule-${index}`} value={condition.rule} onChange={(event) => setCondition(index, { rule: event.target.value, params: {} })}>
                <option value="">Pick a rule…</option>
                {fitting(index).map((offered) => (
                  <option key={ruleKey(offered)} value={ruleKey(offered)}>
                    {offered.pluginId}: {offered.name} ({offered.resourceType})
                  </option>
                ))}
              </select>
              {rule && <p className="hint">{rule.description}</p>}
            </div>
            {schema && Object.entries(schema.properties ?? {}).map(([name, param]) => {
              const fieldId = `${id}-param-${index}-${name}`;
              const required = (schema.required ?? []).includes(name);
              const label = `${name}${required ? ' (required)' : ''}${isList(param) ? ', one per line' : ''}`;
              const value = condition.params[name] ?? (isBoolean(param) ? false : '');
              const set = (next: string | boolean) => setCondition(index, { params: { ...condition.params, [name]: next } });
              return (
                <div className="field" key={name}>
                  <label htmlFor={fieldId}>{label}</label>
                  {param.enum ? (
                    <select id={fieldId} value={String(value)} onChange={(event) => set(event.target.value)}>
                      <option value="" />
                      {param.enum.map((option) => <option key={String(option)} value={String(option)}>{String(option)}</option>)}
                    </select>
                  ) : isBoolean(param) ? (
                    <input id={fieldId} type="checkbox" checked={value === true} onChange={(event) => set(event.target.checked)} />
                  ) : isList(param) ? (
                    <textarea id={fieldId} rows={3} value={String(value)} onChange={(event) => set(event.target.value)} />
                  ) : (
                    <input id={fieldId} type={isNumber(param) ? 'number' : 'text'} value={String(value)} onChange={(event) => set(event.target.value)} />
                  )}
                  {param.description && <p className="hint">{param.description}</p>}
                </div>
              );
            })}
            {draft.conditions.length > 1 && (
              <button type="button" aria-label={`Remove condition ${index + 1}`}
                onClick={() => setDraft({ ...draft, conditions: draft.conditions.filter((_, i) => i !== index) })}>
                Remove condition
              </button>
            )}
          </fieldset>
        );
      })}
      <div className="action-buttons">
        <button type="button" disabled={!first}
          onClick={() => setDraft({ ...draft, conditions: [...draft.conditions, { rule: '', params: {} }] })}>
          Add condition
        </button>
        {draft.conditions.length > 1 && (
          <label>
            Combine
            <select value={draft.combinator} onChange={(event) => setDraft({ ...draft, combinator: event.target.value as Combinator })}>
              <option value="anyOf">any of the conditions</option>
              <option value="allOf">all of the conditions</option>
            </select>
          </label>
        )}
      </div>
      <fieldset>
        <legend>Applies to the actions</legend>
        {!first && <p className="hint">Pick a rule to see the actions its plugin publishes.</p>}
        {actions.map((action) => (
          <label key={action}>
            <input type="checkbox" checked={draft.actions.includes(action)}
              onChange={(event) => setDraft({ ...draft, actions: event.target.checked
                ? [...draft.actions, action] : draft.actions.filter((a) => a !== action) })} />
            {action}
          </label>
        ))}
      </fieldset>
      {tried && found.length > 0 && (
        <ul role="alert" className="plain-list">
          {found.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>Cancel</button>
        <button type="submit">Save conditional policy</button>
      </div>
    </form>
  );
}
