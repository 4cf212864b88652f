import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH, placeNodes } from './graphLayout';
import { Neighbourhood } from './neighbourhood';

/** A system with many components, each owned by one of a few groups: two levels, 27 entities. */
function crowded(): Neighbourhood {
  const components = Array.from({ length: 18 }, (_, i) => `component:default/service-${i}`);
  const groups = ['group:default/a-team', 'group:default/b-team', 'group:default/c-team'];
  return {
    self: 'system:default/shop',
    levels: [components, [...groups, ...Array.from({ length: 6 }, (_, i) => `api:default/api-${i}`)]],
    edges: [
      ...components.map((ref) => ({ from: 'system:default/shop', to: ref, types: ['hasPart'] })),
      ...components.map((ref, i) => ({ from: ref, to: groups[i % 3], types: ['ownedBy'] })),
      ...Array.from({ length: 6 }, (_, i) => ({ from: components[i * 3], to: `api:default/api-${i}`, types: ['providesApi'] })),
    ],
    truncated: false,
  };
}

describe('the relation graph layout', () => {
  it('places every entity once, the entity itself first, in the middle', () => {
    const layout = placeNodes(crowded());
    expect(layout.nodes).toHaveLength(1 + 18 + 9);
    expect(new Set(layout.nodes.map((node) => node.ref)).size).toBe(layout.nodes.length);
    expect(layout.nodes[0]).toMatchObject({ ref: 'system:default/shop', x: layout.width / 2, level: 0 });
  });

  it('never lets two boxes overlap, however many entities a level has', () => {
    const { nodes } = placeNodes(crowded());
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT;
        expect(apart, `${a.ref} and ${b.ref}`).toBe(true);
      }
    }
  });

  it('puts each level further out than the one inside it, on the side of what it relates to', () => {
    const { nodes, width } = placeNodes(crowded());
    const distance = (ref: string) => Math.abs(nodes.find((node) => node.ref === ref)!.x - width / 2);
    expect(distance('component:default/service-0')).toBeLessThan(distance('api:default/api-0'));
    const side = (ref: string) => Math.sign(nodes.find((node) => node.ref === ref)!.x - width / 2);
    expect(side('api:default/api-0')).toBe(side('component:default/service-0'));
  });

  it('keeps every box inside the drawing', () => {
    const { nodes, width, height } = placeNodes(crowded());
    for (const node of nodes) {
      expect(node.x - NODE_WIDTH / 2).toBeGreaterThanOrEqual(0);
      expect(node.x + NODE_WIDTH / 2).toBeLessThanOrEqual(width);
      expect(node.y - NODE_HEIGHT / 2).toBeGreaterThanOrEqual(0);
      expect(node.y + NODE_HEIGHT / 2).toBeLessThanOrEqual(height);
    }
  });
});
