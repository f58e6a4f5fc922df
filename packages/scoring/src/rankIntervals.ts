import { groupIndexes } from './competitionRanks.ts';
import { drawRanker, type RankRow } from './drawRanks.ts';
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

/** A unit to rank: its composite, the composite's standard error and its group in each grouping. */
export interface RankedUnit {
  score: number;
  se: number;
  /** The unit's group in each grouping (its district, its urban/rural class, …). */
  groups: readonly string[];
}

/** The ranks a unit takes in the middle `level` of the simulated rankings. */
export interface RankInterval {
  low: number;
  high: number;
}

/**
 * Rank intervals from a seeded simulation of each composite's uncertainty: every draw replaces
 * each unit's composite by a normal draw around it with its standard error, ranks the units
 * within their groups of every grouping (highest first) — the same simulated composites in each,
 * one draw per unit — and the interval runs from the (1−level)/2 to the (1+level)/2 quantile of
 * the unit's simulated ranks. Each draw takes one normal per unit in the order of `units`, so the
 * same units in the same order with the same seed give the same intervals.
 *
 * A unit whose composite or SE is not a finite number (an SE < 0 included) could rank anywhere:
 * its interval is its whole group, 1 … size, and every other unit of the group may have it above
 * or below, so their intervals reach one rank further down for each such unit.
 *
 * @example rankIntervals(units, { seed: 2026 }) // → one array per grouping: [[{ low: 1, high: 3 }, ...], [...]]
 */
export function rankIntervals(
  units: readonly RankedUnit[],
  options: RankIntervalOptions,
): RankInterval[][] {
  const simulation = simulatedIntervals(units, options);
  for (;;) {
    const step = simulation.next();
    if (step.done) return step.value;
  }
}

/**
 * `rankIntervals`, the same numbers, giving the event loop a turn after every chunk of draws
 * (~20 ms for a province): a scoring run computes them while DuckDB answers its next queries,
 * and those queries' continuations (a prepared statement to run, a result to read) need a turn.
 *
 * @example await rankIntervalsYielding(units, { seed: 2026 })
 */
