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

/**
 * `exactSum` for terms known to lie within ±`bound` (a score 0–100, its square, an item total):
 * each term rounded to the finest power of ten that keeps bound·10ᵈ within 64 bits (10¹⁶ for a
 * score, 10¹⁴ for its square) and added as BIGINTs into DuckDB's 128-bit sum, several times
 * cheaper than the DECIMAL casts on millions of rows and as independent of the order of
 * addition. A term beyond the bound fails the query (the cast overflows), never a wrong sum.
 * With `weight` (a whole-number column, such as a count of responses giving the same answers),
 * each rounded term counts that many times, multiplied as 128-bit integers: the same sum, to the
 * bit, as the term added once per response.
 *
 * @example `SELECT ${boundedExactSum('score_1', 100)} AS sum_1, ${boundedExactSum('score_1 * score_1', 1e4)} AS squares_1 ...`
 */
export function boundedExactSum(
  term: string,
  bound: number,
  { weight }: { weight?: string } = {},
): string {
  const digits = Math.floor(Math.log10(9e18 / bound));
  if (!(digits >= 0)) throw new RangeError(`no 64-bit sum for terms up to ${bound}`);
  const rounded = `CAST(round((${term}) * 1e${digits}) AS BIGINT)`;
  const added = weight === undefined ? rounded : `CAST(${weight} AS HUGEINT) * ${rounded}`;
  return `(CAST(sum(${added}) AS DOUBLE) / 1e${digits})`;
}
