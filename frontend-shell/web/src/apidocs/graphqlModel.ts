import { DefinitionNode, Kind, parse, print, TypeNode } from 'graphql';

/** A field (or an input field, or an enum value) as the docs list it. */
export interface GraphqlField {
  name: string;
  /** `String!`, `[Payment!]!`; empty for enum values. */
  type: string;
  /** `(id: ID!, first: Int = 10)`, or empty. */
  args: string;
  description?: string;
}

/** A named type of a schema with its fields, values or members. */
export interface GraphqlType {
  name: string;
  kind: 'type' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';
  description?: string;
  fields: GraphqlField[];
}

const KINDS: Partial<Record<string, GraphqlType['kind']>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'type',
  [Kind.OBJECT_TYPE_EXTENSION]: 'type',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
};

function typeName(type: TypeNode): string {
  return print(type);
}

function fieldsOf(definition: DefinitionNode): GraphqlField[] {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      return (definition.fields ?? []).map((field) => ({
        name: field.name.value,
        type: typeName(field.type),
        args: field.arguments?.length ? `(${field.arguments.map((arg) => print(arg)).join(', ')})` : '',
        description: field.description?.value,
      }));
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return (definition.fields ?? []).map((field) => ({
        name: field.name.value, type: typeName(field.type), args: '', description: field.description?.value,
      }));
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      return (definition.values ?? []).map((value) => ({ name: value.name.value, type: '', args: '', description: value.description?.value }));
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
      return (definition.types ?? []).map((member) => ({ name: member.name.value, type: '', args: '' }));
    default:
      return [];
  }
}

/** The named types of an SDL document, in the order written; throws graphql-js's GraphQLError when it does not parse. */
export function graphqlTypes(sdl: string): GraphqlType[] {
  const types: GraphqlType[] = [];
  for (const definition of parse(sdl, { noLocation: true }).definitions) {
    const kind = KINDS[definition.kind];
    if (!kind || !('name' in definition) || !definition.name) continue;
    types.push({
      name: definition.name.value,
      kind,
      description: 'description' in definition ? definition.description?.value : undefined,
      fields: fieldsOf(definition),
    });
  }
  return types;
}

/**
 * The types and fields whose names contain `term` (case-insensitive): a type that matches keeps
 * all its fields, another keeps only the fields that match.
 */
export function searchGraphqlTypes(types: GraphqlType[], term: string): GraphqlType[] {
  const wanted = term.trim().toLowerCase();
  if (!wanted) return types;
  const result: GraphqlType[] = [];
  for (const type of types) {
    if (type.name.toLowerCase().includes(wanted)) {
      result.push(type);
      continue;
    }
    const fields = type.fields.filter((field) => field.name.toLowerCase().includes(wanted));
    if (fields.length) result.push({ ...type, fields });
  }
  return result;
}
