/**
 * A ranker for the draws of the rank simulation: given `size` simulated composites, writes each
 * one's competition rank, highest first — 1 + how many drew strictly more, so equal values share
 * a rank — exactly as sorting them and counting would. It buckets the values by a monotone map of
 * their range (about one value per bucket), counts the values in higher buckets, and compares
 * exactly only within a bucket: a few passes over the draw instead of a sort and a binary search
 * per unit, which were most of a province's rank simulation. The buffers are kept between draws.
 *
 * @example const rank = drawRanker(4); rank(Float64Array.of(85, 90, 70, 85), out) // out → 2, 1, 4, 2
 */
export function drawRanker(size: number): (values: Float64Array, ranks: Int32Array) => void {
  const bucketOf = new Int32Array(size);
  const start = new Int32Array(size + 1); // bucket b holds positions start[b] … start[b+1] − 1
  const next = new Int32Array(size);
  const members = new Int32Array(size); // unit indexes, by bucket
  const grouped = new Float64Array(size); // their values, in the same order
  const sorted = new Float64Array(size);

  return (values, ranks) => {
    let min = Infinity;
    let max = -Infinity;
    let unordered = false;
    for (let k = 0; k < size; k++) {
      const v = values[k]!;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v !== v) unordered = true;
    }
    // NaN, an infinite range or a constant draw: one bucket, where the exact comparison decides
    const scale = !unordered && max > min && Number.isFinite(max - min) ? size / (max - min) : 0;
    start.fill(0);
    for (let k = 0; k < size; k++) {
      // rounding is monotone, so a higher value never lands in a lower bucket
      const b = Math.min(size - 1, ((values[k]! - min) * scale) | 0);
      bucketOf[k] = b;
      start[b + 1]!++;
    }
    for (let b = 0; b < size; b++) {
      start[b + 1]! += start[b]!;
      next[b] = start[b]!;
    }
    for (let k = 0; k < size; k++) {
      const at = next[bucketOf[k]!]!++;
      members[at] = k;
      grouped[at] = values[k]!;
    }
    for (let b = 0; b < size; b++) {
      const from = start[b]!;
      const to = start[b + 1]!;
      const above = size - to;
      if (to - from === 1) ranks[members[from]!] = above + 1;
      else if (to - from <= smallBucket) {
        for (let i = from; i < to; i++) {
          const v = grouped[i]!;
          let higher = 0;
          for (let j = from; j < to; j++) if (grouped[j]! > v) higher++;
          ranks[members[i]!] = above + higher + 1;
        }
      } else if (to > from) {
        // many equal or close values (units without uncertainty): sort the bucket and count
        const own = sorted.subarray(from, to);
        own.set(grouped.subarray(from, to));
        own.sort();
        for (let i = from; i < to; i++)
          ranks[members[i]!] = above + (to - from - firstAbove(own, grouped[i]!)) + 1;
      }
    }
  };
}

/** Largest bucket compared value by value; beyond it a sort is cheaper. */
const smallBucket = 16;

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
