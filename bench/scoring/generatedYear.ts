import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import { demoYearOptions } from '@manyi/demo/yearOptions';
import { openStore } from '@manyi/store/Store';

/** What was written: the year and its size. */
export interface GeneratedYear {
  year: number;
  communities: number;
  responses: number;
  answers: number;
  seconds: number;
}

/** Communities per district of a generated province: 10–14 streets of 12–16 communities. */
const communitiesPerDistrict = 12 * 14;

/**
 * Writes a synthetic campaign year of about `communities` communities and `responses` responses
 * (resident and two-way, as the demo draws them) into a new DuckDB file at `path`, through the
 * demo's streaming generator (one community in memory at a time), and closes the file so that
 * another process can open it. The region is the province shape of `generateRegion`'s example,
 * with as many districts as the size needs; the median sample per community is set so that the
 * year's total comes near `responses` (the log-normal draw, its clamp and the 8% of small samples
 * make it approximate: the real count is returned).
 *
 * @example await generatedYear('/tmp/p.duckdb', { communities: 20_000, responses: 2_000_000 })
 */
export async function generatedYear(
  path: string,
  size: { communities: number; responses: number },
  onProgress?: (stored: number) => void,
): Promise<GeneratedYear> {
  const started = performance.now();
  const regionRows = generateRegion({
    seed: 7,
    districts: Math.max(1, Math.round(size.communities / communitiesPerDistrict)),
    streetsPerDistrict: [10, 14],
    communitiesPerStreet: [12, 16],
    districtNames: [],
    uniqueNamesAcross: 'district',
  });
  const communities = new Set(regionRows.map((r) => r.community_code)).size;
  // Per community: 2 two-way responses, and residents whose mean is ~0.966 × the median plus
  // ~1.5 from the small samples (the demo's shape, measured on its draws).
  const median = Math.max(30, (size.responses / communities - 3.5) / 0.966);
  const store = await openStore({ path });
  try {
    const seeded = await seedDemo(store, {
      years: [2026],
      regionRows,
      chunkSize: 20_000,
      yearOptions: {
        responsesPerCommunity: {
          ...demoYearOptions.responsesPerCommunity,
          median,
          max: Math.max(demoYearOptions.responsesPerCommunity.max, Math.round(1.9 * median)),
        },
      },
      onProgress: (_, stored) => onProgress?.(stored),
    });
    const [year] = seeded.years;
    return {
      year: year!.year,
      communities: seeded.communities,
      responses: year!.responses,
      answers: year!.answers,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await store.close();
  }
}
