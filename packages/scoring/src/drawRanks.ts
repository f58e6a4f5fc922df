/** Where a draw's ranks go: one row per grouping, 8 or 16 bits while the groups are small enough. */
export type RankRow = Uint8Array | Uint16Array | Int32Array;

/**
 * A ranker for the draws of the rank simulation, in every grouping at once: given one simulated
 * composite per unit, writes each unit's competition rank within its group of each grouping,
 * highest first — 1 + how many of its group drew strictly more, so equal values share a rank —
 * exactly as sorting each group and counting would. `groupings[g][k]` is unit k's group (0, 1, …)
 * in grouping g; unit k's rank goes to `ranks[g][at + k]`. `range` is where the values mostly
 * fall (a value outside it is ranked as exactly, only more slowly).
 *
 * It orders the whole draw once — buckets by a monotone map of the range, about three per value,
 * then an insertion pass that fixes the order within buckets — and walks it from the top,
 * counting for each group of each grouping the units passed: one ordering for all groupings
 * instead of a sort (or bucketing) per group, with no comparison between units of different
 * buckets. Values must not be NaN. The buffers are kept between draws.
 *
 * @example
 * const rank = drawRanker([Int32Array.of(0, 0, 1, 0)], [70, 90]);
 * const ranks = [new Int32Array(4)];
 * rank(Float64Array.of(85, 90, 70, 85), ranks, 0); // ranks[0] → 2, 1, 1, 2
 */
export function drawRanker(
  groupings: readonly Int32Array[],
  [low, high]: readonly [number, number],
): (values: Float64Array, ranks: readonly RankRow[], at: number) => void {
  const size = groupings[0]?.length ?? 0;
  const buckets = Math.max(1, 3 * size);
  const [slot, counters] = groupSlots(groupings);
  const ranker: Ranker = {
    size,
    groupingCount: groupings.length,
    high,
    // bucket 0 holds the highest values; a constant or unusable range puts all in one bucket
    scale: high > low && Number.isFinite(high - low) ? buckets / (high - low) : 0,
    start: new Int32Array(buckets),
    bucketOf: new Int32Array(size),
    order: new Int32Array(size),
    ordered: new Float64Array(size),
    slot,
    passed: new Int32Array(counters),
    lastValue: new Float64Array(counters),
    lastRank: new Int32Array(counters),
  };
  return (values, ranks, at) => rankDraw(ranker, values, ranks, at);
}

/** A ranker's settings and the buffers it keeps between draws. */
interface Ranker {
  size: number;
  groupingCount: number;
  /** Top of the range, and buckets per unit of value below it. */
  high: number;
  scale: number;
  /** Counts of each bucket, then where its next unit goes. */
  start: Int32Array;
  bucketOf: Int32Array;
  /** The units, highest value first, and their values in the same order. */
  order: Int32Array;
  ordered: Float64Array;
  /** counter[slot[k·groupingCount + g]] is unit k's group of grouping g, all groupings in one array. */
  slot: Int32Array;
  /** Per counter: units of the group already walked, and the last one's value and rank (ties). */
  passed: Int32Array;
  lastValue: Float64Array;
  lastRank: Int32Array;
}

/**
 * Ranks one draw (see `drawRanker`). A function of its own, its buffers read into locals, rather
 * than a closure over them: V8 specializes a closure's code to the first ranker that runs it, and
 * every later ranker (the streets, the next run in the same process) ran at two thirds the speed.
 */
function rankDraw(ranker: Ranker, values: Float64Array, ranks: readonly RankRow[], at: number) {
  const { size, groupingCount, high, scale, start, bucketOf, order, ordered, slot } = ranker;
  const { passed, lastValue, lastRank } = ranker;
  const buckets = start.length;
  start.fill(0);
  for (let k = 0; k < size; k++) {
    // rounding is monotone, so a higher value never lands in a later bucket
    const b = Math.max(0, Math.min(buckets - 1, (high - values[k]!) * scale)) | 0;
    bucketOf[k] = b;
    start[b]!++;
  }
  for (let b = 0, sum = 0; b < buckets; b++) {
    const count = start[b]!;
    start[b] = sum;
    sum += count;
  }
  for (let k = 0; k < size; k++) {
    const position = start[bucketOf[k]!]!++;
    order[position] = k;
    ordered[position] = values[k]!;
  }
  // units are out of order only within a bucket: a few moves each, unless many values fell
  // outside the range into its end buckets, where a sort takes over; equal values meet here
  let moves = 0;
  let tied = false;
  for (let i = 1; i < size && moves <= 16 * size; i++) {
    const v = ordered[i]!;
    const before = ordered[i - 1]!;
    if (before >= v) {
      tied ||= before === v;
      continue;
    }
    const unit = order[i]!;
    let j = i - 1;
    for (; j >= 0 && ordered[j]! < v; j--) {
      ordered[j + 1] = ordered[j]!;
      order[j + 1] = order[j]!;
    }
    ordered[j + 1] = v;
    order[j + 1] = unit;
    tied ||= j >= 0 && ordered[j] === v;
    moves += i - j;
  }
  if (moves > 16 * size) {
    sortDescending(order, ordered);
    tied = true;
  }
  passed.fill(0);
  if (!tied) {
    for (let i = 0; i < size; i++) {
      const k = order[i]!;
      for (let g = 0; g < groupingCount; g++)
        ranks[g]![at + k] = ++passed[slot[k * groupingCount + g]!]!;
    }
    return;
  }
  lastValue.fill(NaN);
  for (let i = 0; i < size; i++) {
    const k = order[i]!;
    const v = ordered[i]!;
    for (let g = 0; g < groupingCount; g++) {
      const counter = slot[k * groupingCount + g]!;
      const walked = ++passed[counter]!;
      // equal values are adjacent in the order: a tie takes the rank of the first of them
      if (v !== lastValue[counter]) {
        lastValue[counter] = v;
        lastRank[counter] = walked;
      }
      ranks[g]![at + k] = lastRank[counter]!;
    }
  }
}

/** Each unit's counter in each grouping (groups of grouping g after those of g − 1), and their number. */
function groupSlots(groupings: readonly Int32Array[]): [Int32Array, number] {
  const size = groupings[0]?.length ?? 0;
  const slot = new Int32Array(size * groupings.length);
  let counters = 0;
  groupings.forEach((groupOf, g) => {
    let groups = 0;
    groupOf.forEach((group, k) => {
      slot[k * groupings.length + g] = counters + group;
      groups = Math.max(groups, group + 1);
    });
    counters += groups;
  });
  return [slot, counters];
}

/** Sorts `order` and its values `ordered` together, highest first. */
function sortDescending(order: Int32Array, ordered: Float64Array): void {
  const positions = Array.from(order.keys()).sort((i, j) => ordered[j]! - ordered[i]!);
  const [units, values] = [positions.map((i) => order[i]!), positions.map((i) => ordered[i]!)];
  order.set(units);
  ordered.set(values);
}
