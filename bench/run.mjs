// `npm run bench -- NAME [options]`: runs bench/NAME.ts in its own Node process (TypeScript through
// tsx), in the time zone the tests pin. Without a known NAME it lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((file) => /^[a-z][A-Za-z]*\.ts$/.test(file))
  .map((file) => file.slice(0, -'.ts'.length));
const [name, ...args] = process.argv.slice(2);

if (!name || !existsSync(join(here, `${name}.ts`))) {
  if (name) console.error(`unknown benchmark: ${name}`);
  console.error(`usage: npm run bench -- NAME [options]\nbenchmarks: ${benches.join(', ')}`);
  process.exit(name ? 1 : 0);
}

const { status, signal } = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(here, `${name}.ts`), ...args],
  { stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Shanghai' } },
);
process.exit(status ?? (signal ? 1 : 0));
