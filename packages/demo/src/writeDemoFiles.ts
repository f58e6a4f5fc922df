/**
 * Writes the demo's committed data files from their generators:
 *
 *   npx tsx packages/demo/src/writeDemoFiles.ts
 *
 * Run it after changing `demoRegionOptions` or the name pools; the demo's tests fail until the
 * committed files match the generators again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateRegion } from './demoRegion.ts';
import { demoRegionsCsvPath, formatRegionsCsv } from './regionsCsv.ts';

const rows = generateRegion();
mkdirSync(dirname(demoRegionsCsvPath), { recursive: true });
writeFileSync(demoRegionsCsvPath, formatRegionsCsv(rows));
const communities = new Set(rows.map((r) => r.community_code)).size;
const streets = new Set(rows.map((r) => r.street_code)).size;
console.log(
  `${demoRegionsCsvPath}: ${streets} streets, ${communities} communities, ${rows.length} grids`,
);
