/**
 * A command-line option that must be a whole number ≥ 1 (a count, a size, seconds): a wrong one
 * stops the bench before it starts, naming the option.
 */
export function wholeNumberOption(option: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${option} takes a whole number ≥ 1`);
  return n;
}
