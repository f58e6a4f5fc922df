import { describe, expect, it } from 'vitest';
import type { ScoringSettings } from '@manyi/domain/framework';
import { competitionRanks, ranksWithinGroups } from '../src/competitionRanks.ts';
import { rankIntervals, rankIntervalsYielding, type RankedUnit } from '../src/rankIntervals.ts';
import { rankResults } from '../src/rankResults.ts';
import { tooFewResponses, type UnitResult } from '../src/unitResult.ts';
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

  it('gives the same draws on every machine: the first ones and a tail draw, pinned', () => {
    // a change here changes every rank interval: it needs a new scoringMethod
    const draws = seededNormals(2026).fill(new Float64Array(3016));
    expect([...draws.subarray(0, 6)]).toEqual([
      2.15637141551117, 0.95415622851448656, 2.1885750073329264, 1.0666963401182563,
      -1.6477492481485672, -0.52468462302687879,
    ]);
    // the first beyond the base layer's edge (3.4426), drawn from the tail with log and exp
    expect(draws.findIndex((x) => Math.abs(x) > 3.442619855899)).toBe(3015);
    expect(draws[3015]).toBe(3.9075365829967135);
  });

  it('follows the normal distribution in the body, the wedges and the tail', () => {
    const n = 400_000;
    const draws = seededNormals(99).fill(new Float64Array(n)).sort();
    // Kolmogorov–Smirnov: the largest gap between the empirical and the normal distribution
    // function, against its 1% critical value 1.63/√n
    let gap = 0;
    draws.forEach((x, i) => {
      const p = normalCdf(x);
      gap = Math.max(gap, Math.abs(p - i / n), Math.abs(p - (i + 1) / n));
    });
    expect(gap).toBeLessThan(1.63 / Math.sqrt(n));
    // beyond the ziggurat's base layer: 2·(1 − Φ(3.4426)) = 5.761e-4 of the draws, ± 4 SDs
    const beyond = draws.filter((x) => Math.abs(x) > 3.442619855899).length;
    const expected = n * 2 * (1 - normalCdf(3.442619855899));
    expect(Math.abs(beyond - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(draws.filter((x) => Math.abs(x) > 4.5).length).toBeLessThan(10); // expected 2.7
    // kurtosis 3
    const fourth = draws.reduce((s, x) => s + x ** 4, 0) / n;
    expect(Math.abs(fourth - 3)).toBeLessThan(0.05);
  });

  it('draws the tail beyond the base layer with the normal shape', () => {
    // E[X − r | X > r] = φ(r)/(1 − Φ(r)) − r = 0.2660 for the normal, 1/r = 0.2905 for the
    // exponential the tail method proposes from; 8 M draws give about 4,600 in the tail
    const r = 3.442619855899;
    const stream = seededNormals(31);
    const block = new Float64Array(1_000_000);
    let [count, excess, squares] = [0, 0, 0];
    for (let i = 0; i < 8; i++)
      for (const x of stream.fill(block))
        if (Math.abs(x) > r)
          [count, excess, squares] = [
            count + 1,
            excess + Math.abs(x) - r,
            squares + (Math.abs(x) - r) ** 2,
          ];
    const mean = excess / count;
    const sd = Math.sqrt(squares / count - mean ** 2);
    const expected = Math.exp((-r * r) / 2) / Math.sqrt(2 * Math.PI) / (1 - normalCdf(r)) - r;
    expect(Math.abs(mean - expected)).toBeLessThan((4 * sd) / Math.sqrt(count));
  });
});

describe('seededNormals', () => {
  it('fills the same draws, in the same order, as drawing one at a time', () => {
    const one = seededNormal(2026);
    const bulk = seededNormals(2026);
    const filled = [3, 1, 0, 5, 8].flatMap((n) => [...bulk.fill(new Float64Array(n))]);
    filled.push(bulk.next());
    expect(filled).toEqual(Array.from({ length: 18 }, () => one()));
  });
});

