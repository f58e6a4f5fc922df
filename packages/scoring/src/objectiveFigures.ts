import type { Store } from '@manyi/store/Store';
import type { Queryable } from './queryable.ts';

/**
 * Imports an objective figure (e.g. complaint 办结率) from a CSV file with columns
 * `unit_code,year,value`, replacing earlier values of that figure for the same units and years,
 * all in one transaction. Returns the number of values imported.
 *
 * @example await importObjectiveFigures(store, 'closure_rate', 'closure-2026.csv') // → 1836
 */
export async function importObjectiveFigures(
  store: Store,
  figure: string,
  csvPath: string,
): Promise<number> {
  return store.transaction(async (db) => {
    const reader = await db.runAndReadAll(importObjectiveFiguresSql, [figure, csvPath]);
    return Number(reader.getRows()[0]?.[0] ?? 0);
  });
}

const importObjectiveFiguresSql = `
  INSERT OR REPLACE INTO objective_figures (year, figure, unit_code, value)
  SELECT CAST(year AS INTEGER), ?::VARCHAR, unit_code, CAST(value AS DOUBLE)
  FROM read_csv(?, header = true, all_varchar = true)
  WHERE value IS NOT NULL`;

/**
 * The values of some objective figures for a year: figure → unit code → value.
 *
 * @example (await objectiveFigures(store, 2026, ['closure_rate'])).get('closure_rate')?.get('C0101') // → 0.93
 */
export async function objectiveFigures(
  db: Queryable,
  year: number,
  figures: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const out = new Map(figures.map((f) => [f, new Map<string, number>()]));
  if (!figures.length) return out;
  const rows = await db.query<{ figure: string; unit_code: string; value: number }>(
    `SELECT figure, unit_code, value FROM objective_figures
     WHERE year = ? AND figure IN (SELECT unnest(CAST(?::JSON AS VARCHAR[])))`,
    [year, JSON.stringify(figures)],
  );
  for (const r of rows) out.get(r.figure)?.set(r.unit_code, r.value);
  return out;
}

/**
 * An objective figure on the 0–100 scale of the composite: 100·(v−min)/(max−min), held within
 * 0–100 (min > max for figures where less is better).
 *
 * @example objectiveScore(0.93, 0, 1) // → 93
 */
export function objectiveScore(value: number, min: number, max: number): number {
  return Math.min(100, Math.max(0, (100 * (value - min)) / (max - min)));
}
