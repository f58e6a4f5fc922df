/**
 * SQL for a sum of DOUBLE terms that does not depend on the order of addition: each term is
 * rounded to 18 decimals and the terms are added as 128-bit integers (DECIMAL(38, 18)). DuckDB
 * adds doubles in whatever order its threads deliver them, so a plain `sum` or `avg` can differ
 * in the last bit from one run to the next; a scoring run must give the same numbers for the
 * same inputs (DATA-MODEL.md). Terms must stay below 10²⁰; rounding to 10⁻¹⁸ keeps every figure
 * far within the 1e-9 agreement with R.
 *
 * @example `SELECT community, ${exactSum('weight * score')} / ${exactSum('weight', 'score IS NOT NULL')} ...`
 */
export function exactSum(term: string, filter?: string): string {
  const where = filter ? ` FILTER (WHERE ${filter})` : '';
  return `CAST(sum(CAST(${term} AS DECIMAL(38, 18)))${where} AS DOUBLE)`;
}
