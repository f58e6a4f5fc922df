import { answeredSubsets, popcount, type AnsweredSubsets } from './answeredSubsets.ts';
import { normalQuadrature } from './gaussHermite.ts';
import { expectedPoints, thresholdsFor } from './gradedResponse.ts';
import { latentModel, type ItemParameters } from './latentModel.ts';
import { satisfiedRateModel } from './satisfiedRate.ts';

/** What a genuine respondent gives, in expectation. */
export interface ScoreExpectation {
  /** E[overall score | the respondent answered at least one item], 0–100. */
  score: number;
  /** P(overall score ≥ 75 | answered), or null when it is not computed. */
  satisfiedRate: number | null;
  /** Per dimension, E[dimension score | the dimension was answered]. */
  dimensionScores: number[];
}

/**
 * Prepares the exact expectation of PRODUCT.md's respondent score for a respondent whose
 * propensity before their own effect is `mu` (for a resident: base + community + grid): items
 * scored 100·(x−min)/(max−min), 不了解 missing, a dimension the mean of its answered items, the
 * overall the equally weighted mean of the answered dimensions. The respondent's own effect is
 * normal with sd `respondentSd` (a resident's leniency, or a rating unit's).
 *
 * Why it is exact: 不了解 is drawn independently of satisfaction, so given which items were
 * answered, each score is a mean of independent items, and the expectation is a linear form in
 * the items' expected points whose weights depend only on the 不了解 rates (computed once by
 * enumerating the answered subsets). The respondent effect is integrated by Gauss–Hermite
 * quadrature. The satisfied rate needs the whole distribution: per quadrature node, per dimension,
 * the exact distribution of its mean over every answered subset, convolved across dimensions on
 * an integer grid (points in units of 100/((k−1)·L), L the lcm of the dimensions' item counts).
 */
export function scoreExpectation(
  items: readonly ItemParameters[],
  dimensionCount: number,
  options: { respondentSd: number; satisfiedRate: boolean; nodes?: number },
): (mu: number, dimensionEffects: readonly number[]) => ScoreExpectation {
  const byDimension = Array.from({ length: dimensionCount }, (_, d) =>
    items.filter((item) => item.dimension === d),
  );
  const classes = latentModel.informedClasses.map((c) => answeredSubsets(byDimension, c.factor));
  const shares = latentModel.informedClasses.map((c) => c.share);
  const { overall, dimension } = linearWeights(items, byDimension, classes, shares);
  const quadrature = normalQuadrature(options.nodes ?? 16);
  const sd = options.respondentSd;
  const satisfied = options.satisfiedRate
    ? satisfiedRateModel(items, byDimension, classes, shares)
    : null;

  return (mu, dimensionEffects) => {
    let score = 0;
    let satisfiedRate = 0;
    const dimensionScores = new Array<number>(dimensionCount).fill(0);
    const points = new Array<number>(items.length);
    quadrature.nodes.forEach((z, k) => {
      const weight = quadrature.weights[k]!;
      const propensity = items.map(
        (item) => mu + sd * z + dimensionEffects[item.dimension]! - item.difficulty,
      );
      propensity.forEach(
        (t, i) =>
          (points[i] = expectedPoints(
            t,
            thresholdsFor(items[i]!.points),
            items[i]!.discrimination,
          )),
      );
      for (let i = 0; i < items.length; i++) {
        score += weight * overall[i]! * points[i]!;
        dimensionScores[items[i]!.dimension]! += weight * dimension[i]! * points[i]!;
      }
      if (satisfied) satisfiedRate += weight * satisfied(propensity);
    });
    return { score, satisfiedRate: satisfied ? satisfiedRate : null, dimensionScores };
  };
}

/** Weights w such that E[overall | defined] = Σ wᵢ·E[pointsᵢ], and likewise per dimension. */
function linearWeights(
  items: readonly ItemParameters[],
  byDimension: ItemParameters[][],
  classes: AnsweredSubsets[],
  shares: readonly number[],
): { overall: number[]; dimension: number[] } {
  const overall = new Array<number>(items.length).fill(0);
  const dimension = new Array<number>(items.length).fill(0);
  const definedMass = classes.reduce((sum, c, k) => sum + shares[k]! * c.defined, 0);
  classes.forEach((c, k) => {
    // E[dimension d | answered] = Σ over answered subsets A of P(A)·mean over A, renormalized.
    const withinDimension = byDimension.map((dimensionItems, d) => {
      const a = new Array<number>(dimensionItems.length).fill(0);
      c.subsets[d]!.forEach((p, mask) => {
        if (mask === 0) return;
        const size = popcount(mask);
        for (let i = 0; i < dimensionItems.length; i++) if (mask & (1 << i)) a[i]! += p / size;
      });
      return a.map((v) => v / c.answered[d]!);
    });
    // E[overall | defined] = Σ over answered sets S of dimensions of P(S)·mean over S.
    const dimensionWeight = new Array<number>(byDimension.length).fill(0);
    for (let set = 1; set < 1 << byDimension.length; set++) {
      let p = 1;
      for (let d = 0; d < byDimension.length; d++)
        p *= set & (1 << d) ? c.answered[d]! : 1 - c.answered[d]!;
      const size = popcount(set);
      for (let d = 0; d < byDimension.length; d++)
        if (set & (1 << d)) dimensionWeight[d]! += p / size;
    }
    byDimension.forEach((dimensionItems, d) => {
      const dimensionMass = answeredMass(classes, shares, d);
      dimensionItems.forEach((item, i) => {
        const index = items.indexOf(item);
        overall[index]! +=
          (shares[k]! * dimensionWeight[d]! * withinDimension[d]![i]!) / definedMass;
        dimension[index]! +=
          (shares[k]! * c.answered[d]! * withinDimension[d]![i]!) / dimensionMass;
      });
    });
  });
  return { overall, dimension };
}

/** P(dimension d answered), over the classes. */
function answeredMass(classes: AnsweredSubsets[], shares: readonly number[], d: number): number {
  return classes.reduce((sum, c, k) => sum + shares[k]! * c.answered[d]!, 0);
}
