// Run as a child process (`node --import tsx seedDemoDb.ts DB YEARS [small]`): seeds the 示范市 demo
// into an empty database file for the given comma-separated years; `small` seeds a region of two
// districts with two streets each instead (fast enough for a test). A child, because a DuckDB file
// stays locked until the process that opened it ends.
import { generateRegion } from '@manyi/demo/demoRegion';
import { seedDemo } from '@manyi/demo/seedDemo';
import { openStore } from '@manyi/store/Store';

const [path, yearsText = '2026', size] = process.argv.slice(2) as [string, string?, string?];
const store = await openStore({ path });
const regionRows =
  size === 'small'
    ? generateRegion({ districts: 2, streetsPerDistrict: 2, communitiesPerStreet: [3, 4] })
    : undefined;
const seeded = await seedDemo(store, {
  years: yearsText.split(',').map(Number),
  ...(regionRows && { regionRows }),
});
console.log(JSON.stringify(seeded));
await store.close();
