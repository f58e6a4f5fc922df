import type { Random } from './Random.ts';

/**
 * The answer model of every rated item: a graded-response (ordered logit) model. On a k-point
 * scale, P(answer ≥ category j) = logistic(t − τⱼ) for j = 1 … k−1, where t is the respondent's
 * propensity to be satisfied with this item. Categories are 0-based: 0 is the scale's minimum.
 * A discrimination a ≠ 1 makes it logistic(a·(t − τⱼ)): answers that follow t more (a > 1) or less.
 */

/** Cut points for five points: at t = 0 the expected answer is ~58 of 100, at t = 2 ~83. */
const fivePointThresholds = [-2.6, -1.4, 0.2, 2.0];

/** Cut points for a k-point scale: the five-point ones, stretched or squeezed to k − 1 cuts. */
export function thresholdsFor(k: number): number[] {
  if (k === 5) return fivePointThresholds;
  const low = fivePointThresholds[0]!;
  const high = fivePointThresholds[3]!;
  return Array.from({ length: k - 1 }, (_, j) =>
    k === 2 ? 0 : low + ((high - low) * j) / (k - 2),
  );
}

/** P(category = j) for j = 0 … k−1, written into `out` (reused to spare allocations). */
export function categoryProbabilities(
  t: number,
  thresholds: readonly number[],
  out: number[],
  discrimination = 1,
): number[] {
  let above = 1;
  for (let j = 0; j < thresholds.length; j++) {
    const next = logistic(discrimination * (t - thresholds[j]!));
    out[j] = above - next;
    above = next;
  }
  out[thresholds.length] = above;
  return out;
}

/** Expected points of one answer, 100·(category)/(k−1), at propensity t. */
export function expectedPoints(
  t: number,
  thresholds: readonly number[],
  discrimination = 1,
): number {
  // E[category] = Σⱼ P(category ≥ j).
  let sum = 0;
  for (const tau of thresholds) sum += logistic(discrimination * (t - tau));
  return (100 * sum) / thresholds.length;
}

/** A category drawn at propensity t: the inverse of the cumulative logistic. */
export function drawCategory(
  rng: Random,
  t: number,
  thresholds: readonly number[],
  discrimination = 1,
): number {
  const u = rng.next();
  let category = 0;
  for (const tau of thresholds) {
    if (u < logistic(discrimination * (t - tau))) category++;
    else break;
  }
  return category;
}

/** The logistic function, 1 / (1 + e^(−x)). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
