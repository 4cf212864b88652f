import { ErrorSchema, UiSchema } from '@rjsf/utils';
import type { JsonSchema, ParameterError } from './api';

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Templates write rjsf's `ui:*` hints inside the JSON Schema; rjsf wants them apart, in a uiSchema
 * of the same shape. As Backstage's `extractSchemaFromStep` does, this moves every `ui:*` key of a
 * property (and of the properties that `dependencies`, `oneOf`, `anyOf` and `allOf` branches add,
 * and of array `items`) into the uiSchema at that property's place.
 */
export function splitUiSchema(input: JsonSchema): { schema: JsonSchema; uiSchema: UiSchema } {
  const uiSchema: UiSchema = {};
  return { schema: strip(input, uiSchema), uiSchema };
}

function strip(node: Schema, ui: Record<string, unknown>): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('ui:')) {
      ui[key] = value;
    } else if (key === 'properties' && isObject(value)) {
      const properties: Schema = {};
      for (const [name, child] of Object.entries(value)) {
        const childUi = (isObject(ui[name]) ? ui[name] : {}) as Record<string, unknown>;
        properties[name] = isObject(child) ? strip(child, childUi) : child;
        if (Object.keys(childUi).length) ui[name] = childUi;
      }
      out[key] = properties;
    } else if (key === 'items' && isObject(value)) {
      const itemsUi = (isObject(ui.items) ? ui.items : {}) as Record<string, unknown>;
      out[key] = strip(value, itemsUi);
      if (Object.keys(itemsUi).length) ui.items = itemsUi;
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      // A branch's properties are shown at the same level as the object's own.
      out[key] = value.map((branch) => (isObject(branch) ? strip(branch, ui) : branch));
    } else if (key === 'dependencies' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, dependency]) => [name, isObject(dependency) ? strip(dependency, ui) : dependency]));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The properties a page's schema can hold, its branches' included (the first schema of each name): where a value or a server error belongs. */
export function propertiesOf(schema: JsonSchema): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    if (isObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) if (!found.has(name) && isObject(child)) found.set(name, child);
    }
    for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
    if (isObject(node.dependencies)) Object.values(node.dependencies).forEach(visit);
  };
  visit(schema);
  return found;
}

/** `instance.repo.name` or `instance.list[0]` (the scaffolder's 400) → `['repo', 'name']`, `['list', '0']`. */
export function errorPath(property: string | undefined): string[] {
  return (property ?? '').replace(/^instance/, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
}

/** The scaffolder's parameter errors as an rjsf error schema, shown at their fields. */
export function errorSchemaOf(errors: ParameterError[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    let node = root;
    for (const part of errorPath(error.property)) {
      node[part] = (node[part] as Record<string, unknown>) ?? {};
      node = node[part] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[]) ?? []), error.message];
  }
  return root as ErrorSchema;
}

/**
 * Backstage's rule for entity names (`KubernetesValidatorFunctions.isValidObjectName`), which
 * EntityNamePicker checks: 1 to 63 characters, letters, digits, `-`, `_` and `.`, beginning and
 * ending with a letter or digit.
 */
export function isValidEntityName(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(value);
}

export const ENTITY_NAME_RULE =
  'must start and end with a letter or digit and hold only letters, digits, hyphens, underscores and periods, at most 63 characters';

/** The names of a page's top-level properties shown with `ui:field: <field>`. */
export function fieldsOfKind(uiSchema: UiSchema, field: string): string[] {
  return Object.entries(uiSchema)
    .filter(([, ui]) => isObject(ui) && ui['ui:field'] === field)
    .map(([name]) => name);
}
