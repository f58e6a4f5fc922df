import { groupIndexes } from './competitionRanks.ts';
import { drawRanker } from './drawRanks.ts';
import { seededNormals } from './seededNormal.ts';

/** Settings of the rank simulation. */
export interface RankIntervalOptions {
  /** Seed of the normal draws; recorded with the run. */
  seed: number;
  /** Number of simulated rankings. Default 1000. */
  draws?: number;
  /** Coverage of the interval. Default 0.9. */
  level?: number;
}

/** A unit to rank: its group, its composite and the composite's standard error. */
export interface RankedUnit {
  group: string;
  score: number;
  se: number;
}

/** The ranks a unit takes in the middle `level` of the simulated rankings. */
export interface RankInterval {
  low: number;
  high: number;
}

/**
 * Rank intervals from a seeded simulation of each composite's uncertainty: every draw replaces
 * each unit's composite by a normal draw around it with its standard error, ranks the units
 * within their groups (highest first), and the interval runs from the (1−level)/2 to the
 * (1+level)/2 quantile of the unit's simulated ranks. Groups are simulated one after another in
 * order of first appearance, so the same units in the same order with the same seed give the
 * same intervals.
 *
 * @example rankIntervals(units, { seed: 2026 }) // → [{ low: 1, high: 3 }, ...], one per unit
 */
export function rankIntervals(
  units: readonly RankedUnit[],
  { seed, draws = 1000, level = 0.9 }: RankIntervalOptions,
): RankInterval[] {
  const normals = seededNormals(seed);
  const intervals = new Array<RankInterval>(units.length);
  const lowAt = Math.max(0, Math.ceil(((1 - level) / 2) * draws) - 1);
  const highAt = Math.min(draws - 1, Math.ceil(((1 + level) / 2) * draws) - 1);
  for (const members of groupIndexes(units).values()) {
    const size = members.length;
    const score = Float64Array.from(members, (unit) => units[unit]!.score);
    const se = Float64Array.from(members, (unit) => units[unit]!.se);
    const simulated = new Float64Array(size);
    const drawn = new Int32Array(size);
    const rankDraw = drawRanker(size);
    const ranks = new Int32Array(size * draws); // unit k's ranks at k·draws … (k+1)·draws − 1
    for (let d = 0; d < draws; d++) {
      normals.fill(simulated);
      for (let k = 0; k < size; k++) simulated[k] = score[k]! + se[k]! * simulated[k]!;
      rankDraw(simulated, drawn);
      for (let k = 0; k < size; k++) ranks[k * draws + d] = drawn[k]!;
    }
    const count = new Int32Array(size + 2);
    members.forEach((unit, k) => {
      const own = ranks.subarray(k * draws, (k + 1) * draws);
      intervals[unit] = {
        low: orderStatistic(own, lowAt, count),
        high: orderStatistic(own, highAt, count),
      };
    });
  }
  return intervals;
}

/**
 * The `at`-th smallest (from 0) of ranks in 1 … count.length − 2, by counting them in `count`
 * (left zeroed): a unit's ranks span a narrow range, and a sort per unit cost as much as the
 * whole simulation.
 */
function orderStatistic(ranks: Int32Array, at: number, count: Int32Array): number {
  let min = count.length;
  let max = 0;
  for (const r of ranks) {
    count[r]!++;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  let seen = 0;
  let found = max;
  for (let r = min; r <= max; r++) {
    seen += count[r]!;
    if (seen > at) {
      found = r;
      break;
    }
  }
  count.fill(0, min, max + 1);
  return found;
}
