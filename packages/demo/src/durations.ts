import type { Random } from './Random.ts';

/** Who fills a form, as far as how long it takes. */
export type Filler = 'resident' | 'speeder' | 'straightLiner' | 'staff';

/**
 * Seconds from opening a form to submitting it. Residents take about three minutes (PRODUCT.md),
 * log-normal, within 100 s – 8 min; speeders under a minute; straight-liners one to two minutes;
 * staff filling a two-way form about seven minutes.
 */
export function formDuration(rng: Random, filler: Filler): number {
  switch (filler) {
    case 'resident':
      return logNormalWithin(rng, 175, 0.28, 100, 480);
    case 'speeder':
      return rng.uniform(20, 55);
    case 'straightLiner':
      return rng.uniform(50, 110);
    case 'staff':
      return logNormalWithin(rng, 420, 0.4, 150, 1800);
  }
}

/** A log-normal draw around `median`, clamped to [low, high]. */
function logNormalWithin(
  rng: Random,
  median: number,
  logSd: number,
  low: number,
  high: number,
): number {
  return Math.min(high, Math.max(low, Math.exp(rng.normal(Math.log(median), logSd))));
}
