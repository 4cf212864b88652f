import { MouseEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Entity } from '../api/catalog';
import { entityPath, parseEntityRef, shortRef } from '../api/entityRef';

const WIDTH = 720;
const HEIGHT = 420;
const RADIUS = 160;

interface Neighbour {
  ref: string;
  types: string[];
  x: number;
  y: number;
}

/**
 * The entity's direct relations of the types not `hidden`, placed on a circle around it; a target
 * related in several ways appears once.
 */
export function layoutNeighbours(entity: Entity, hidden: ReadonlySet<string> = new Set()): Neighbour[] {
  const typesByTarget = new Map<string, string[]>();
  for (const relation of (entity.relations ?? []).filter((relation) => !hidden.has(relation.type))) {
    typesByTarget.set(relation.targetRef, [...(typesByTarget.get(relation.targetRef) ?? []), relation.type]);
  }
  const targets = [...typesByTarget.keys()].sort();
  return targets.map((ref, index) => {
    const angle = (2 * Math.PI * index) / targets.length - Math.PI / 2;
    return { ref, types: typesByTarget.get(ref)!, x: WIDTH / 2 + RADIUS * 1.6 * Math.cos(angle), y: HEIGHT / 2 + RADIUS * Math.sin(angle) };
  });
}

/** Node boxes have a fixed width: long names are cut, the full ref is in the link's title. */
function truncate(text: string, length = 22): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** An SVG drawing of the entity and its direct relations; each neighbour is a link to its own page. */
export function RelationGraph({ entity }: { entity: Entity }) {
  const navigate = useNavigate();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const types = [...new Set((entity.relations ?? []).map((relation) => relation.type))].sort();
  const neighbours = layoutNeighbours(entity, hidden);

  function show(type: string, shown: boolean) {
    const next = new Set(hidden);
    if (shown) next.delete(type);
    else next.add(type);
    setHidden(next);
  }
  const centre = { x: WIDTH / 2, y: HEIGHT / 2 };
  const self = `${entity.kind.toLowerCase()}:${entity.metadata.name}`;

  function follow(event: MouseEvent, path: string) {
    // A plain click stays in the app; modified clicks (new tab) keep the browser's behaviour.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  }

  return (
    <section className="card" aria-labelledby="graph-heading">
      <h2 id="graph-heading">Relation graph</h2>
      {types.length > 1 && (
        <fieldset className="graph-types">
          <legend>Relations to draw</legend>
          {types.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={!hidden.has(type)} onChange={(event) => show(type, event.target.checked)} />
              {type}
            </label>
          ))}
        </fieldset>
      )}
      {neighbours.length === 0 ? (
        <p className="muted">No relations to draw.</p>
      ) : (
        <svg className="relation-graph" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="graph-title">
          <title id="graph-title">{`${self} and its ${neighbours.length} directly related entities`}</title>
          {neighbours.map((node) => (
            <g key={`edge-${node.ref}`} className="edge">
              <line x1={centre.x} y1={centre.y} x2={node.x} y2={node.y} />
              <text x={(centre.x + node.x) / 2} y={(centre.y + node.y) / 2 - 4} textAnchor="middle">
                {node.types.join(', ')}
              </text>
            </g>
          ))}
          <g className="node self">
            <rect x={centre.x - 110} y={centre.y - 18} width={220} height={36} rx={8} />
            <text x={centre.x} y={centre.y + 5} textAnchor="middle">
              {truncate(self, 24)}
            </text>
          </g>
          {neighbours.map((node) => {
            const ref = parseEntityRef(node.ref);
            const path = entityPath(ref);
            return (
              <a key={node.ref} href={path} className="node" onClick={(event) => follow(event, path)}>
                <title>{`${node.ref} (${node.types.join(', ')})`}</title>
                <rect x={node.x - 90} y={node.y - 16} width={180} height={32} rx={8} />
                <text x={node.x} y={node.y + 5} textAnchor="middle">
                  {truncate(shortRef(ref, true))}
                </text>
              </a>
            );
          })}
        </svg>
      )}
    </section>
  );
}
