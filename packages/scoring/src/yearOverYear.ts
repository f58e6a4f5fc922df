/** A score's change since the previous year, and whether it exceeds its noise. */
export interface YearOverYear {
  change: number;
  /** |change| > 1.96·√(se₁² + se₂²): the two years' estimates are independent samples. */
  significant: boolean;
}

/**
 * The change from last year's score to this year's, significant when it exceeds
 * 1.96·√(SE₁² + SE₂²). Null when either year has no score.
 *
 * @example yearOverYear({ score: 82, se: 1.5 }, { score: 78, se: 1.2 }) // → { change: 4, significant: true }
 */
export function yearOverYear(
  current: { score: number | null; se: number | null },
  previous: { score: number | null; se: number | null } | undefined,
): YearOverYear | null {
  if (!previous || current.score === null || previous.score === null) return null;
  const change = current.score - previous.score;
  const noise = 1.96 * Math.sqrt((current.se ?? 0) ** 2 + (previous.se ?? 0) ** 2);
  return { change, significant: Math.abs(change) > noise };
}
