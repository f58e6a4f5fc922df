/** A seeded stream of standard normal draws, one at a time or many at once. */
export interface NormalStream {
  /** The next draw. */
  next(): number;
  /** Fills `out` with the next `out.length` draws: the same draws `next` would give, in order. */
  fill(out: Float64Array): Float64Array;
}

/**
 * A seeded stream of standard normal draws: xoshiro128** seeded through splitmix32, normals by
 * Marsaglia and Tsang's ziggurat (128 layers). Its tables aside, a draw takes integer operations
 * and a multiplication, and in about 1.2% of draws `Math.exp`/`Math.log` (V8's own port of
 * fdlibm, not the platform's library), so the same seed gives the same draws on every platform
 * and a scoring run that records its seed can be reproduced number for number (a test pins some).
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
 * Each draw takes one 32-bit output: its low 7 bits choose the layer and its high 25 bits give the
 * signed position in it (separate bits, so layer and value are independent — Doornik's remedy for
 * the original's reuse of the same bits). Most draws fall inside their layer's rectangle and are
 * that position scaled; the rest go to `edgeDraw`, which takes further outputs.
 *
 * @example seededNormals(2026).fill(new Float64Array(1000)) // 1,000 N(0, 1) draws
 */
export function seededNormals(seed: number): NormalStream {
  const state = xoshiroState(seed);
  const one = new Float64Array(1);
  return { next: () => fillNormals(state, one)[0]!, fill: (out) => fillNormals(state, out) };
}

/**
 * Fills `out` with the stream's next draws, advancing `state`. A function of its own rather than
 * a closure over the state: V8 specializes a closure's code to the first stream that runs it, and
 * later streams ran slower.
 */
function fillNormals(state: Int32Array, out: Float64Array): Float64Array {
  // the generator written out, not called, and its state in locals: this loop is the hot path
  let [a, b, c, d] = [state[0]!, state[1]!, state[2]!, state[3]!];
  for (let i = 0; i < out.length; i++) {
    const word = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    const layer = word & 127;
    const step = word >> 7; // the position is step + ½, in (−2²⁴, 2²⁴), symmetric about 0
    if ((step ^ (step >> 31)) < innerSteps[layer]!) out[i] = (step + 0.5) * scale[layer]!;
    else {
      state[0] = a;
      state[1] = b;
      state[2] = c;
      state[3] = d;
      out[i] = edgeDraw(state, layer, step + 0.5);
      [a, b, c, d] = [state[0]!, state[1]!, state[2]!, state[3]!];
    }
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
  return out;
}

/** Right edge of the base layer (the tail starts there) and the area of every layer. */
const [tailStart, layerArea] = [3.442619855899, 9.91256303526217e-3];
/** Half-range of a draw's position within its layer: 2²⁴. */
const positions = 16777216;

/**
 * The ziggurat's tables (Marsaglia & Tsang 2000, `zigset`), indexed by layer: `scale` turns a
 * position into x, `inner` is the position below which x lies inside the layer's rectangle
 * (under the layer above), `density` is e^(−x²/2) at the layer's right edge.
 */
const [inner, scale, density] = zigguratTables();
/**
 * `inner` for integer steps: |step + ½| < inner[layer] exactly when |step + ½| − ½ — that is
 * step or −step − 1, `step ^ (step >> 31)` — is below this.
 */
const innerSteps = Int32Array.from(inner, (bound) => Math.ceil(bound - 0.5));

/** Builds the ziggurat's tables; layer 0 is the base strip with the tail, layer 1 the top. */
function zigguratTables(): [Float64Array, Float64Array, Float64Array] {
  const inner = new Float64Array(128);
  const scale = new Float64Array(128);
  const density = new Float64Array(128);
  let edge = tailStart;
  let below = edge;
  const q = layerArea / Math.exp(-0.5 * edge * edge);
  inner[0] = (edge / q) * positions;
  inner[1] = 0;
  scale[0] = q / positions;
  scale[127] = edge / positions;
  density[0] = 1;
  density[127] = Math.exp(-0.5 * edge * edge);
  for (let i = 126; i >= 1; i--) {
    edge = Math.sqrt(-2 * Math.log(layerArea / edge + Math.exp(-0.5 * edge * edge)));
    inner[i + 1] = (edge / below) * positions;
    below = edge;
    density[i] = Math.exp(-0.5 * edge * edge);
    scale[i] = edge / positions;
  }
  return [inner, scale, density];
}

/**
 * A draw that fell outside its layer's rectangle: from the tail beyond `tailStart` in the base
 * layer (Marsaglia's exponential method), else kept if under the density in the layer's wedge,
 * else a fresh draw (`zigset`'s `nfix`).
 */
function edgeDraw(state: Int32Array, layer: number, position: number): number {
  for (;;) {
    const x = position * scale[layer]!;
    if (layer === 0) {
      let tail: number;
      let y: number;
      do {
        tail = -Math.log(uniform(state)) / tailStart;
        y = -Math.log(uniform(state));
      } while (y + y < tail * tail);
      return x > 0 ? tailStart + tail : -tailStart - tail;
    }
    const height = density[layer]! + uniform(state) * (density[layer - 1]! - density[layer]!);
    if (height < Math.exp(-0.5 * x * x)) return x;
    const word = nextWord(state);
    layer = word & 127;
    position = (word >> 7) + 0.5;
    if (Math.abs(position) < inner[layer]!) return position * scale[layer]!;
  }
}

/** A uniform draw in (0, 1), never 0 or 1, from the next output. */
function uniform(state: Int32Array): number {
  return ((nextWord(state) >>> 0) + 0.5) / 4294967296;
}

/** The next xoshiro128** output, as a signed 32-bit integer. */
function nextWord(state: Int32Array): number {
  const [a, b, c, d] = [state[0]!, state[1]!, state[2]!, state[3]!];
  const word = Math.imul(rotl(Math.imul(b, 5), 7), 9);
  state[2] = c ^ a;
  state[3] = d ^ b;
  state[1] = b ^ c ^ a;
  state[0] = a ^ d ^ b;
  state[2] = state[2]! ^ (b << 9);
  state[3] = rotl(state[3]!, 11);
  return word;
}

/** xoshiro128** state from a 32-bit seed through splitmix32. */
function xoshiroState(seed: number): Int32Array {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
}

/** 32-bit rotate left, as a signed 32-bit integer (the same bits). */
function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}
