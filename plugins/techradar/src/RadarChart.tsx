import { KeyboardEvent } from 'react';
import { Radar } from './radarData';
import { CENTRE, placeEntries, quadrantLabel, ringRadius, SIZE } from './radarLayout';

const MOVEMENT = { 1: 'moved in', [-1]: 'moved out', 0: 'unchanged' } as const;

/** One entry's mark: a circle, or a triangle pointing the way it moved (in: up, out: down). */
function Mark({ moved, color }: { moved: -1 | 0 | 1; color: string }) {
  if (moved === 0) return <circle r={9} fill={color} />;
  return <path d={moved === 1 ? 'M0,-11 L10,7 L-10,7 Z' : 'M0,11 L10,-7 L-10,-7 Z'} fill={color} />;
}

/**
 * The radar as SVG: rings from the centre out, four quadrants, each entry a numbered mark that can
 * be focused with the keyboard (Tab) and chosen with Enter or Space, or a click.
 */
export function RadarChart({ radar, selected, onSelect }: { radar: Radar; selected?: string; onSelect: (id: string) => void }) {
  const ringColor = new Map(radar.rings.map((ring) => [ring.id, ring.color ?? '#455a64']));
  const ringName = new Map(radar.rings.map((ring) => [ring.id, ring.name]));
  const quadrantName = new Map(radar.quadrants.map((quadrant) => [quadrant.id, quadrant.name]));

  function chooseWithKeys(event: KeyboardEvent, id: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  }

  return (
    <svg className="tech-radar" viewBox={`0 0 ${SIZE} ${SIZE}`} role="group" aria-labelledby="radar-chart-title">
      <title id="radar-chart-title">{`${radar.title}: ${radar.entries.length} entries in ${radar.rings.length} rings`}</title>
      {[...radar.rings].reverse().map((ring) => {
        const { outer } = ringRadius(radar, radar.rings.indexOf(ring));
        return <circle key={ring.id} className="ring" cx={CENTRE} cy={CENTRE} r={outer} />;
      })}
      <line className="axis" x1={CENTRE} y1={CENTRE - ringRadius(radar, radar.rings.length - 1).outer} x2={CENTRE} y2={CENTRE + ringRadius(radar, radar.rings.length - 1).outer} />
      <line className="axis" x1={CENTRE - ringRadius(radar, radar.rings.length - 1).outer} y1={CENTRE} x2={CENTRE + ringRadius(radar, radar.rings.length - 1).outer} y2={CENTRE} />
      {radar.rings.map((ring, index) => (
        <text key={ring.id} className="ring-name" x={CENTRE + 4} y={CENTRE - ringRadius(radar, index).outer + 14}>
          {ring.name}
        </text>
      ))}
      {radar.quadrants.map((quadrant, index) => {
        const label = quadrantLabel(index);
        return (
          <text key={quadrant.id} className="quadrant-name" x={label.x} y={label.y} textAnchor={label.anchor}>
            {quadrant.name}
          </text>
        );
      })}
      {placeEntries(radar).map((entry) => (
        <g
          key={entry.id}
          className={entry.id === selected ? 'entry selected' : 'entry'}
          transform={`translate(${entry.x.toFixed(1)} ${entry.y.toFixed(1)})`}
          tabIndex={0}
          role="button"
          aria-pressed={entry.id === selected}
          aria-label={`${entry.number}. ${entry.title}: ${ringName.get(entry.ring)} in ${quadrantName.get(entry.quadrant)}, ${MOVEMENT[entry.moved]}`}
          onClick={() => onSelect(entry.id)}
          onKeyDown={(event) => chooseWithKeys(event, entry.id)}
          onFocus={() => onSelect(entry.id)}
        >
          <Mark moved={entry.moved} color={ringColor.get(entry.ring)!} />
          <text y={4} textAnchor="middle" aria-hidden="true">
            {entry.number}
          </text>
        </g>
      ))}
    </svg>
  );
}
