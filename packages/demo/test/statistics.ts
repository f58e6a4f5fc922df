import type { Instrument } from '@manyi/domain/instrument';
import type { SyntheticResponse } from '../src/syntheticResponse.ts';

/** The resident responses among a year's. */
export function residentsOf(responses: readonly SyntheticResponse[]): SyntheticResponse[] {
  return responses.filter((r) => r.instrument === 'resident');
}

/**
 * A respondent's overall score as PRODUCT.md defines it (an independent re-implementation for
 * tests): items 100·(x−min)/(max−min), 不了解 missing, dimension means, equal-weight mean of
 * answered dimensions; null when nothing was answered.
 */
export function overallScore(
  instrument: Instrument,
  answers: Record<string, unknown>,
): number | null {
  const dimensions = new Map<string, number[]>();
  for (const item of instrument.items) {
    const x = answers[item.question];
    if (typeof x !== 'number') continue;
    const list = dimensions.get(item.dimension) ?? [];
    list.push((100 * (x - item.min)) / (item.max - item.min));
    dimensions.set(item.dimension, list);
  }
  const means = [...dimensions.values()].map((v) => v.reduce((a, b) => a + b) / v.length);
  return means.length ? means.reduce((a, b) => a + b) / means.length : null;
}

/** Pearson's correlation. */
export function correlation(x: readonly number[], y: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** The p-quantile (lower value, no interpolation). */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
