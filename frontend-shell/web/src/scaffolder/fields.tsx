import { FieldProps, RegistryFieldsType } from '@rjsf/utils';
import { ChangeEvent, ReactNode, useId, useState } from 'react';
import { Entity, fetchEntitiesWhere } from '../api/catalog';
import { stringifyEntityRef } from '../api/entityRef';
import { useAsync } from '../common/useAsync';

/** What the form shares with its fields: the task's secrets, kept out of the form's values. */
export interface ScaffolderFormContext {
  secrets: Record<string, string>;
  setSecret: (name: string, value: string | undefined) => void;
}

/** How many entities a picker offers; more are found by typing a full reference (when allowed). */
const PICKER_LIMIT = 500;

function FieldFrame({ id, props, children }: { id: string; props: FieldProps; children: ReactNode }) {
  const title = props.uiSchema?.['ui:title'] ?? props.schema.title ?? props.name;
  const description = props.uiSchema?.['ui:description'] ?? props.schema.description;
  return (
    <div className="scaffolder-field">
      <label htmlFor={id}>
        {title}
        {props.required ? ' *' : ''}
      </label>
      {description && <p className="muted field-description" id={`${id}-description`}>{description}</p>}
      {children}
    </div>
  );
}

const options = (props: FieldProps): Record<string, unknown> => (props.uiSchema?.['ui:options'] as Record<string, unknown>) ?? {};

/** `github.com?owner=acme&repo=site`, Backstage's repoUrl form, into its parts. */
function parseRepoUrl(value: string | undefined): { host: string; owner: string; repo: string } {
  if (!value) return { host: '', owner: '', repo: '' };
  const question = value.indexOf('?');
  const params = new URLSearchParams(question >= 0 ? value.slice(question + 1) : '');
  return { host: question >= 0 ? value.slice(0, question) : value, owner: params.get('owner') ?? '', repo: params.get('repo') ?? '' };
}

/** Backstage's RepoUrlPicker: a host (of `allowedHosts`), an owner (of `allowedOwners`, if given) and a repository name. */
export function RepoUrlPicker(props: FieldProps<string>) {
  const id = props.idSchema.$id;
  const ui = options(props);
  const hosts = (ui.allowedHosts as string[] | undefined) ?? ['github.com'];
  const owners = ui.allowedOwners as string[] | undefined;
  const [parts, setParts] = useState(() => {
    const parsed = parseRepoUrl(props.formData);
    return { ...parsed, host: parsed.host || hosts[0], owner: parsed.owner || owners?.[0] || '' };
  });
  const update = (change: Partial<typeof parts>) => {
    const next = { ...parts, ...change };
    setParts(next);
    // Incomplete, it is no value at all, so `required` says what is missing.
    props.onChange(next.host && next.owner && next.repo ? `${next.host}?${new URLSearchParams({ owner: next.owner, repo: next.repo })}` : undefined);
  };
  return (
    <FieldFrame id={`${id}-repo`} props={props}>
      <div className="repo-url-picker">
        <label>
          Host
          <select value={parts.host} onChange={(event) => update({ host: event.target.value })} disabled={props.disabled || hosts.length < 2}>
            {hosts.map((host) => <option key={host}>{host}</option>)}
          </select>
        </label>
        <label>
          Owner
          {owners ? (
            <select value={parts.owner} onChange={(event) => update({ owner: event.target.value })} disabled={props.disabled}>
              {owners.map((owner) => <option key={owner}>{owner}</option>)}
            </select>
          ) : (
            <input value={parts.owner} onChange={(event) => update({ owner: event.target.value.trim() })} disabled={props.disabled} />
          )}
        </label>
        <label>
          Repository
          <input id={`${id}-repo`} value={parts.repo} onChange={(event) => update({ repo: event.target.value.trim() })} disabled={props.disabled} />
        </label>
      </div>
    </FieldFrame>
  );
}

/** `catalogFilter` (one object or a list; a list value means any of them) as Backstage `filter` parameters. */
function catalogFilters(filter: unknown, fallback: Record<string, string[]>): string[] {
  const list = Array.isArray(filter) ? filter : filter && typeof filter === 'object' ? [filter] : [fallback];
  return list.map((conditions: Record<string, unknown>) =>
    Object.entries(conditions)
      .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => `${key}=${String(one)}`))
      .join(','),
  );
}

