import { openStore } from '@manyi/store/Store';
import { estimateResidentScores } from '@manyi/scoring/residentEstimates';
import { residentSample } from '@manyi/scoring/residentSample';
import { responseScoringOf } from '@manyi/scoring/responseScoring';
import { instrumentSchema } from '@manyi/domain/instrument';
import { readFileSync } from 'node:fs';
const store = await openStore({ path: process.argv[2] });
const [row] = await store.query<{ definition: string }>("SELECT definition FROM instruments WHERE year = 2026 AND name = 'resident'");
const scoring = responseScoringOf(instrumentSchema.parse(JSON.parse(row!.definition)));
for (let i = 0; i < 3; i++) { const s = performance.now(); const r = await estimateResidentScores(store, residentSample(2026, scoring)); console.log(((performance.now() - s) / 1000).toFixed(2), r.length); }
console.log('hwm MB', Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024);
await store.close();
