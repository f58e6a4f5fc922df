// `npm run bench -- import [--rows 200000]`
//
// Issue 7's import figure: `--rows` paper questionnaires of the demo's resident instrument, written
// once as CSV and once as XLSX, each imported by `manyi import responses` (the real CLI, a child
// process) into its own fresh copy of a demo store (示范市, 2026 open). Prints rows/s, wall time
// and peak RSS per format, and checks that every row was stored once: exit 1 otherwise.
import { copyFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '@manyi/demo/seedDemo';
import { openStore } from '@manyi/store/Store';
import { writeTableFile } from '@manyi/store/tableFile';
import { runBench } from './common/runBench.ts';
import { since } from './common/since.ts';
import { wholeNumberOption } from './common/wholeNumberOption.ts';
import { paperTable } from './import/paperTable.ts';
import { printTable } from './ingest/printTable.ts';
import { measuredRun, type MeasuredRun } from './scoring/measuredRun.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
const rows = wholeNumberOption('rows', values.rows);
const year = 2026;
const repoRoot = new URL('../', import.meta.url).pathname;

// Bounded whatever happens: ~2 ms per row and format (4× what this machine takes under load).
const limitSeconds = Math.round(120 + 0.002 * 2 * rows);
await runBench('import', limitSeconds, main);

/** Writes the files, imports each into a fresh demo store; false if a count is wrong. */
async function main(dir: string): Promise<boolean> {
  console.log(
    `import: ${rows} paper responses, CSV and XLSX; Node ${process.version}, ${cpus().length} cores, ` +
      `load ${loadavg()[0]!.toFixed(1)}`,
  );
  let started = performance.now();
  const demo = join(dir, 'demo.duckdb');
  const store = await openStore({ path: demo });
  const seeded = await seedDemo(store, { years: [year] });
  await store.close();
  const { table, options } = await paperTable(year, rows);
  const files = { csv: join(dir, 'paper.csv'), xlsx: join(dir, 'paper.xlsx') };
  for (const path of Object.values(files)) await writeTableFile(path, table, options);
  console.log(
    `a demo store (${seeded.years[0]!.responses} responses of ${year}) and the files written in ` +
      `${since(started)} s: CSV ${megabytes(statSync(files.csv).size)}, ` +
      `XLSX ${megabytes(statSync(files.xlsx).size)}\n`,
  );

  const results: { format: string; run: MeasuredRun; stored: number }[] = [];
  for (const [format, file] of Object.entries(files)) {
    const db = join(dir, `${format}.duckdb`);
    copyFileSync(demo, db);
    started = performance.now();
    const run = await measuredRun(
      process.execPath,
      ['apps/cli/bin/manyi.js', 'import', 'responses', file, '--year', String(year)].concat([
        '--instrument',
        'resident',
        '--db',
        db,
      ]),
      { cwd: repoRoot, env: { ...process.env, TZ: 'Asia/Shanghai' }, limitSeconds },
    );
    if (run.status !== 0)
      console.log(`${format}: manyi import FAILED (exit ${run.status})\n${run.stderr}`);
    results.push({ format, run, stored: await storedPaper(db) });
  }

  printTable([
    ['format', 'rows/s', 'wall s', 'peak RSS', 'stored'],
    ...results.map(({ format, run, stored }) => [
      format,
      (rows / run.seconds).toFixed(0),
      run.seconds.toFixed(1),
      `${(run.peakRss / 1024 ** 3).toFixed(2)} GB`,
      `${stored} of ${rows}`,
    ]),
  ]);
  const ok = results.every((r) => r.run.status === 0 && r.stored === rows);
  console.log(
    ok
      ? `every row stored once, in each format (load ${loadavg()[0]!.toFixed(1)})`
      : 'MISMATCH: rows missing or doubled',
  );
  return ok;
}

/** How many paper responses the file holds, each with its answers. */
async function storedPaper(path: string): Promise<number> {
  const store = await openStore({ path });
  try {
    const [{ responses, answered }] = (await store.query<{ responses: bigint; answered: bigint }>(
      `SELECT count(*) AS responses,
              count(*) FILTER (WHERE id IN (SELECT response_id FROM answers WHERE year = ?)) AS answered
       FROM responses WHERE year = ? AND source = 'paper' AND client_id LIKE 'paper-%'`,
      [year, year],
    )) as [{ responses: bigint; answered: bigint }];
    return responses === answered ? Number(responses) : -1;
  } finally {
    await store.close();
  }
}

/** Bytes as MB, one decimal. */
function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
