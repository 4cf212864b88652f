import { Neighbourhood } from './neighbourhood';

/** Node boxes and the room between them: columns and rows never let two boxes overlap. */
export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 32;
/** The entity's own box is wider. */
export const SELF_WIDTH = 220;
/** From the entity to the first columns: room for the labels of its relations between the boxes. */
export const INNER_GAP = 330;
const COLUMN_GAP = 240;
const ROW_GAP = 48;
const MARGIN = 40;

/** How far from the middle column the columns {@code level} steps out stand. */
function offset(level: number): number {
  return level === 0 ? 0 : INNER_GAP + (level - 1) * COLUMN_GAP;
}

export interface Placed {
  ref: string;
  x: number;
  y: number;
  level: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Placed[];
}

/**
 * The entity in the middle column; the entities one step away in the columns on either side of
 * it, those two steps away in the next columns out, and so on. Each entity goes to the side of
 * the entities it is related to nearer the middle, and within a column entities are ordered by
 * where those relations sit, so lines cross as little as a simple pass can arrange.
 */
export function placeNodes(neighbourhood: Neighbourhood): Layout {
  const levels = neighbourhood.levels.length;
  const linked = new Map<string, string[]>();
  for (const edge of neighbourhood.edges) {
    linked.set(edge.from, [...(linked.get(edge.from) ?? []), edge.to]);
    linked.set(edge.to, [...(linked.get(edge.to) ?? []), edge.from]);
  }
  // side: -1 left, +1 right; rank: position in the column, used to order the next level.
  const side = new Map<string, number>([[neighbourhood.self, 0]]);
  const rank = new Map<string, number>([[neighbourhood.self, 0]]);
  const columns = new Map<number, string[]>([[0, [neighbourhood.self]]]);
  neighbourhood.levels.forEach((refs, index) => {
    const level = index + 1;
    const inner = (ref: string) => (linked.get(ref) ?? []).filter((other) => side.has(other) && levelOf(other) < level);
    const levelOf = (ref: string) => (ref === neighbourhood.self ? 0 : neighbourhood.levels.findIndex((l) => l.includes(ref)) + 1);
    const placedHere: { ref: string; side: number; key: number }[] = refs.map((ref, i) => {
      const parents = inner(ref);
      const parentSide = parents.reduce((sum, parent) => sum + (side.get(parent) ?? 0), 0);
      const chosen = level === 1 || parentSide === 0 ? (i % 2 === 0 ? -1 : 1) : Math.sign(parentSide);
      const key = parents.length === 0 ? i : parents.reduce((sum, parent) => sum + (rank.get(parent) ?? 0), 0) / parents.length;
      return { ref, side: chosen, key };
    });
    for (const direction of [-1, 1]) {
      const column = placedHere.filter((node) => node.side === direction).sort((a, b) => a.key - b.key || a.ref.localeCompare(b.ref));
      column.forEach((node, i) => {
        side.set(node.ref, direction);
        rank.set(node.ref, i);
      });
      columns.set(direction * level, column.map((node) => node.ref));
    }
  });
  const tallest = Math.max(...[...columns.values()].map((column) => column.length), 1);
  const width = 2 * MARGIN + NODE_WIDTH + 2 * offset(levels);
  const height = 2 * MARGIN + NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const nodes: Placed[] = [];
  columns.forEach((refs, column) => {
    const top = height / 2 - ((refs.length - 1) * ROW_GAP) / 2;
    refs.forEach((ref, i) => {
      nodes.push({ ref, x: width / 2 + Math.sign(column) * offset(Math.abs(column)), y: top + i * ROW_GAP, level: Math.abs(column) });
    });
  });
  // The entity itself first: callers draw it apart from the links around it.
  nodes.sort((a, b) => a.level - b.level);
  return { width, height, nodes };
}
