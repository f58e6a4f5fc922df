/**
 * What every Manyi chart shares: a font stack that can draw Chinese in the browser and, for PNG
 * reports, with Debian's fonts-noto-cjk; one-decimal score formatting.
 */

/** CJK-capable fonts first, so Node renders (rsvg) and browsers without a CJK system font agree. */
export const fontFamily =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", system-ui, sans-serif';

/** Base text size: Chinese glyphs at Plot's default 10px are hard to read. */
export const fontSize = '12px';

/** Scores are shown with one decimal, e.g. `formatScore(82.349)` → "82.3"; missing → "—". */
export function formatScore(score: number | null | undefined): string {
  return score == null || !Number.isFinite(score) ? '—' : score.toFixed(1);
}

/** Counts with grouping as Chinese readers expect, e.g. 12,345. */
export function formatCount(count: number): string {
  return count.toLocaleString('zh-CN');
}
