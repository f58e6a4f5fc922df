/** Seconds since `start` (a `performance.now()`), one decimal, as the benches print them. */
export function since(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}
