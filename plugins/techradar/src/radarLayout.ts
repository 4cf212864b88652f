import { Radar, RadarEntry } from './radarData';

export const SIZE = 640;
export const CENTRE = SIZE / 2;
export const OUTER_RADIUS = SIZE / 2 - 20;

/** Quadrants clockwise from the top right; angles in radians, SVG's y pointing down. */
const QUADRANT_START = [-Math.PI / 2, 0, Math.PI / 2, Math.PI];

export function ringRadius(radar: Radar, ringIndex: number): { inner: number; outer: number } {
  const width = OUTER_RADIUS / radar.rings.length;
  return { inner: ringIndex * width, outer: (ringIndex + 1) * width };
}

export interface PlacedEntry extends RadarEntry {
  x: number;
  y: number;
}

/**
 * Each entry inside its quadrant and ring: the entries of one quadrant's ring spread evenly over its
 * angle, alternating between two radii so neighbours do not overlap. Deterministic, so the chart
 * looks the same on every load.
 */
export function placeEntries(radar: Radar): PlacedEntry[] {
  const placed: PlacedEntry[] = [];
  radar.quadrants.forEach((quadrant, q) => {
    radar.rings.forEach((ring, r) => {
      const here = radar.entries.filter((entry) => entry.quadrant === quadrant.id && entry.ring === ring.id);
      const { inner, outer } = ringRadius(radar, r);
      here.forEach((entry, i) => {
        const angle = QUADRANT_START[q] + ((i + 1) / (here.length + 1)) * (Math.PI / 2);
        const radius = inner + (outer - inner) * (here.length > 2 && i % 2 ? 0.7 : 0.4) + (r === 0 ? 12 : 0);
        placed.push({ ...entry, x: CENTRE + radius * Math.cos(angle), y: CENTRE + radius * Math.sin(angle) });
      });
    });
  });
  return placed;
}

/** Where a quadrant's name goes: its outer corner. */
export function quadrantLabel(index: number): { x: number; y: number; anchor: 'start' | 'end' } {
  const right = index === 0 || index === 1;
  const top = index === 0 || index === 3;
  return { x: right ? SIZE - 8 : 8, y: top ? 16 : SIZE - 8, anchor: right ? 'end' : 'start' };
}
