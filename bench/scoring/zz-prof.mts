import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import { openStore } from '@manyi/store/Store';
import { scoreYear } from '@manyi/scoring/scoreYear';
const store = await openStore({ path: process.argv[2] });
let last = performance.now(); let name = 'start';
const rss = () => (process.memoryUsage().rss / 1e6).toFixed(0) + ' hwm ' + (Number(/VmHWM:\s+(\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))![1]) / 1024).toFixed(0);
await scoreYear(store, 2026, { onStep: (s) => { const now = performance.now(); console.log(name, ((now - last) / 1000).toFixed(2), 's rss', rss()); last = now; name = s; } });
console.log(name, ((performance.now() - last) / 1000).toFixed(2), 's rss', rss());
await store.close();
