import { MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Entity } from '../api/catalog';
import { entityPath, parseEntityRef, shortRef } from '../api/entityRef';
import { Async } from '../common/Async';
import { AsyncState, useAsync } from '../common/useAsync';
import { INNER_GAP, NODE_HEIGHT, NODE_WIDTH, Placed, placeNodes, SELF_WIDTH } from './graphLayout';
import { directNeighbourhood, exploreNeighbourhood, Neighbourhood } from './neighbourhood';

export const DEPTHS = [1, 2, 3] as const;

/** Node boxes have a fixed width: long names are cut, the full ref is in the link's title. */
function truncate(text: string, length = 22): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Depth 1 is known from the entity at once; deeper levels ask the catalog for the entities in between. */
function useNeighbourhood(entity: Entity, depth: number, hidden: ReadonlySet<string>): AsyncState<Neighbourhood> {
  const key = [...hidden].sort().join(',');
  const deeper = useAsync(
    () => (depth === 1 ? Promise.resolve(null) : exploreNeighbourhood(entity, depth, hidden)),
    [entity.metadata.uid ?? entity.metadata.name, depth, key],
  );
  if (depth === 1) return { status: 'done', value: directNeighbourhood(entity, hidden) };
  if (deeper.status === 'done' && deeper.value === null) return { status: 'loading' };
  return deeper as AsyncState<Neighbourhood>;
}

/** An SVG drawing of the entity and the entities around it, as far out as chosen; each is a link to its page. */
export function RelationGraph({ entity }: { entity: Entity }) {
  const depthId = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [depth, setDepth] = useState(1);
  const types = [...new Set((entity.relations ?? []).map((relation) => relation.type))].sort();
  const neighbourhood = useNeighbourhood(entity, depth, hidden);

  function show(type: string, shown: boolean) {
    const next = new Set(hidden);
    if (shown) next.delete(type);
    else next.add(type);
    setHidden(next);
  }

  return (
    <section className="card" aria-labelledby="graph-heading">
      <h2 id="graph-heading">Relation graph</h2>
      <div className="graph-controls">
        <div className="field">
          <label htmlFor={depthId}>Depth</label>
          <select id={depthId} value={depth} onChange={(event) => setDepth(Number(event.target.value))}>
            {DEPTHS.map((value) => (
              <option key={value} value={value}>
                {value === 1 ? '1 step (direct relations)' : `${value} steps`}
              </option>
            ))}
          </select>
        </div>
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
      </div>
      <Async state={neighbourhood} what="the related entities">
        {(value) => <GraphDrawing neighbourhood={value} depth={depth} />}
      </Async>
    </section>
  );
}

/** In the open space between the entity's box and the other's, where the labels of its relations spread apart. */
function EdgeLabel({ centre, other, text }: { centre: Placed; other: Placed; text: string }) {
  const along = (SELF_WIDTH / 2 + (INNER_GAP - SELF_WIDTH / 2 - NODE_WIDTH / 2) / 2) / INNER_GAP;
  const x = centre.x + (other.x - centre.x) * along;
  const y = centre.y + (other.y - centre.y) * along - 4;
  return (
    <text x={x} y={y} textAnchor="middle">
      {text}
    </text>
  );
}

/** A straight line between columns; within one column a curve bulging away from the middle, so it passes beside the boxes. */
function edgePath(from: { x: number; y: number }, to: { x: number; y: number }, middle: number): string {
  if (from.x !== to.x) return `M ${from.x} ${from.y} L ${to.x} ${to.y}`;
  const bulge = from.x >= middle ? 1 : -1;
  const control = from.x + bulge * (NODE_WIDTH / 2 + 40);
  return `M ${from.x} ${from.y} Q ${control} ${(from.y + to.y) / 2} ${to.x} ${to.y}`;
}

function GraphDrawing({ neighbourhood, depth }: { neighbourhood: Neighbourhood; depth: number }) {
  const navigate = useNavigate();
  const scroller = useRef<HTMLDivElement>(null);
  const { width, height, nodes } = placeNodes(neighbourhood);
  useEffect(() => {
    // A graph wider than the card opens scrolled to the entity in its middle.
    const element = scroller.current;
    if (element) element.scrollLeft = (element.scrollWidth - element.clientWidth) / 2;
  }, [width]);
  const at = new Map(nodes.map((node) => [node.ref, node]));
  const related = nodes.length - 1;
  if (related === 0) return <p className="muted">No relations to draw.</p>;
  const centre = nodes[0];
  const self = shortRef(parseEntityRef(neighbourhood.self), true);
  const title = depth === 1 ? `${self} and its ${related} directly related entities` : `${self} and ${related} entities within ${depth} steps`;

  function follow(event: MouseEvent, path: string) {
    // A plain click stays in the app; modified clicks (new tab) keep the browser's behaviour.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  }

  return (
    <>
      {neighbourhood.truncated && <p className="muted">Only the nearest entities are drawn; more are related.</p>}
      {/* A group, not an image: the drawing holds links, and an image may hold nothing interactive. */}
      {/* Drawn at its own size and scrolled, not shrunk: a deep graph shrunk to the page is unreadable. */}
      <div className="graph-scroll" ref={scroller}>
      <svg className="relation-graph" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group"
        aria-labelledby="graph-title">
        <title id="graph-title">{title}</title>
        {neighbourhood.edges.map((edge) => {
          const from = at.get(edge.from)!;
          const to = at.get(edge.to)!;
          const types = edge.types.join(', ');
          // Only the entity's own relations are labelled: labels on every line of a deeper graph
          // pile up; the others name their types on hover.
          const labelled = from === centre || to === centre;
          return (
            <g key={`edge-${edge.from}-${edge.to}`} className="edge">
              <title>{`${edge.from} ${types} ${edge.to}`}</title>
              <path d={edgePath(from, to, centre.x)} />
              {labelled && <EdgeLabel centre={centre} other={from === centre ? to : from} text={types} />}
            </g>
          );
        })}
        <g className="node self">
          <rect x={centre.x - SELF_WIDTH / 2} y={centre.y - 18} width={SELF_WIDTH} height={36} rx={8} />
          <text x={centre.x} y={centre.y + 5} textAnchor="middle">
            {truncate(self, 24)}
          </text>
        </g>
        {nodes.slice(1).map((node) => {
          const ref = parseEntityRef(node.ref);
          const path = entityPath(ref);
          return (
            <a key={node.ref} href={path} className="node" onClick={(event) => follow(event, path)}>
              <title>{node.ref}</title>
              <rect x={node.x - NODE_WIDTH / 2} y={node.y - NODE_HEIGHT / 2} width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
              <text x={node.x} y={node.y + 5} textAnchor="middle">
                {truncate(shortRef(ref, true))}
              </text>
            </a>
          );
        })}
      </svg>
      </div>
    </>
  );
}
