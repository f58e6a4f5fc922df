import { popcount, type AnsweredSubsets } from './answeredSubsets.ts';
import { categoryProbabilities, thresholdsFor } from './gradedResponse.ts';
import type { ItemParameters } from './latentModel.ts';

/** PRODUCT.md: a respondent is satisfied when their overall score is at least 75. */
export const satisfiedThreshold = 75;

/**
 * P(overall ≥ 75 | defined) at given item propensities. Needs every item on one scale, so that
 * all means fall on an integer grid and the comparison with 75 is exact.
 */
export function satisfiedRateModel(
  items: readonly ItemParameters[],
  byDimension: ItemParameters[][],
  classes: AnsweredSubsets[],
  shares: readonly number[],
): (propensity: readonly number[]) => number {
  const points = items[0]!.points;
  if (items.some((item) => item.points !== points))
    throw new Error('the true satisfied rate needs every item on the same scale');
  const steps = points - 1;
  const lcm = byDimension.reduce(
    (l, dimensionItems) => leastCommonMultiple(l, Math.max(1, dimensionItems.length)),
    1,
  );
  // A dimension mean is s·lcm/n units for a sum of s steps over n items; 75 is `threshold` units.
  const threshold = (satisfiedThreshold * steps * lcm) / 100;
  if (!Number.isInteger(threshold)) throw new Error('75 is not on the scale’s integer grid');
  const thresholds = thresholdsFor(points);
  const indexOf = byDimension.map((dimensionItems) =>
    dimensionItems.map((item) => items.indexOf(item)),
  );
  const definedMass = classes.reduce((sum, c, k) => sum + shares[k]! * c.defined, 0);
  const category = new Array<number>(points);
  const width = steps * lcm + 1;

  return (propensity) => {
    // Distribution of the summed steps of every subset of every dimension's items.
    const sums = indexOf.map((indices) => {
      const itemDistributions = indices.map((i) =>
        categoryProbabilities(
          propensity[i]!,
          thresholds,
          category,
          items[i]!.discrimination,
        ).slice(),
      );
      const bySubset: number[][] = [[1]];
      for (let mask = 1; mask < 1 << indices.length; mask++) {
        const low = 31 - Math.clz32(mask & -mask);
        bySubset[mask] = convolve(bySubset[mask & (mask - 1)]!, itemDistributions[low]!);
      }
      return bySubset;
    });
    let satisfiedMass = 0;
    for (let k = 0; k < classes.length; k++) {
      const c = classes[k]!;
      // Per dimension, the distribution of its mean minus 75 (offset by `threshold`); 0 if missing.
      const perDimension = sums.map((bySubset, d) => {
        const shifted = new Array<number>(width).fill(0);
        const subsets = c.subsets[d]!;
        shifted[threshold]! += subsets[0]!;
        for (let mask = 1; mask < bySubset.length; mask++) {
          const p = subsets[mask]!;
          const per = lcm / popcount(mask);
          const sum = bySubset[mask]!;
          for (let s = 0; s < sum.length; s++) shifted[s * per]! += p * sum[s]!;
        }
        return shifted;
      });
      // Convolve all but the last; the last only needs P(sum of the others ≥ −its value).
      const last = perDimension.pop()!;
      const others = perDimension.reduce((total, shifted) => convolve(shifted, total), [1]);
      const tail = new Array<number>(others.length + 1).fill(0);
      for (let i = others.length - 1; i >= 0; i--) tail[i] = tail[i + 1]! + others[i]!;
      const zero = threshold * perDimension.length;
      let atLeast = 0;
      for (let y = 0; y < last.length; y++) {
        if (last[y])
          atLeast += last[y]! * tail[Math.min(others.length, Math.max(0, zero + threshold - y))]!;
      }
      // Nobody answering anything sums to exactly 0 too: that respondent has no score.
      satisfiedMass += shares[k]! * (atLeast - (1 - c.defined));
    }
    return satisfiedMass / definedMass;
  };
}

/** The distribution of the sum of two independent non-negative integer variables (`a` sparse). */
function convolve(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (ai === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j]! += ai * b[j]!;
  }
  return out;
}

/** lcm(a, b) of positive integers. */
function leastCommonMultiple(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}
