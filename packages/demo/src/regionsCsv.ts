import { fileURLToPath } from 'node:url';
import { regionColumns, type RegionRow } from '@manyi/domain/region';

/** The committed demo region, `data/demo/regions.csv`. */
export const demoRegionsCsvPath = fileURLToPath(
  new URL('../../../data/demo/regions.csv', import.meta.url),
);

/**
 * Region rows as the regions CSV of PRODUCT.md: a header of the column names, one line per grid,
 * `\n` line ends and a final newline. Cells with a comma, quote or line break are quoted.
 */
export function formatRegionsCsv(rows: readonly RegionRow[]): string {
  const lines = [regionColumns.join(',')];
  for (const row of rows) lines.push(regionColumns.map((c) => csvCell(row[c])).join(','));
  return lines.join('\n') + '\n';
}

/** One CSV cell: empty for null, quoted (quotes doubled) when it must be. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
