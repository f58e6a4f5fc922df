import { describe, expect, it } from 'vitest';
import { competitionRanks, ranksWithinGroups } from '../src/competitionRanks.ts';
import { rankIntervals } from '../src/rankIntervals.ts';
import { drawRanker } from '../src/drawRanks.ts';
import { seededNormal, seededNormals } from '../src/seededNormal.ts';

describe('competitionRanks', () => {
  it('ranks highest first, ties share a rank and the next skips (1,2,2,4)', () => {
    expect(competitionRanks([90, 85, 85, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 85, 90, 85])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('ranks within groups', () => {
    const units = [
      { group: 'D1', value: 80 },
      { group: 'D2', value: 60 },
      { group: 'D1', value: 90 },
      { group: 'D1', value: 80 },
      { group: 'D2', value: 65 },
    ];
    expect(ranksWithinGroups(units)).toEqual([2, 2, 1, 2, 1]);
  });
});

describe('seededNormal', () => {
  it('repeats with its seed and draws standard normals', () => {
    const a = seededNormal(7);
    const b = seededNormal(7);
    const draws = Array.from({ length: 20000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(draws.filter((x) => Math.abs(x) > 1.96).length / draws.length).toBeCloseTo(0.05, 2);
  });
});

describe('rankIntervals', () => {
  const units = [
    { group: 'A', score: 90, se: 0.1 },
    { group: 'A', score: 80, se: 5 },
    { group: 'A', score: 79, se: 5 },
    { group: 'A', score: 50, se: 0.1 },
    { group: 'B', score: 70, se: 1 },
  ];

  it('gives a clear leader a point interval and close units overlapping ones', () => {
    const intervals = rankIntervals(units, { seed: 2026 });
    expect(intervals[0]).toEqual({ low: 1, high: 1 });
    expect(intervals[1]).toEqual({ low: 2, high: 3 });
    expect(intervals[2]).toEqual({ low: 2, high: 3 });
    expect(intervals[3]).toEqual({ low: 4, high: 4 });
    expect(intervals[4]).toEqual({ low: 1, high: 1 });
  });

  it('is reproducible from its seed', () => {
    const wide = units.map((u) => ({ ...u, se: 15 }));
    const first = rankIntervals(wide, { seed: 11, draws: 500 });
    expect(rankIntervals(wide, { seed: 11, draws: 500 })).toEqual(first);
    expect(first[0]!.low).toBeLessThan(first[0]!.high);
  });

  it('keeps tied units without uncertainty tied, as the published ranks do', () => {
    const tied = [
      { group: 'A', score: 80, se: 0 },
      { group: 'A', score: 80, se: 0 },
    ];
    expect(rankIntervals(tied, { seed: 1, draws: 100 })).toEqual([
      { low: 1, high: 1 },
      { low: 1, high: 1 },
    ]);
  });
});

describe('seededNormals', () => {
  it('fills the same draws, in the same order, as drawing one at a time', () => {
    const one = seededNormal(2026);
    const bulk = seededNormals(2026);
    // odd lengths split Box–Muller pairs across fills
    const filled = [3, 1, 0, 5, 8].flatMap((n) => [...bulk.fill(new Float64Array(n))]);
    filled.push(bulk.next());
    expect(filled).toEqual(Array.from({ length: 18 }, () => one()));
  });
});

describe('drawRanker', () => {
  /** The definition: 1 + how many are strictly greater. */
  const byCounting = (values: number[]) =>
    values.map((v) => 1 + values.filter((w) => w > v).length);

  it('gives each value its competition rank, ties and crowded buckets included', () => {
    const z = seededNormal(5);
    for (const size of [1, 2, 7, 40, 300]) {
      // a third tied at 80 (units without uncertainty) crowd one bucket past its compared size
      const values = Array.from({ length: size }, (_, i) => (i % 3 === 0 ? 80 : 80 + 5 * z()));
      const ranks = new Int32Array(size);
      drawRanker(size)(Float64Array.from(values), ranks);
      expect([...ranks]).toEqual(byCounting(values));
    }
  });

  it('ranks a constant draw all first and keeps the buffers right between draws', () => {
    const rank = drawRanker(4);
    const ranks = new Int32Array(4);
    rank(Float64Array.of(85, 90, 70, 85), ranks);
    expect([...ranks]).toEqual([2, 1, 4, 2]);
    rank(Float64Array.of(70, 70, 70, 70), ranks);
    expect([...ranks]).toEqual([1, 1, 1, 1]);
    rank(Float64Array.of(1, 4, 3, 2), ranks);
    expect([...ranks]).toEqual([4, 1, 2, 3]);
  });
});
