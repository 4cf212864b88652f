import { Neighbourhood } from './neighbourhood';

export const WIDTH = 720;
/** Each level further out adds this much height, so deeper graphs keep their nodes apart. */
const LEVEL_HEIGHT = 150;

export interface Placed {
  ref: string;
  x: number;
  y: number;
  level: number;
}

export function graphHeight(levels: number): number {
  return 120 + Math.max(levels, 1) * LEVEL_HEIGHT;
}

/**
 * The entity in the centre, each level of related entities on an ellipse around it, further out
 * the further away; nodes of a level spread evenly, in ref order, starting at the top.
 */
export function placeNodes(neighbourhood: Neighbourhood): Placed[] {
  const height = graphHeight(neighbourhood.levels.length);
  const centre = { x: WIDTH / 2, y: height / 2 };
  const placed: Placed[] = [{ ref: neighbourhood.self, ...centre, level: 0 }];
  neighbourhood.levels.forEach((refs, index) => {
    const level = index + 1;
    const rx = ((WIDTH / 2 - 100) * level) / neighbourhood.levels.length;
    const ry = ((height / 2 - 30) * level) / neighbourhood.levels.length;
    // Alternate levels are turned half a step, so their nodes fall between the ones inside them.
    const offset = level % 2 === 0 ? Math.PI / Math.max(refs.length, 1) : 0;
    refs.forEach((ref, i) => {
      const angle = (2 * Math.PI * i) / refs.length - Math.PI / 2 + offset;
      placed.push({ ref, x: centre.x + rx * Math.cos(angle), y: centre.y + ry * Math.sin(angle), level });
    });
  });
  return placed;
}
