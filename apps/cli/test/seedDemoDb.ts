// Run as a child process (`node --import tsx seedDemoDb.ts DB YEARS [small]`): seeds the 示范市 demo
// into an empty database file for the given comma-separated years; `small` seeds a region of two
// districts with two streets each instead (fast enough for a test), without planted speeders: the
// responses' wide format (PRODUCT.md) has no start time, so a file round trip could not find them
// again. A child process, as the CLI under test is one too.
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
  ...(regionRows && { regionRows, yearOptions: { speederRate: 0 } }),
});
console.log(JSON.stringify(seeded));
await store.close();
