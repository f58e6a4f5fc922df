import { openStore } from '@manyi/store/Store';
import { generateRegion } from '@manyi/demo/demoRegion';
import { generateYear } from '@manyi/demo/generateResponses';
import { loadInstruments } from '@manyi/demo/demoInstruments';
import { compileInstrument } from '@manyi/domain/answers';
import { unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import { replaceRegions } from '@manyi/store/regions';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { estimateResidentScores } from './src/residentEstimates.ts';
import { residentRespondentScores } from './src/residentRespondentScores.ts';
import { responseScoringOf } from './src/responseScoring.ts';
import { cronbachAlpha } from './src/cronbachAlpha.ts';
import { streetRatingsOfCommunities, communityRatingsOfStreets } from './src/twoWayRatings.ts';
import { campaignUnits } from './src/campaignUnits.ts';
import { scoreYear } from './src/scoreYear.ts';

const R = Number(process.argv[2] ?? 200);
const instruments = loadInstruments();
const compiled = Object.fromEntries(Object.entries(instruments).map(([k, v]) => [k, compileInstrument(v)]));
const rows: RegionRow[] = [];
const responses: any[] = [];
for (let r = 0; r < R; r++) {
  const p = `R${r}`;
  const region = generateRegion({ seed: r + 1, districts: 1, streetsPerDistrict: 2, communitiesPerStreet: [4, 6], districtNames: [], uniqueNamesAcross: 'district' })
    .map((row) => ({ ...row, district_code: p + row.district_code, street_code: p + row.street_code, community_code: p + row.community_code, grid_code: p + row.grid_code }));
  rows.push(...region);
  const { responses: rs } = generateYear({ seed: r, year: 2026, regionRows: region, instruments, options: { speederRate: 0, straightLinerRate: 0, satisfiedRateTruth: false } });
  for (const x of rs) responses.push({ ...x, long: compiled[x.instrument]!.extract(x.answers) });
}
const store = await openStore({ path: ':memory:' });
await replaceRegions(store, unitsFromRegionRows(rows));
await saveCampaign(store, { year: 2026, title: 't', opensAt: null, closesAt: null, state: 'draft' });
for (const i of Object.values(instruments)) await saveInstrument(store, 2026, i);
await setCampaignState(store, 2026, 'open');
await store.responses.appendAll(responses);
const time = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(label, Math.round(performance.now() - t)); };
await time('units', () => campaignUnits(store, 2026));
await time('estimates', () => estimateResidentScores(store, residentRespondentScores(2026, responseScoringOf(instruments.resident))));
await time('estimates again', () => estimateResidentScores(store, residentRespondentScores(2026, responseScoringOf(instruments.resident))));
await time('street ratings', () => streetRatingsOfCommunities(store, 2026, responseScoringOf(instruments.street_to_community)));
await time('community ratings', () => communityRatingsOfStreets(store, 2026, responseScoringOf(instruments.community_to_street)));
await time('alpha', () => cronbachAlpha(store, 2026, responseScoringOf(instruments.resident)));
await time('scoreYear', () => scoreYear(store, 2026));
await store.close();
