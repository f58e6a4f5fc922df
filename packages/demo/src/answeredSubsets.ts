import type { ItemParameters } from './latentModel.ts';

/**
 * For one class of respondents (see `latentModel.informedClasses`): per dimension, which of its
 * items were answered rather than 不了解, as bit masks with their probabilities. 不了解 is drawn
 * independently per item, so these depend on the items' rates alone.
 */
export interface AnsweredSubsets {
  /** subsets[d][mask] = P(exactly the items of `mask` answered in dimension d). */
  subsets: number[][];
  /** P(dimension d answered at all). */
  answered: number[];
  /** P(at least one dimension answered). */
  defined: number;
}

/** The answered-subset probabilities of one class, whose 不了解 rates are the items' times `factor`. */
export function answeredSubsets(byDimension: ItemParameters[][], factor: number): AnsweredSubsets {
  const subsets = byDimension.map((dimensionItems) => {
    const missing = dimensionItems.map((item) => Math.min(0.9, item.notApplicableRate * factor));
    return Array.from({ length: 1 << dimensionItems.length }, (_, mask) =>
      missing.reduce((p, q, i) => p * (mask & (1 << i) ? 1 - q : q), 1),
    );
  });
  const answered = subsets.map((s) => 1 - s[0]!);
  const defined = 1 - answered.reduce((p, a) => p * (1 - a), 1);
  return { subsets, answered, defined };
}

/** Set bits of a small mask. */
export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}