export async function rankIntervalsYielding(
  units: readonly RankedUnit[],
  options: RankIntervalOptions,
): Promise<RankInterval[][]> {
  const simulation = simulatedIntervals(units, options);
  for (;;) {
    const step = simulation.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The simulation of `rankIntervals`, pausing after each chunk of draws. */
function* simulatedIntervals(
  units: readonly RankedUnit[],
  { seed, draws = 1000, level = 0.9 }: RankIntervalOptions,
): Generator<void, RankInterval[][], void> {
  const groupingCount = units[0]?.groups.length ?? 0;
  const known = units.flatMap((u, i) => (isKnown(u) ? [i] : []));
  const size = known.length;
  const score = Float64Array.from(known, (unit) => units[unit]!.score);
  const se = Float64Array.from(known, (unit) => units[unit]!.se);
  const groupings = Array.from({ length: groupingCount }, (_, g) => groupsOf(units, g));
  const knownGroups = groupings.map(({ groupOf }) => Int32Array.from(known, (i) => groupOf[i]!));

  // the ranker writes a chunk of draws draw by draw (unit k's rank in chunk draw c at c·size + k),
  // where its writes stay in cache; each chunk is then added to the grouping's tally
  const tallies = groupings.map(({ sizes, unknown }, g) =>
    rankTally(
      Int32Array.from(knownGroups[g]!, (group) => sizes[group]! - unknown[group]!),
      draws,
    ),
  );
  const chunks = groupings.map(({ sizes }) => rankRow(largest(sizes), size * chunkDraws));
  const normals = seededNormals(seed);
  const simulated = new Float64Array(size);
  const rankDraw = drawRanker(knownGroups, typicalRange(score, se));
  for (let first = 0; first < draws; first += chunkDraws) {
    const width = Math.min(chunkDraws, draws - first);
    for (let c = 0; c < width; c++) {
      normals.fill(simulated);
      for (let k = 0; k < size; k++) simulated[k] = score[k]! + se[k]! * simulated[k]!;
      rankDraw(simulated, chunks, c * size);
    }
    tallies.forEach((tally, g) => addChunk(tally, chunks[g]!, first, width));
    yield;
  }

  const quantiles = [
    Math.max(0, Math.ceil(((1 - level) / 2) * draws) - 1),
    Math.min(draws - 1, Math.ceil(((1 + level) / 2) * draws) - 1),
  ] as const;
  return groupings.map(({ groupOf, sizes, unknown }, g) => {
    const intervals = units.map((_, i): RankInterval => ({ low: 1, high: sizes[groupOf[i]!]! }));
    const count = new Int32Array(largest(sizes) + 2);
    known.forEach((unit, k) => {
      const [low, high] = tallyQuantiles(tallies[g]!, k, quantiles, count);
      intervals[unit] = { low, high: high + unknown[groupOf[unit]!]! };
    });
    return intervals;
  });
}

/** Draws ranked before they are added to the tallies. */
const chunkDraws = 16;

/**
 * A grouping's simulated ranks so far, in whichever form takes less memory: each unit's count of
 * every rank it can take (small groups: Σ group size² counts) or each unit's ranks, one per draw.
 */
type RankTally =
  | {
      kind: 'counts';
      draws: number;
      /** Unit k's count of rank r at start[k] + r − 1, for r in 1 … span[k] (its group's size). */
      counts: Uint16Array | Int32Array;
      start: Int32Array;
      span: Int32Array;
    }
  | {
      kind: 'ranks';
      draws: number;
      /** Unit k's rank in draw d at k·draws + d. */
      ranks: RankRow;
      span: Int32Array;
    };

/** An empty tally for units whose groups have `span[k]` ranked units, for `draws` draws. */
function rankTally(span: Int32Array, draws: number): RankTally {
  const start = new Int32Array(span.length + 1);
  span.forEach((s, k) => (start[k + 1] = start[k]! + s));
  const counted = start[span.length]!;
  const countBytes = draws < 65536 ? 2 : 4;
  const rankBytes = rankRowType(largest(span)).BYTES_PER_ELEMENT;
  if (counted * countBytes <= span.length * draws * rankBytes) {
    const counts = draws < 65536 ? new Uint16Array(counted) : new Int32Array(counted);
    return { kind: 'counts', draws, counts, start, span };
  }
  return { kind: 'ranks', draws, ranks: rankRow(largest(span), span.length * draws), span };
}

/** Adds draws first … first + width − 1, unit k's rank of the c-th at chunk[c·size + k]. */
function addChunk(tally: RankTally, chunk: RankRow, first: number, width: number): void {
  const size = tally.span.length;
  if (tally.kind === 'counts') {
    const { counts, start } = tally;
    // unit by unit: a unit's counts stay in cache while its draws of the chunk are added
    for (let k = 0; k < size; k++)
      for (let c = 0, at = start[k]! - 1; c < width; c++) counts[at + chunk[c * size + k]!]!++;
    return;
  }
  const { ranks, draws } = tally;
  for (let k = 0; k < size; k++)
    for (let c = 0, to = k * draws + first; c < width; c++) ranks[to + c] = chunk[c * size + k]!;
}

/** Unit k's `lowAt`-th and `highAt`-th smallest rank (from 0); `count` is scratch, left zeroed. */
function tallyQuantiles(
  tally: RankTally,
  k: number,
  quantiles: readonly [number, number],
  count: Int32Array,
): [number, number] {
  if (tally.kind === 'counts')
    return countQuantiles(tally.counts, tally.start[k]!, tally.span[k]!, tally.draws, quantiles);
  const { ranks, draws } = tally;
  return orderStatistics(ranks, k * draws, (k + 1) * draws, quantiles, count);
}

/**
 * The `lowAt`-th and `highAt`-th smallest of `draws` ranks 1 … span counted at
 * counts[start] … counts[start + span − 1], walking in from either end.
 */
function countQuantiles(
  counts: Uint16Array | Int32Array,
  start: number,
  span: number,
  draws: number,
  [lowAt, highAt]: readonly [number, number],
): [number, number] {
  let low = 0;
  for (let seen = counts[start]!; seen <= lowAt; seen += counts[start + ++low]!);
  let high = span - 1;
  for (let above = counts[start + high]!; above < draws - highAt;) above += counts[start + --high]!;
  return [low + 1, high + 1];
}

/** Each unit's group number in grouping g, each group's size and its units without a composite. */
function groupsOf(units: readonly RankedUnit[], g: number) {
  const groups = [...groupIndexes(units.map((u) => ({ group: u.groups[g]! }))).values()];
  const groupOf = new Int32Array(units.length);
  groups.forEach((members, group) => members.forEach((unit) => (groupOf[unit] = group)));
  const unknown = groups.map((members) => members.filter((i) => !isKnown(units[i]!)).length);
  return { groupOf, sizes: groups.map((members) => members.length), unknown };
}

/** Whether a unit has a composite to simulate: finite, with a finite SE ≥ 0. */
function isKnown({ score, se }: RankedUnit): boolean {
  return Number.isFinite(score) && Number.isFinite(se) && se >= 0;
}

/** A row for `length` ranks of at most `largestGroup`. */
function rankRow(largestGroup: number, length: number): RankRow {
  return new (rankRowType(largestGroup))(length);
}

/** The narrowest row for ranks of at most `largestGroup`: 8 or 16 bits while that fits. */
function rankRowType(largestGroup: number) {
  if (largestGroup < 256) return Uint8Array;
  return largestGroup < 65536 ? Uint16Array : Int32Array;
}

/** The largest of group sizes (0 for none). */
function largest(sizes: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < sizes.length; i++) max = Math.max(max, sizes[i]!);
  return max;
}

/** Where simulated composites fall but for about one in 16,000: score ± 4·SE over the units. */
function typicalRange(score: Float64Array, se: Float64Array): [number, number] {
  let [low, high] = [Infinity, -Infinity];
  score.forEach((s, k) => {
    low = Math.min(low, s - 4 * se[k]!);
    high = Math.max(high, s + 4 * se[k]!);
  });
  return [low, high];
}

/**
 * The `quantiles`-th smallest (lowAt, highAt, from 0) of ranks[from … to − 1], each in 1 …
 * count.length − 2, by counting them in `count` (left zeroed) and walking in from either end: a
 * sort per unit cost as much as the whole simulation, and in a large group the ranks' middle is
 * thousands wide.
 */
function orderStatistics(
  ranks: RankRow,
  from: number,
  to: number,
  quantiles: readonly [number, number],
  count: Int32Array,
): [number, number] {
  let min = count.length;
  let max = 0;
  for (let i = from; i < to; i++) {
    const r = ranks[i]!;
    count[r]!++;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  // ranks min … max counted at count[min] … count[max]: the walk of countQuantiles, from rank min
  const [low, high] = countQuantiles(count, min, max - min + 1, to - from, quantiles);
  count.fill(0, min, max + 1);
  return [min + low - 1, min + high - 1];
}
