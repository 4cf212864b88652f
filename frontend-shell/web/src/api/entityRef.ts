/** An entity reference split into its parts: `kind:namespace/name`, Backstage's string form. */
export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** Parses `kind:namespace/name`, filling in the default namespace and, when given, the kind. */
export function parseEntityRef(ref: string, defaultKind = ''): EntityRef {
  const colon = ref.indexOf(':');
  const kind = colon >= 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  return {
    kind: kind.toLowerCase(),
    namespace: slash >= 0 ? rest.slice(0, slash) : 'default',
    name: slash >= 0 ? rest.slice(slash + 1) : rest,
  };
}

export function stringifyEntityRef(ref: EntityRef): string {
  return `${ref.kind.toLowerCase()}:${ref.namespace}/${ref.name}`;
}

/** Where the UI shows an entity: /catalog/:namespace/:kind/:name, as in Backstage. */
export function entityPath(ref: EntityRef): string {
  return `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.kind.toLowerCase())}/${encodeURIComponent(ref.name)}`;
}

/** A short label: the name alone in the default namespace, namespace/name elsewhere. */
export function shortRef(ref: EntityRef, withKind = false): string {
  const name = ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
  return withKind ? `${ref.kind}:${name}` : name;
}
