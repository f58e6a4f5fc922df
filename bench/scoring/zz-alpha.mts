import { openStore } from '@manyi/store/Store';
import { cronbachAlpha } from '@manyi/scoring/cronbachAlpha';
import { responseScoringOf } from '@manyi/scoring/responseScoring';
import { instrumentSchema } from '@manyi/domain/instrument';
const store = await openStore({ path: process.argv[2] }); if (process.argv[3]) await store.query("SET memory_limit = '" + process.argv[3] + "'");
const [row] = await store.query<{ definition: string }>("SELECT definition FROM instruments WHERE year = 2026 AND name = 'resident'");
const scoring = responseScoringOf(instrumentSchema.parse(JSON.parse(row!.definition)));
for (let i = 0; i < 3; i++) { const s = performance.now(); const r = await cronbachAlpha(store, 2026, scoring); console.log(((performance.now() - s) / 1000).toFixed(2), i === 0 ? JSON.stringify(r) : ''); }
const hwm = /VmHWM:\s+(\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))![1];
console.log('hwm MB', Number(hwm) / 1024);
await store.close();
