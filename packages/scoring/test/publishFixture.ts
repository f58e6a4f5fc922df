import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import { systemActor } from '@manyi/store/audit';
import { setCampaignState } from '@manyi/store/campaigns';
import { setPaperHandedOut } from '@manyi/store/distribution';
import { openStore, type Store } from '@manyi/store/Store';
import { scoreYear } from '../src/scoreYear.ts';

/** A community name from an imported file that would run a script if a page did not escape it. */
export const scriptName = '<script>alert(1)</script>社区';

/** The community renamed to `scriptName`; it has 10 or more responses, so it is published. */
export const scriptCode = 'D01S02C02';

/** Its street's name, with quotes and an ampersand too; street names label the chart's rows. */
export const scriptStreetName = `<script>alert(2)</script>"&'街道`;

/**
 * A small 示范市 for 2026 (2 districts, 4 streets, 15 communities, ~480 responses) where about a
 * third of the communities have 3–9 responses (never published) and one community is named
 * `scriptName`; 50 paper questionnaires handed out in every community of street D01S01; the
 * year closed and scored (seed 5), not yet finalized.
 */
export async function scoredSmallYear(path = ':memory:'): Promise<Store> {
  const store = await openStore({ path });
  const regionRows = generateRegion({
    districts: 2,
    streetsPerDistrict: 2,
    communitiesPerStreet: [3, 4],
  }).map((row) => ({
    ...row,
    ...(row.street_code === scriptCode.slice(0, 6) && { street_name: scriptStreetName }),
    ...(row.community_code === scriptCode && { community_name: scriptName }),
  }));
  await seedDemo(store, {
    years: [2026],
    regionRows,
    yearOptions: {
      smallSampleShare: 0.35,
      smallSample: [3, 9],
      responsesPerCommunity: { median: 40, logSd: 0.3, min: 12, max: 60 },
    },
  });
  for (const code of ['D01S01C01', 'D01S01C02', 'D01S01C03', 'D01S01C04'])
    await setPaperHandedOut(
      store,
      { year: 2026, communityCode: code, paperHandedOut: 50 },
      systemActor,
    );
  await setCampaignState(store, 2026, 'closed');
  await scoreYear(store, 2026, { seed: 5 });
  return store;
}
