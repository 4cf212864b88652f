import { useState } from 'react';
import { Async, ExternalLink, useAsync } from '@backlot/ui-plugin-api';
import { RadarChart } from './RadarChart';
import { loadRadar, Radar } from './radarData';
import { RadarLegend } from './RadarLegend';

/** The UI-only Tech Radar plugin: the chart, the chosen entry's details, and the legend. */
export function TechRadarPage({ load = loadRadar }: { load?: () => Promise<Radar> }) {
  const radar = useAsync(load, []);
  return (
    <section>
      <h1>Tech Radar</h1>
      <Async state={radar} what="the tech radar">
        {(value) => <RadarView radar={value} />}
      </Async>
    </section>
  );
}

function RadarView({ radar }: { radar: Radar }) {
  const [selected, setSelected] = useState<string>();
  const entry = radar.entries.find((candidate) => candidate.id === selected);
  const ring = radar.rings.find((candidate) => candidate.id === entry?.ring);
  return (
    <div className="tech-radar-layout">
      <div>
        <RadarChart radar={radar} selected={selected} onSelect={setSelected} />
        <div className="card radar-details" aria-live="polite">
          {entry ? (
            <>
              <h2>
                {entry.number}. {entry.title}
              </h2>
              <p>
                <strong>{ring?.name}</strong>
                {ring?.description ? ` — ${ring.description}` : ''}
              </p>
              {entry.description && <p>{entry.description}</p>}
              {entry.url && <ExternalLink url={entry.url}>More about {entry.title}</ExternalLink>}
            </>
          ) : (
            <p className="muted">Choose an entry (Tab, then Enter) to read about it.</p>
          )}
        </div>
      </div>
      <RadarLegend radar={radar} selected={selected} onSelect={setSelected} />
    </div>
  );
}
