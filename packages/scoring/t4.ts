import { openStore } from '@manyi/store/Store';
import { generateRegion } from '@manyi/demo/demoRegion';
import { generateYear } from '@manyi/demo/generateResponses';
import { loadInstruments } from '@manyi/demo/demoInstruments';
import { compileInstrument } from '@manyi/domain/answers';
import { unitsFromRegionRows, type RegionRow } from '@manyi/domain/region';
import { replaceRegions } from '@manyi/store/regions';
import { saveCampaign, saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import { scoreYear } from './src/scoreYear.ts';
import { competitionRanks } from './src/competitionRanks.ts';

const R = Number(process.argv[2] ?? 200);
const median = Number(process.argv[3] ?? 85);
let t = performance.now();
const instruments = loadInstruments();
const compiled = Object.fromEntries(Object.entries(instruments).map(([k, v]) => [k, compileInstrument(v)]));
const rows: RegionRow[] = [];
const responses: any[] = [];
const truths: any[] = [];
for (let r = 0; r < R; r++) {
  const p = `R${r}`;
  const region = generateRegion({ seed: r + 1, districts: 1, streetsPerDistrict: 2, communitiesPerStreet: [4, 6], districtNames: [], uniqueNamesAcross: 'district' })
    .map((row) => ({ ...row, district_code: p + row.district_code, street_code: p + row.street_code, community_code: p + row.community_code, grid_code: p + row.grid_code }));
  rows.push(...region);
  const { responses: rs, truth } = generateYear({ seed: r, year: 2026, regionRows: region, instruments, options: { speederRate: 0, straightLinerRate: 0, satisfiedRateTruth: false, responsesPerCommunity: { median, logSd: 0.35, min: 30, max: 160 } } });
  for (const x of rs) responses.push({ ...x, long: compiled[x.instrument]!.extract(x.answers) });
  truths.push(truth);
}
console.log('generate', Math.round(performance.now() - t), responses.length);
t = performance.now();
const store = await openStore({ path: ':memory:' });
await replaceRegions(store, unitsFromRegionRows(rows));
await saveCampaign(store, { year: 2026, title: 't', opensAt: null, closesAt: null, state: 'draft' });
for (const i of Object.values(instruments)) await saveInstrument(store, 2026, i);
await setCampaignState(store, 2026, 'open');
await store.responses.appendAll(responses);
console.log('store', Math.round(performance.now() - t));
t = performance.now();
const { results } = await scoreYear(store, 2026, { seed: 1 });
console.log('score', Math.round(performance.now() - t));
const byCode = new Map(results.map((r) => [r.code, r]));
let cover = 0, total = 0, rankCover = 0, rankTotal = 0, rankCover2 = 0, residentRankCover=0;
for (const truth of truths) {
  for (const c of truth.communities) {
    const r = byCode.get(c.code)!;
    if (r.resident.low === null) continue;
    total++;
    if (c.residentScore >= r.resident.low && c.residentScore <= r.resident.high!) cover++;
  }
  const ranked = truth.communities.filter((c: any) => byCode.get(c.code)!.rankInDistrict);
  const trueComposite = ranked.map((c: any) => 0.7 * c.residentScore + 0.3 * byCode.get(c.code)!.streetRating!.score);
  const trueComposite2 = ranked.map((c: any) => 0.7 * c.residentScore + 0.3 * c.streetRatingScore);
  const ranks = competitionRanks(trueComposite), ranks2 = competitionRanks(trueComposite2);
  ranked.forEach((c: any, i: number) => {
    const rk = byCode.get(c.code)!.rankInDistrict!;
    rankTotal++;
    if (ranks[i]! >= rk.low && ranks[i]! <= rk.high) rankCover++;
    if (ranks2[i]! >= rk.low && ranks2[i]! <= rk.high) rankCover2++;
  });
}
console.log('coverage', cover / total, total, 'rank (observed street rating)', rankCover / rankTotal, 'rank (true street rating)', rankCover2 / rankTotal, rankTotal);
await store.close();
