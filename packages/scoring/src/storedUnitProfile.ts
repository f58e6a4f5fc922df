import type { Store } from '@manyi/store/Store';
import { latestResults } from './latestResults.ts';
import { responseRates } from './responseRates.ts';
import { unitProfile, type UnitProfile } from './unitProfile.ts';
import { residentDimensionNames } from './residentDimensionNames.ts';
import { resultOfStored } from './storedResult.ts';

/**
 * Reads what `unitProfile` needs from the store — the year's latest results, the unit's results
 * of every earlier scored year, its response rate and the resident dimensions' names — and
 * builds the profile. Undefined when the year is not scored or has no such unit.
 *
 * @example const profile = await storedUnitProfile(store, 2026, 'D01S01C01');
 */
export async function storedUnitProfile(
  store: Store,
  year: number,
  code: string,
): Promise<UnitProfile | undefined> {
  const stored = await latestResults(store, year);
  if (!stored?.results.some((r) => r.code === code)) return undefined;
  const earlier = (await store.query<{ row: string }>(earlierResultsSql, [year, code])).map((r) =>
    resultOfStored(r.row),
  );
  const rate = (await responseRates(store, year)).find((r) => r.code === code);
  return unitProfile({
    code,
    year,
    results: stored.results,
    earlier,
    responseRate: rate && rate.distributed > 0 ? rate : null,
    dimensionNames: await residentDimensionNames(store, year),
    settings: stored.run.framework.settings,
  });
}

/**
 * A unit's stored result in each year scored before a year, from that year's latest run (as
 * `latestResults` reads a year), oldest first.
 */
const earlierResultsSql = `
  WITH latest_runs AS (
    SELECT year, max(run_id) AS run_id
    FROM scoring_runs
    WHERE year < ?
    GROUP BY year
  )
  SELECT results.row
  FROM results
  JOIN latest_runs USING (run_id)
  WHERE results.unit_code = ?
  ORDER BY latest_runs.year`;
