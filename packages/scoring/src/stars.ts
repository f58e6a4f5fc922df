/**
 * The star rating (评星定级) of a composite: ≥90 ★5, ≥80 ★4, ≥70 ★3, ≥60 ★2, else ★1, with the
 * framework's thresholds (highest first).
 *
 * @example starsOf(84.2) // → 4
 */
export function starsOf(
  composite: number,
  thresholds: readonly number[] = [90, 80, 70, 60],
): number {
  const reached = thresholds.findIndex((t) => composite >= t);
  return reached === -1 ? 1 : 5 - reached;
}
