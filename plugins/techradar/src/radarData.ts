import radarFile from '../tech-radar.json';

/**
 * Backstage's tech-radar data (TechRadarLoaderResponse): quadrants, rings from the centre out, and
 * entries whose ring and movement come from their latest timeline point (or, in the older shape,
 * `ring` and `moved` on the entry itself).
 */
export interface RadarFile {
  title?: string;
  quadrants: { id: string; name: string }[];
  rings: { id: string; name: string; color?: string; description?: string }[];
  entries: {
    id?: string;
    key?: string;
    title: string;
    quadrant: string;
    ring?: string;
    moved?: number;
    url?: string;
    description?: string;
    timeline?: { ringId: string; moved?: number; date?: string; description?: string }[];
  }[];
}

/** 1 moved in towards the centre, -1 moved out, 0 unchanged. */
export type Movement = -1 | 0 | 1;

export interface RadarEntry {
  id: string;
  /** Its number on the chart and in the legend. */
  number: number;
  title: string;
  quadrant: string;
  ring: string;
  moved: Movement;
  description?: string;
  url?: string;
}

export interface Radar {
  title: string;
  quadrants: RadarFile['quadrants'];
  rings: RadarFile['rings'];
  entries: RadarEntry[];
}

/** Checks the file and reduces each entry to where it stands now; a mistake in the file is an error naming the entry. */
export function readRadar(file: RadarFile): Radar {
  if (!Array.isArray(file.quadrants) || file.quadrants.length !== 4) {
    throw new Error('The tech radar needs exactly four quadrants');
  }
  if (!Array.isArray(file.rings) || file.rings.length === 0) {
    throw new Error('The tech radar needs at least one ring');
  }
  const quadrantIds = file.quadrants.map((q) => q.id);
  const ringIds = file.rings.map((r) => r.id);
  const entries: RadarEntry[] = (file.entries ?? []).map((entry, index) => {
    const latest = entry.timeline?.[0];
    const ring = latest?.ringId ?? entry.ring ?? '';
    if (!quadrantIds.includes(entry.quadrant)) throw new Error(`Entry "${entry.title}" names an unknown quadrant "${entry.quadrant}"`);
    if (!ringIds.includes(ring)) throw new Error(`Entry "${entry.title}" names an unknown ring "${ring}"`);
    return {
      id: entry.id ?? entry.key ?? `entry-${index}`,
      number: 0,
      title: entry.title,
      quadrant: entry.quadrant,
      ring,
      moved: Math.sign(latest?.moved ?? entry.moved ?? 0) as Movement,
      description: latest?.description ?? entry.description,
      url: entry.url && entry.url !== '#' ? entry.url : undefined,
    };
  });
  // Numbered quadrant by quadrant, ring by ring, as the legend lists them.
  const order = (entry: RadarEntry) => quadrantIds.indexOf(entry.quadrant) * 100 + ringIds.indexOf(entry.ring);
  const sorted = [...entries].sort((a, b) => order(a) - order(b) || a.title.localeCompare(b.title));
  sorted.forEach((entry, index) => (entry.number = index + 1));
  return { title: file.title ?? 'Tech Radar', quadrants: file.quadrants, rings: file.rings, entries: sorted };
}

/**
 * The radar in the plugin's bundle (plugins/techradar/tech-radar.json): no backend is involved, and
 * a new radar is a new build of this plugin only.
 */
export async function loadRadar(): Promise<Radar> {
  return readRadar(radarFile as RadarFile);
}