function EntityRefPicker({ props, fallback, defaultKind }: { props: FieldProps<string>; fallback: Record<string, string[]>; defaultKind?: string }) {
  const id = props.idSchema.$id;
  const listId = useId();
  const ui = options(props);
  // Backstage's older `allowedKinds` option still appears in templates.
  const filter = ui.catalogFilter ?? (ui.allowedKinds ? { kind: ui.allowedKinds } : undefined);
  const entities = useAsync(() => fetchEntitiesWhere(catalogFilters(filter, fallback), PICKER_LIMIT), [JSON.stringify(filter)]);
  const refOf = (entity: Entity) => stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name });
  const kind = (ui.defaultKind as string | undefined) ?? defaultKind;
  const namespace = (ui.defaultNamespace as string | undefined) ?? 'default';
  // A bare name typed in is read with the default kind and namespace, as Backstage's pickers do.
  const complete = (value: string) => (value && !value.includes(':') && kind ? `${kind.toLowerCase()}:${value.includes('/') ? value : `${namespace}/${value}`}` : value);
  return (
    <FieldFrame id={id} props={props}>
      <input
        id={id}
        list={listId}
        value={props.formData ?? ''}
        disabled={props.disabled}
        onChange={(event: ChangeEvent<HTMLInputElement>) => props.onChange(event.target.value || undefined)}
        onBlur={(event) => event.target.value && props.onChange(complete(event.target.value.trim()))}
        aria-describedby={props.schema.description ? `${id}-description` : undefined}
      />
      <datalist id={listId}>
        {entities.status === 'done' &&
          entities.value.map((entity) => (
            <option key={refOf(entity)} value={refOf(entity)}>
              {entity.metadata.title ?? entity.metadata.name}
            </option>
          ))}
      </datalist>
      {entities.status === 'error' && <p className="field-error" role="alert">Could not list the catalog's entities: {entities.error.message}</p>}
    </FieldFrame>
  );
}

/** Backstage's EntityPicker: an entity of the catalog (`catalogFilter`), stored as its reference. */
export function EntityPicker(props: FieldProps<string>) {
  return <EntityRefPicker props={props} fallback={{}} />;
}

/** Backstage's OwnerPicker: a Group or User of the catalog, unless `catalogFilter` says otherwise. */
export function OwnerPicker(props: FieldProps<string>) {
  return <EntityRefPicker props={props} fallback={{ kind: ['Group', 'User'] }} defaultKind="Group" />;
}

/** Backstage's EntityNamePicker: a text field the form checks against the entity-name rule. */
export function EntityNamePicker(props: FieldProps<string>) {
  const id = props.idSchema.$id;
  return (
    <FieldFrame id={id} props={props}>
      <input id={id} value={props.formData ?? ''} disabled={props.disabled} autoFocus={Boolean(props.uiSchema?.['ui:autofocus'])}
        onChange={(event) => props.onChange(event.target.value.trim() || undefined)} />
    </FieldFrame>
  );
}

/**
 * Backstage's Secret field: what is typed goes into the task's `secrets` under the field's name,
 * never into its values; the values hold a mask of the same length, so `required` still holds.
 */
export function SecretField(props: FieldProps<string>) {
  const id = props.idSchema.$id;
  const context = props.formContext as ScaffolderFormContext;
  return (
    <FieldFrame id={id} props={props}>
      <input id={id} type="password" autoComplete="off" value={context.secrets[props.name] ?? ''} disabled={props.disabled}
        onChange={(event) => {
          const value = event.target.value;
          context.setSecret(props.name, value || undefined);
          props.onChange(value ? '*'.repeat(value.length) : undefined);
        }} />
    </FieldFrame>
  );
}

/** The custom fields templates name in `ui:field`. */
export const FIELDS: RegistryFieldsType = {
  RepoUrlPicker,
  OwnerPicker,
  EntityPicker,
  EntityNamePicker,
  Secret: SecretField,
} as RegistryFieldsType;
