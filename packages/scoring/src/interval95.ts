/**
 * The bounds of an estimate's 95% interval, score ∓ 1.96·se (an SE that is not known counts as
 * 0); none without a score. Every interval of the results is made here, so that a stored result
 * can leave its bounds out and have them made again to the same bits (`storedResult`).
 *
 * @example [low95(80, 2), high95(80, 2)] // → [76.08, 83.92]
 */
export function low95(score: number | null, se: number | null): number | null {
  return score === null ? null : score - 1.96 * (se ?? 0);
}

/** The upper bound of `low95`'s interval. */
export function high95(score: number | null, se: number | null): number | null {
  return score === null ? null : score + 1.96 * (se ?? 0);
}
