import { guardFormula } from '@manyi/store/formulaGuard';

/**
 * One CSV line (RFC 4180): text quoted where it holds a comma, quote or line break; numbers in
 * full precision; null and undefined as empty cells; a cell a spreadsheet would run as a formula
 * with a leading apostrophe (`guardFormula`).
 *
 * @example csvLine(['C01', 41, null, 'a,b']) // → 'C01,41,,"a,b"'
 */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** One cell's text. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = guardFormula(typeof value === 'string' ? value : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
