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

const R = Number(process.argv[2] ?? 100);
const opts = JSON.parse(process.argv[3] ?? '{}');
const regionOpts = JSON.parse(process.argv[4] ?? '{}');
const instruments = loadInstruments();
const compiled = Object.fromEntries(Object.entries(instruments).map(([k, v]) => [k, compileInstrument(v)]));
const rows: RegionRow[] = [];
const responses: any[] = [];
const truths: any[] = [];
for (let r = 0; r < R; r++) {
  const p = `R${r}`;
  const region = generateRegion({ seed: r + 1, districts: 1, streetsPerDistrict: 1, communitiesPerStreet: [4, 6], districtNames: [], uniqueNamesAcross: 'district', ...regionOpts })
    .map((row) => ({ ...row, district_code: p + row.district_code, street_code: p + row.street_code, community_code: p + row.community_code, grid_code: p + row.grid_code }));
  rows.push(...region);
  const { responses: rs, truth } = generateYear({ seed: r, year: 2026, regionRows: region, instruments, options: { speederRate: 0, straightLinerRate: 0, satisfiedRateTruth: false, twoWay: false, ...opts } });
  for (const x of rs) responses.push({ ...x, long: compiled[x.instrument]!.extract(x.answers) });
  truths.push(truth);
}
const store = await openStore({ path: ':memory:' });
await replaceRegions(store, unitsFromRegionRows(rows));
await saveCampaign(store, { year: 2026, title: 't', opensAt: null, closesAt: null, state: 'draft' });
for (const i of Object.values(instruments)) await saveInstrument(store, 2026, i);
await setCampaignState(store, 2026, 'open');
await store.responses.appendAll(responses);
const est = await estimateResidentScores(store, residentRespondentScores(2026, responseScoringOf(instruments.resident)));
const byCode = new Map(est.filter(e => e.measure === 'overall').map((e) => [e.community, e]));
const minGrid = new Map((await store.query<{ c: string; m: bigint }>(`SELECT c, min(k) AS m FROM (SELECT subject_code c, grid_code, count(*) k FROM responses WHERE instrument='resident' GROUP BY ALL) GROUP BY c`)).map((r) => [r.c, Number(r.m)]));
const byMin = new Map<string, number[]>();
const zs: number[] = [];
const dimz: number[] = [];
const diffs: number[] = [];
const big: number[] = [];
for (const truth of truths) for (const c of truth.communities) {
  const e = byCode.get(c.code)!;
  zs.push((e.score! - c.residentScore) / e.se!);
  const m = minGrid.get(c.code)!; const key = m <= 1 ? '1' : m <= 3 ? '2-3' : m <= 6 ? '4-6' : '7+';
  byMin.set(key, [...(byMin.get(key) ?? []), (e.score! - c.residentScore) / e.se!]);
  if (e.n >= 30) big.push((e.score! - c.residentScore) / e.se!);
  diffs.push(byCode.get(c.code)!.score! - c.residentScore);
  for (const [d, s] of Object.entries(c.dimensionScores)) {
    const de = est.find(x => x.measure === d && x.community === c.code)!;
    dimz.push((de.score! - (s as number)) / de.se!);
  }
}
const stats = (z: number[]) => { const m = z.reduce((a, b) => a + b, 0) / z.length; const v = z.reduce((a, b) => a + (b - m) ** 2, 0) / (z.length - 1); return { n: z.length, mean: m.toFixed(3), var: v.toFixed(3), cover: (z.filter(x => Math.abs(x) <= 1.96).length / z.length).toFixed(3) }; };
console.log("overall", stats(zs), "dims", stats(dimz), "n>=30", stats(big), "bias", diffs.reduce((a,b)=>a+b,0)/diffs.length);
for (const [k, v] of [...byMin].sort()) console.log('min grid n', k, stats(v));
await store.close();