describe('drawRanker', () => {
  /** The definition: 1 + how many of the same group are strictly greater. */
  const byCounting = (values: readonly number[], groups: Int32Array) =>
    values.map((v, k) => 1 + values.filter((w, j) => groups[j] === groups[k] && w > v).length);

  it('gives each value its competition rank in every grouping, ties and crowded buckets included', () => {
    const z = seededNormal(5);
    for (const size of [1, 2, 7, 40, 300]) {
      // a third tied at 80 (units without uncertainty) crowd one bucket
      const values = Array.from({ length: size }, (_, i) => (i % 3 === 0 ? 80 : 80 + 5 * z()));
      const groupings = [
        Int32Array.from(values, (_, i) => i % 4),
        Int32Array.from(values, () => 0),
        Int32Array.from(values, (_, i) => (i * 7) % 3),
      ];
      const ranks = groupings.map(() => new Int32Array(size + 3));
      drawRanker(groupings, [60, 100])(Float64Array.from(values), ranks, 3);
      groupings.forEach((groups, g) =>
        expect([...ranks[g]!.subarray(3)]).toEqual(byCounting(values, groups)),
      );
    }
  });

  it('ranks values far outside its range, and many there, exactly', () => {
    // half of them in the two end buckets: too many to order by moves, sorted instead
    const z = seededNormal(8);
    const values = Array.from({ length: 2000 }, (_, i) => (i % 2 ? 1000 * z() : 50 + z()));
    const groups = Int32Array.from(values, (_, i) => i % 3);
    const ranks = [new Uint16Array(2000)];
    drawRanker([groups], [45, 55])(Float64Array.from(values), ranks, 0);
    expect([...ranks[0]!]).toEqual(byCounting(values, groups));
    // all in the top bucket, a tie meeting only as the second 80 moves up past the 70
    const tie = [new Int32Array(3)];
    drawRanker([Int32Array.of(0, 0, 0)], [0, 1])(Float64Array.of(80, 70, 80), tie, 0);
    expect([...tie[0]!]).toEqual([1, 3, 1]);
  });

  it('ranks a constant draw all first and keeps the buffers right between draws', () => {
    const rank = drawRanker([Int32Array.of(0, 0, 0, 0), Int32Array.of(0, 1, 0, 1)], [70, 90]);
    const ranks = [new Uint8Array(4), new Uint8Array(4)];
    rank(Float64Array.of(85, 90, 70, 85), ranks, 0);
    expect([...ranks[0]!, ...ranks[1]!]).toEqual([2, 1, 4, 2, 1, 1, 2, 2]);
    rank(Float64Array.of(70, 70, 70, 70), ranks, 0);
    expect([...ranks[0]!, ...ranks[1]!]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    rank(Float64Array.of(1, 4, 3, 2), ranks, 0);
    expect([...ranks[0]!, ...ranks[1]!]).toEqual([4, 1, 2, 3, 2, 1, 1, 2]);
  });
});

describe('rankIntervals', () => {
  const units: RankedUnit[] = [
    { groups: ['A'], score: 90, se: 0.1 },
    { groups: ['A'], score: 80, se: 5 },
    { groups: ['A'], score: 79, se: 5 },
    { groups: ['A'], score: 50, se: 0.1 },
    { groups: ['B'], score: 70, se: 1 },
  ];

  it('gives a clear leader a point interval and close units overlapping ones', () => {
    const [intervals] = rankIntervals(units, { seed: 2026 });
    expect(intervals).toEqual([
      { low: 1, high: 1 },
      { low: 2, high: 3 },
      { low: 2, high: 3 },
      { low: 4, high: 4 },
      { low: 1, high: 1 }, // alone in its group
    ]);
  });

  it('is reproducible from its seed, and another seed draws otherwise', () => {
    const wide = spread(60, 3, 4);
    const first = rankIntervals(wide, { seed: 11, draws: 500 });
    expect(rankIntervals(wide, { seed: 11, draws: 500 })).toEqual(first);
    expect(rankIntervals(wide, { seed: 12, draws: 500 })).not.toEqual(first);
    expect(first[0]!.some((i) => i.low < i.high)).toBe(true);
  });

  it('is the quantiles of ranks drawn one normal per unit, the same draws in every grouping', () => {
    // against the definition written out: per draw one normal per unit (the known ones, in
    // order), ranked by counting within each group; small groups, a class too large to count
    // ranks by, ties without uncertainty, a group of one and a unit without an SE
    const z = seededNormal(3);
    const many: RankedUnit[] = Array.from({ length: 260 }, (_, i) => ({
      groups: [`D${i % 9}`, i < 250 ? 'urban' : `alone${i}`],
      score: i % 10 === 0 ? 75 : 70 + 6 * z(),
      se: i % 10 === 0 ? 0 : 0.5 + Math.abs(z()),
    }));
    many[17] = { ...many[17]!, se: NaN };
    const draws = 200;
    expect(rankIntervals(many, { seed: 5, draws, level: 0.8 })).toEqual(
      definitionIntervals(many, 5, draws, 0.8),
    );
  });

  it('gives the same intervals when it yields to the event loop, letting other work run between chunks', async () => {
    const wide = spread(300, 3, 4);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const yielded = await rankIntervalsYielding(wide, { seed: 8, draws: 400 });
    clearInterval(ticking);
    expect(yielded).toEqual(rankIntervals(wide, { seed: 8, draws: 400 }));
    // 400 draws are 25 chunks: timers ran between them, not only after the simulation
    expect(turns).toBeGreaterThan(1);
  });

  it('ranks the same simulated composites in every grouping', () => {
    const same = spread(30, 1.5, 2).map((u) => ({ ...u, groups: ['all', 'all again'] }));
    const [first, second] = rankIntervals(same, { seed: 4 });
    expect(second).toEqual(first);
  });

  it('keeps tied units without uncertainty tied, as the published ranks do', () => {
    const tied: RankedUnit[] = [
      { groups: ['A'], score: 80, se: 0 },
      { groups: ['A'], score: 80, se: 0 },
      { groups: ['A'], score: 70, se: 0 },
    ];
    expect(rankIntervals(tied, { seed: 1, draws: 100 })[0]).toEqual([
      { low: 1, high: 1 },
      { low: 1, high: 1 },
      { low: 3, high: 3 },
    ]);
  });

  it('gives a unit without a usable composite or SE its whole group, and widens the others', () => {
    for (const unknown of [
      { score: NaN, se: 1 },
      { score: 85, se: NaN },
      { score: 85, se: Infinity },
      { score: 85, se: -1 },
    ]) {
      const withUnknown: RankedUnit[] = [
        { groups: ['A'], score: 90, se: 0.1 },
        { groups: ['A'], ...unknown },
        { groups: ['A'], score: 50, se: 0.1 },
        { groups: ['B'], score: 60, se: 0.1 },
      ];
      expect(rankIntervals(withUnknown, { seed: 1, draws: 100 })[0]).toEqual([
        { low: 1, high: 2 }, // first, or second behind the unit that could be anywhere
        { low: 1, high: 3 },
        { low: 2, high: 3 },
        { low: 1, high: 1 },
      ]);
    }
  });

  it('narrows as the SEs shrink, and with the level', () => {
    const width = (intervals: { low: number; high: number }[]) =>
      intervals.reduce((s, { low, high }) => s + high - low, 0) / intervals.length;
    const wide = width(rankIntervals(spread(100, 1, 2), { seed: 9 })[0]!);
    const narrow = width(rankIntervals(spread(100, 1, 0.5), { seed: 9 })[0]!);
    const none = width(rankIntervals(spread(100, 1, 0), { seed: 9 })[0]!);
    expect(narrow).toBeLessThan(wide / 2.5); // a quarter of the SE: about a quarter of the width
    expect(none).toBe(0);
    const lower = width(rankIntervals(spread(100, 1, 2), { seed: 9, level: 0.5 })[0]!);
    expect(lower).toBeLessThan(wide);
  });

  it('covers the true order: the true rank falls in the interval about as often as its level', () => {
    // 80 units a point apart; each year's observed composite is the truth plus its error
    let [covered, total] = [0, 0];
    for (let year = 0; year < 40; year++) {
      const error = seededNormal(1000 + year);
      const observed = Array.from({ length: 80 }, (_, i) => ({
        groups: ['all'],
        score: 100 - i + 1.5 * error(),
        se: 1.5,
      }));
      rankIntervals(observed, { seed: year })[0]!.forEach(({ low, high }, i) => {
        total++;
        if (low <= i + 1 && i + 1 <= high) covered++;
      });
    }
    expect(covered / total).toBeGreaterThanOrEqual(0.9);
  });
});

describe('rankResults', () => {
  /** The fields ranking reads; the rest of a result does not matter here. */
  const result = (
    code: string,
    level: UnitResult['level'],
    district: string,
    rankingClass: UnitResult['rankingClass'],
    composite: number | null,
    compositeSe: number | null,
    flags: string[] = [],
  ) =>
    ({
      ...{ code, level, districtCode: district, rankingClass, composite, compositeSe, flags },
      ...{ rankInDistrict: null, rankInClass: null },
    }) as UnitResult;
  const results = () => [
    result('C1', 'community', 'D1', 'urban', 90, 0.1),
    result('C2', 'community', 'D1', 'rural', 80, 0.1),
    result('C3', 'community', 'D1', 'urban', 70, null), // a composite without an SE
    result('C4', 'community', 'D2', 'urban', 85, 0.1),
    result('C5', 'community', 'D2', 'rural', 95, 0.1, [tooFewResponses]),
    result('C6', 'community', 'D2', 'rural', null, null),
    result('C7', 'community', 'D2', 'rural', NaN, 1),
    result('S1', 'street', 'D1', 'urban', 75, 0.1),
  ];
  const settings = { rankDraws: 200, rankIntervalLevel: 0.9 } as ScoringSettings;

  it('ranks within district and class, leaving out units without a composite or with too few responses', async () => {
    const ranked = new Map((await rankResults(results(), settings, 2026)).map((r) => [r.code, r]));
    expect(ranked.get('C1')!.rankInDistrict).toEqual({ rank: 1, low: 1, high: 2, of: 3 });
    expect(ranked.get('C2')!.rankInDistrict).toEqual({ rank: 2, low: 2, high: 3, of: 3 });
    expect(ranked.get('C3')!.rankInDistrict).toEqual({ rank: 3, low: 1, high: 3, of: 3 });
    expect(ranked.get('C1')!.rankInClass).toEqual({ rank: 1, low: 1, high: 2, of: 3 });
    expect(ranked.get('C4')!.rankInClass).toEqual({ rank: 2, low: 2, high: 3, of: 3 });
    expect(ranked.get('C3')!.rankInClass).toEqual({ rank: 3, low: 1, high: 3, of: 3 });
    expect(ranked.get('C2')!.rankInClass).toEqual({ rank: 1, low: 1, high: 1, of: 1 });
    expect(ranked.get('C4')!.rankInDistrict).toEqual({ rank: 1, low: 1, high: 1, of: 1 });
    for (const code of ['C5', 'C6', 'C7'])
      expect(ranked.get(code)).toMatchObject({ rankInDistrict: null, rankInClass: null });
    expect(ranked.get('S1')!.rankInClass).toEqual({ rank: 1, low: 1, high: 1, of: 1 });
  });
});

/** Units one `step` apart from 90 down, each with standard error `se`, in one group. */
function spread(count: number, step: number, se: number): RankedUnit[] {
  return Array.from({ length: count }, (_, i) => ({ groups: ['A'], score: 90 - step * i, se }));
}

/**
 * Rank intervals as their definition has them, slowly: the draws of `rankIntervals` (one normal
 * per unit with a composite and an SE, in order, per draw), each unit's rank by counting in each
 * group, a sort of its ranks; a unit without an SE spans its group and widens the rest by one.
 */
function definitionIntervals(units: RankedUnit[], seed: number, draws: number, level: number) {
  const usable = (u: RankedUnit) => Number.isFinite(u.score) && Number.isFinite(u.se) && u.se >= 0;
  const known = units.filter(usable);
  const normals = seededNormals(seed);
  const ranks = units[0]!.groups.map(() => known.map((): number[] => []));
  for (let d = 0; d < draws; d++) {
    const z = normals.fill(new Float64Array(known.length));
    const value = known.map((u, k) => u.score + u.se * z[k]!);
    ranks.forEach((perUnit, g) =>
      known.forEach((u, k) =>
        perUnit[k]!.push(
          1 + known.filter((w, j) => w.groups[g] === u.groups[g] && value[j]! > value[k]!).length,
        ),
      ),
    );
  }
  return units[0]!.groups.map((_, g) =>
    units.map((u) => {
      const group = units.filter((w) => w.groups[g] === u.groups[g]);
      if (!usable(u)) return { low: 1, high: group.length };
      const own = ranks[g]![known.indexOf(u)]!.sort((a, b) => a - b);
      return {
        low: own[Math.max(0, Math.ceil(((1 - level) / 2) * draws) - 1)]!,
        high:
          own[Math.min(draws - 1, Math.ceil(((1 + level) / 2) * draws) - 1)]! +
          group.filter((w) => !usable(w)).length,
      };
    }),
  );
}

/** The standard normal distribution function, from erfc (Numerical Recipes' erfcc, error < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
