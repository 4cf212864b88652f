import { Entity, EntityRelation, fetchEntitiesByRefs } from '../api/catalog';

/** One line of the graph: `from` has relations of `types` to `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  types: string[];
}

/** The entities around one, by distance (levels[0]: directly related), and the relations between them. */
export interface Neighbourhood {
  self: string;
  levels: string[][];
  edges: GraphEdge[];
  /** More entities were related than the graph draws. */
  truncated: boolean;
}

/** Beyond this many entities a drawing is no longer readable. */
export const MAX_NODES = 40;

export function refOf(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
}

type RelationsOf = (refs: string[]) => Promise<Map<string, EntityRelation[]>>;

/** The relations of entities by ref, read from the catalog in one call. */
export const relationsFromCatalog: RelationsOf = async (refs) => {
  const entities = await fetchEntitiesByRefs(refs);
  return new Map(entities.map((entity) => [refOf(entity), entity.relations ?? []]));
};

/**
 * Walks the relations out from `entity`, `depth` steps, following only types not `hidden`; each
 * entity appears once, at its shortest distance. Depth 1 needs only the entity itself.
 */
export async function exploreNeighbourhood(entity: Entity, depth: number, hidden: ReadonlySet<string>, relationsOf: RelationsOf = relationsFromCatalog): Promise<Neighbourhood> {
  return walk(entity, depth, hidden, relationsOf);
}

/** The directly related entities, at once. */
export function directNeighbourhood(entity: Entity, hidden: ReadonlySet<string>): Neighbourhood {
  const result = start(entity);
  step(result, new Map([[result.self, entity.relations ?? []]]), [result.self], hidden);
  return finish(result);
}

function start(entity: Entity): Neighbourhood & { seen: Set<string>; edgeIndex: Map<string, GraphEdge> } {
  const self = refOf(entity);
  return { self, levels: [], edges: [], truncated: false, seen: new Set([self]), edgeIndex: new Map() };
}

/** Adds the next level: what `frontier` relates to that has not been seen, and the edges to it. */
function step(
  result: ReturnType<typeof start>,
  relations: Map<string, EntityRelation[]>,
  frontier: string[],
  hidden: ReadonlySet<string>,
): string[] {
  const level = new Set<string>();
  for (const from of frontier) {
    for (const relation of relations.get(from) ?? []) {
      if (hidden.has(relation.type)) continue;
      const to = relation.targetRef.toLowerCase();
      if (!result.seen.has(to)) {
        if (result.seen.size >= MAX_NODES) {
          result.truncated = true;
          continue;
        }
        result.seen.add(to);
        level.add(to);
      }
      // Relations come in pairs (ownedBy/ownerOf): the pair is one line, labelled from the nearer end.
      const key = [from, to].sort().join(' ');
      const edge = result.edgeIndex.get(key);
      if (!edge) {
        const created = { from, to, types: [relation.type] };
        result.edgeIndex.set(key, created);
        result.edges.push(created);
      } else if (edge.from === from && !edge.types.includes(relation.type)) {
        edge.types.push(relation.type);
      }
    }
  }
  const sorted = [...level].sort();
  if (sorted.length) result.levels.push(sorted);
  return sorted;
}

async function walk(entity: Entity, depth: number, hidden: ReadonlySet<string>, relationsOf: RelationsOf): Promise<Neighbourhood> {
  const result = start(entity);
  let frontier = [result.self];
  let relations = new Map([[result.self, entity.relations ?? []]]);
  for (let distance = 1; distance <= depth && frontier.length; distance++) {
    frontier = step(result, relations, frontier, hidden);
    if (distance < depth && frontier.length) {
      relations = await relationsOf(frontier);
    }
  }
  return finish(result);
}

/** The walk's result without its bookkeeping. */
function finish({ self, levels, edges, truncated }: Neighbourhood): Neighbourhood {
  return { self, levels, edges, truncated };
}
