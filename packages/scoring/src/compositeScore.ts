import type { Composite, Indicator, IndicatorSource } from '@manyi/domain/framework';

/** A unit-level figure with its standard error. */
export interface ScoreWithSe {
  score: number;
  se: number;
}

/** A unit's composite: its score and SE, the value of every indicator, and the leaves it lacked. */
export interface CompositeScore {
  score: number | null;
  se: number | null;
  /** Every indicator's value by code (internal nodes too); null where nothing below it is known. */
  indicators: Record<string, ScoreWithSe | null>;
  /** Codes of the leaves without a value, whose weight went to their siblings. */
  missing: string[];
}

/**
 * Evaluates a composite's indicator tree for one unit. Each node is the weighted mean of its
 * children that have a value, weights renormalized over them, so a missing figure (a street that
 * rated no community, an objective figure not imported) neither zeroes nor caps the composite
 * (不得"一票否决"); the missing leaves are reported. Without any resident figure there is no
 * composite at all: resident satisfaction is its main standard.
 *
 * The SE treats the children as independent: true of the resident estimate, the two-way ratings
 * and objective figures, which come from different people; dimension scores of the same
 * respondents are positively correlated, so a tree of several resident dimensions gets a
 * somewhat small SE.
 *
 * @example compositeScore(framework.community, (s) => (s.kind === 'resident' ? { score: 80, se: 2 } : { score: 90, se: 0 }))
 * // → { score: 83, se: 1.4, indicators: { resident: ..., street_rating: ... }, missing: [] }
 */
export function compositeScore(
  composite: Composite,
  leafValue: (source: IndicatorSource, indicator: Indicator) => ScoreWithSe | null,
): CompositeScore {
  const indicators: Record<string, ScoreWithSe | null> = {};
  const missing: string[] = [];
  let hasResident = false;
  const value = (indicator: Indicator): ScoreWithSe | null => {
    let result: ScoreWithSe | null;
    if (indicator.children) result = weightedMean(indicator.children, value);
    else {
      result = leafValue(indicator.source!, indicator);
      if (result === null) missing.push(indicator.code);
      else if (indicator.source!.kind === 'resident') hasResident = true;
    }
    indicators[indicator.code] = result;
    return result;
  };
  const total = weightedMean(composite.indicators, value);
  return {
    score: hasResident ? (total?.score ?? null) : null,
    se: hasResident ? (total?.se ?? null) : null,
    indicators,
    missing,
  };
}

/** Σ w·x / Σ w over the children with a value; SE √Σ (w/Σw)²·se². Every child is valued, in order. */
function weightedMean(
  children: readonly Indicator[],
  value: (indicator: Indicator) => ScoreWithSe | null,
): ScoreWithSe | null {
  const values = children.map(value);
  let weight = 0;
  for (let i = 0; i < children.length; i++) if (values[i]) weight += children[i]!.weight;
  // no child with a value leaves the weight at 0 too
  if (weight === 0) return null;
  let score = 0;
  let variance = 0;
  for (let i = 0; i < children.length; i++) {
    const v = values[i];
    if (!v) continue;
    score += children[i]!.weight * v.score;
    variance += (children[i]!.weight / weight) ** 2 * v.se ** 2;
  }
  return { score: score / weight, se: Math.sqrt(variance) };
}
