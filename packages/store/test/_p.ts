import { readTable, tableBytes } from '../src/tableFile.ts';
import { regionTable } from './importFixture.ts';
const good = await tableBytes(regionTable(), 'xlsx');
console.log('len', good.length);
for (const cut of [0, 1, 10, 100, 500, 1000, 2000, 3000, 4000, 5000, 6000, good.length - 100, good.length - 1]) {
  const r = await Promise.race([readTable(good.subarray(0, cut), 'xlsx').then(() => 'ok', (e) => e.constructor.name + ' ' + String(e.message).slice(0, 80)), new Promise((res) => setTimeout(() => res('HANG'), 3000))]);
  console.log(cut, r);
}
const r2 = await Promise.race([readTable(new Uint8Array([1,2,3]), 'csv').then(() => 'ok', (e) => e.constructor.name), new Promise((res) => setTimeout(() => res('HANG'), 3000))]);
console.log('csv', r2);
process.exit(0);
