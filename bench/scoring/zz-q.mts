import { openStore } from '@manyi/store/Store';
import { cronbachAlpha } from '@manyi/scoring/cronbachAlpha';
import { estimateResidentScores } from '@manyi/scoring/residentEstimates';
import { residentSample } from '@manyi/scoring/residentSample';
import { responseScoringOf } from '@manyi/scoring/responseScoring';
import { instrumentSchema } from '@manyi/domain/instrument';
const store = await openStore({ path: process.argv[2] });
const [row] = await store.query<{ definition: string }>("SELECT definition FROM instruments WHERE year = 2026 AND name = 'resident'");
const scoring = responseScoringOf(instrumentSchema.parse(JSON.parse(row!.definition)));
const rss = () => (process.memoryUsage().rss / 1e6).toFixed(0);
async function t(label: string, f: () => Promise<unknown>) { const s = performance.now(); const r = await f(); console.log(label, ((performance.now() - s) / 1000).toFixed(2), 's rss', rss()); return r; }
for (let i = 0; i < 2; i++) {
await t('valid count', () => store.query('SELECT count(*) FROM valid_responses'));
await t('alpha', () => cronbachAlpha(store, 2026, scoring));
await t('residents', () => estimateResidentScores(store, residentSample(2026, scoring)));
}
await store.close();
