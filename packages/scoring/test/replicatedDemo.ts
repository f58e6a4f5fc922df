import { compileInstrument } from '@manyi/domain/answers';
import { instrumentNames } from '@manyi/domain/instrument';
import { unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import { loadInstruments } from '@manyi/demo/demoInstruments';
import { generateRegion, type RegionOptions } from '@manyi/demo/demoRegion';
import { generateYear } from '@manyi/demo/generateResponses';
import type { YearOptions } from '@manyi/demo/yearOptions';
import type { YearTruth } from '@manyi/demo/yearTruth';
import { replaceRegions } from '@manyi/store/regions';
import { openStore, type Store } from '@manyi/store/Store';
import type { NewResponse } from '@manyi/store/ResponseWriter';
import { openCampaign } from './smallRegion.ts';

/** A store holding many seeded replications of a small demo region, and each one's truth. */
export interface Replications {
  store: Store;
  truths: YearTruth[];
}

/**
 * `count` independent replications of the demo's data-generating process, each a district of its
 * own (codes prefixed R0…, region and responses seeded by the replication), in one store as one
 * campaign year: a single scoring run then scores them all, and ranks within a district are ranks
 * within a replication.
 *
 * @example const { store, truths } = await replicatedDemo(200, { streetsPerDistrict: 1 });
 */
export async function replicatedDemo(
  count: number,
  region: Partial<RegionOptions>,
  options: Partial<YearOptions>,
  year = 2026,
): Promise<Replications> {
  const instruments = loadInstruments();
  const compiled = Object.fromEntries(
    instrumentNames.map((name) => [name, compileInstrument(instruments[name])]),
  );
  const rows: RegionRow[] = [];
  const responses: NewResponse[] = [];
  const truths: YearTruth[] = [];
  for (let r = 0; r < count; r++) {
    const regionRows = generateRegion({
      seed: `replication-${r}`,
      districts: 1,
      districtNames: [],
      ...region,
    }).map((row) => prefixed(row, `R${r}`));
    const { responses: drawn, truth } = generateYear({
      seed: `replication-${r}`,
      year,
      regionRows,
      instruments,
      options,
    });
    for (const response of drawn)
      responses.push({
        ...response,
        long: compiled[response.instrument]!.extract(response.answers),
      });
    rows.push(...regionRows);
    truths.push(truth);
  }
  const store = await openStore({ path: ':memory:' });
  await replaceRegions(store, unitsFromRegionRows(rows));
  await openCampaign(store, year);
  await store.responses.appendAll(responses);
  return { store, truths };
}

/** A region row with every code prefixed, so that replications never share a unit. */
function prefixed(row: RegionRow, prefix: string): RegionRow {
  return {
    ...row,
    district_code: prefix + row.district_code,
    street_code: prefix + row.street_code,
    community_code: prefix + row.community_code,
    grid_code: prefix + row.grid_code,
  };
}

/**
 * Spearman's rank correlation (average ranks for ties).
 *
 * @example spearman([1, 2, 3], [10, 30, 20]) // → 0.5
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const [rx, ry] = [averageRanks(x), averageRanks(y)];
  const mean = (rx.length + 1) / 2;
  let [sxy, sxx, syy] = [0, 0, 0];
  rx.forEach((a, i) => {
    const b = ry[i]!;
    sxy += (a - mean) * (b - mean);
    sxx += (a - mean) ** 2;
    syy += (b - mean) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** Ranks 1…n, ties sharing their average rank. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    for (let k = start; k <= end; k++) ranks[order[k]!] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}
