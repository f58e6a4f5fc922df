import { groupIndexes } from './competitionRanks.ts';
import { seededNormal } from './seededNormal.ts';

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
  const normal = seededNormal(seed);
  const intervals = new Array<RankInterval>(units.length);
  const lowAt = Math.max(0, Math.ceil(((1 - level) / 2) * draws) - 1);
  const highAt = Math.min(draws - 1, Math.ceil(((1 + level) / 2) * draws) - 1);
  for (const members of groupIndexes(units).values()) {
    const size = members.length;
    const simulated = new Float64Array(size);
    const sorted = new Float64Array(size);
    const ranks = new Int32Array(size * draws); // unit k's ranks at k·draws … (k+1)·draws − 1
    for (let d = 0; d < draws; d++) {
      members.forEach(
        (unit, k) => (simulated[k] = units[unit]!.score + units[unit]!.se * normal()),
      );
      sorted.set(simulated);
      sorted.sort();
      // competition rank: 1 + how many drew strictly more (units without uncertainty may tie)
      for (let k = 0; k < size; k++)
        ranks[k * draws + d] = size - firstAbove(sorted, simulated[k]!) + 1;
    }
    members.forEach((unit, k) => {
      const own = ranks.subarray(k * draws, (k + 1) * draws).sort();
      intervals[unit] = { low: own[lowAt]!, high: own[highAt]! };
    });
  }
  return intervals;
}

/** Index of the first value above `x` in ascending `sorted` (its length if none). */
function firstAbove(sorted: Float64Array, x: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}
