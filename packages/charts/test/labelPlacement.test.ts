import { describe, expect, it } from 'vitest';
import { labelBox, overlap, placeLabels } from '../src/labelPlacement.ts';

describe('placeLabels', () => {
  const frame = { left: 0, top: 0, right: 300, bottom: 200 };
  const box = (label: { x: number; y: number }, text: string) => labelBox(label.x, label.y, text);

  it('names a lone point just above its dot', () => {
    const [label] = placeLabels([{ datum: 'a', x: 150, y: 100, text: '东关街道' }], frame, 5);
    expect(label).toEqual({ datum: 'a', x: 150, y: 100 - (5 + 3 + 7) });
  });

  it('moves a name below, aside or to a corner where the place above is taken or outside', () => {
    const [top] = placeLabels([{ datum: 'top', x: 150, y: 4, text: '东关' }], frame, 5);
    expect(top!.y).toBeGreaterThan(4); // no room above the frame's top: below
    const [first, second] = placeLabels(
      [
        { datum: 'first', x: 150, y: 100, text: '东关街道' },
        { datum: 'second', x: 150, y: 115, text: '黄坪镇' },
      ],
      frame,
      5,
    );
    expect(first!.y).toBeLessThan(100);
    expect(overlap(box(first!, '东关街道'), box(second!, '黄坪镇'))).toBe(false);
  });

  it('keeps names apart and off the dots in a crowd, dropping those with no room, in order', () => {
    // a 9 × 9 grid of dots 12px apart: room for a few names around the edge only
    const points = Array.from({ length: 81 }, (_, i) => ({
      datum: i,
      x: 100 + (i % 9) * 12,
      y: 50 + Math.floor(i / 9) * 12,
      text: `社区${i}`,
    }));
    const placed = placeLabels(points, frame, 5);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThan(points.length);
    // drawn in the order given: the labels of the points that got one
    expect(placed.map((p) => p.datum)).toEqual(
      placed.map((p) => p.datum).toSorted((a, b) => a - b),
    );
    const boxes = placed.map((p) => box(p, `社区${p.datum}`));
    boxes.forEach((b, i) => {
      expect(b.left >= 0 && b.right <= 300 && b.top >= 0 && b.bottom <= 200).toBe(true);
      for (const other of boxes.slice(i + 1)) expect(overlap(b, other)).toBe(false);
      for (const p of points)
        expect(overlap(b, { left: p.x - 5, right: p.x + 5, top: p.y - 5, bottom: p.y + 5 })).toBe(
          false,
        );
    });
  });
});
