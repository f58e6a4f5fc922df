/** A seeded stream of standard normal draws, one at a time or many at once. */
export interface NormalStream {
  /** The next draw. */
  next(): number;
  /** Fills `out` with the next `out.length` draws: the same draws `next` would give, in order. */
  fill(out: Float64Array): Float64Array;
}

/**
 * A seeded stream of standard normal draws: xoshiro128** seeded through splitmix32, normals by
 * the Box–Muller transform. The same seed gives the same draws on every platform, so a scoring
 * run that records its seed can be reproduced number for number.
 *
 * @example const z = seededNormal(20261122); z(); z(); // two N(0, 1) draws
 */
export function seededNormal(seed: number): () => number {
  const stream = seededNormals(seed);
  return () => stream.next();
}

/**
 * The stream of `seededNormal` with a bulk `fill`: the rank simulation takes tens of millions of
 * draws, and a call per draw through closures cost more than the arithmetic.
 *
 * @example seededNormals(2026).fill(new Float64Array(1000)) // 1,000 N(0, 1) draws
 */
export function seededNormals(seed: number): NormalStream {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // xoshiro128** state, and the second normal of the last Box–Muller pair when not yet used
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix()];
  let spare = 0;
  let hasSpare = false;

  const fill = (out: Float64Array): Float64Array => {
    let i = 0;
    const n = out.length;
    if (hasSpare && n > 0) {
      out[i++] = spare;
      hasSpare = false;
    }
    // the uniform generator written out twice per pair, not called: this loop is the hot path
    while (i < n) {
      let t = (b << 9) >>> 0;
      let result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
      c = (c ^ a) >>> 0;
      d = (d ^ b) >>> 0;
      b = (b ^ c) >>> 0;
      a = (a ^ d) >>> 0;
      c = (c ^ t) >>> 0;
      d = rotl(d, 11);
      const u1 = 1 - result / 4294967296; // (0, 1]: log stays finite
      t = (b << 9) >>> 0;
      result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
      c = (c ^ a) >>> 0;
      d = (d ^ b) >>> 0;
      b = (b ^ c) >>> 0;
      a = (a ^ d) >>> 0;
      c = (c ^ t) >>> 0;
      d = rotl(d, 11);
      const u2 = result / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u1));
      out[i++] = r * Math.cos(2 * Math.PI * u2);
      const second = r * Math.sin(2 * Math.PI * u2);
      if (i < n) out[i++] = second;
      else {
        spare = second;
        hasSpare = true;
      }
    }
    return out;
  };
  const one = new Float64Array(1);
  return { next: () => fill(one)[0]!, fill };
}

/** 32-bit rotate left. */
function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}
