import { EntityRelation } from '../api/catalog';

/** Relations by type, types and targets sorted, so the page reads the same on every load. */
export function groupRelations(relations: EntityRelation[] = []): [string, string[]][] {
  const byType = new Map<string, Set<string>>();
  for (const relation of relations) {
    const targets = byType.get(relation.type) ?? new Set<string>();
    targets.add(relation.targetRef);
    byType.set(relation.type, targets);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, targets]) => [type, [...targets].sort()]);
}
