import { textWidth } from './textWidth.ts';

/** A point to name: where it is drawn (pixels) and its name. */
export interface LabelledPoint<T> {
  datum: T;
  x: number;
  y: number;
  text: string;
}

/** A label placed: the centre of its text, in pixels. */
export interface PlacedLabel<T> {
  datum: T;
  x: number;
  y: number;
}

/** A rectangle in pixels. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Height of a 12px line of text, and the space between a dot's edge and its label. */
const lineHeight = 14;
const gap = 3;

/**
 * Names points without one name covering another, or covering a dot of `obstacles` (by default
 * the points themselves): each point in turn, the most important first, takes the first of
 * eight places around its dot — above, below, right, left, then the corners — whose box stays
 * inside `frame` and clear of the names placed so far and of those dots; a point with no free
 * place goes unnamed (its tip still names it). Widths are estimated (`textWidth`: CJK square,
 * Latin half), as Node cannot measure text.
 *
 * @example placeLabels(points, { left: 48, top: 20, right: 616, bottom: 516 }, 5) // → the placed, in order
 */
export function placeLabels<T>(
  points: readonly LabelledPoint<T>[],
  frame: Box,
  radius: number,
  obstacles: readonly { x: number; y: number }[] = points,
): PlacedLabel<T>[] {
  const dots = obstacles.map((p) => around(p.x, p.y, radius, radius));
  const taken: Box[] = [];
  const placed: PlacedLabel<T>[] = [];
  for (const point of points) {
    const [w, h] = [textWidth(point.text), lineHeight];
    const [across, up] = [radius + gap + w / 2, radius + gap + h / 2];
    const places: [number, number][] = [
      [0, -up],
      [0, up],
      [across, 0],
      [-across, 0],
      [across, -up],
      [-across, -up],
      [across, up],
      [-across, up],
    ];
    for (const [dx, dy] of places) {
      const box = labelBox(point.x + dx, point.y + dy, point.text);
      const inside =
        box.left >= frame.left &&
        box.right <= frame.right &&
        box.top >= frame.top &&
        box.bottom <= frame.bottom;
      if (!inside || taken.some((t) => overlap(t, box)) || dots.some((d) => overlap(d, box)))
        continue;
      taken.push(box);
      placed.push({ datum: point.datum, x: point.x + dx, y: point.y + dy });
      break;
    }
  }
  return placed;
}

/** The box a label of `text` centred on (x, y) takes, as `placeLabels` sizes it. */
export function labelBox(x: number, y: number, text: string): Box {
  return around(x, y, textWidth(text) / 2, lineHeight / 2);
}

/** The box of half-width `w` and half-height `h` centred on (x, y). */
function around(x: number, y: number, w: number, h: number): Box {
  return { left: x - w, top: y - h, right: x + w, bottom: y + h };
}

/** Whether two boxes share any area (touching edges do not). */
export function overlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
