import { Radar } from './radarData';

/** The entries listed by quadrant and ring, with their chart numbers, and what the marks mean. */
export function RadarLegend({ radar, selected, onSelect }: { radar: Radar; selected?: string; onSelect: (id: string) => void }) {
  return (
    <div className="radar-legend">
      <p className="muted">
        ● unchanged · ▲ moved in · ▼ moved out. Rings from the centre: {radar.rings.map((ring) => ring.name).join(', ')}.
      </p>
      {radar.quadrants.map((quadrant) => (
        <section key={quadrant.id} aria-labelledby={`quadrant-${quadrant.id}`}>
          <h2 id={`quadrant-${quadrant.id}`}>{quadrant.name}</h2>
          {radar.rings.map((ring) => {
            const entries = radar.entries.filter((entry) => entry.quadrant === quadrant.id && entry.ring === ring.id);
            if (entries.length === 0) return null;
            return (
              <div key={ring.id}>
                <h3>{ring.name}</h3>
                <ol className="legend-entries">
                  {entries.map((entry) => (
                    <li key={entry.id} value={entry.number}>
                      <button type="button" className={entry.id === selected ? 'link-button selected' : 'link-button'} onClick={() => onSelect(entry.id)}>
                        {entry.title}
                        {entry.moved === 1 ? ' ▲' : entry.moved === -1 ? ' ▼' : ''}
                      </button>
                    </li>
                  ))}
                </ol>
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
