/**
 * Rough rendered width of a label at 12px, for margins that fit the longest name: CJK glyphs
 * are square, Latin ones about half as wide. Measuring would need a browser; Node renders too.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 12 : 7;
  return width;
}

/**
 * The left margin that fits the longest of `labels` (at least `least` pixels of text), with 16
 * pixels to spare for the ticks: how the bar and dot charts size their axis of names.
 */
export function labelMargin(labels: Iterable<string>, least: number): number {
  return 16 + Math.max(least, ...[...labels].map(textWidth));
}
