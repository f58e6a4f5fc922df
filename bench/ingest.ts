// `npm run bench -- ingest [--rounds 3] [--seconds 10] [--warmup 3] [--connections 50]
//   [--postgres] [--commit-delay MS] [--max-batch N] [--checkpoint-threshold SIZE] [--profile FILE]`
//
// Durable `POST /api/v1/responses` (a 201 only after its commit) against a bare `GET /ping` on
// the same server process, side by side, with two more targets between them: the same POST checked
// and answered but not stored, and its body posted to a handler that only reads and parses it
// (the ceiling of any POST of that body). autocannon runs in a child process and alternates the
// targets round by round, each POST a new submission of the demo's answers. Issue 7's goal: durable POST at
// ≥ 0.6 of the ping's req/s. Then a short phase where every other POST retries a stored
// submission, and a check that every 201 has its stored row and nothing was stored twice.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '@manyi/demo/seedDemo';
import { openStore } from '@manyi/store/Store';
import { runBench } from './common/runBench.ts';
import { since } from './common/since.ts';
import { wholeNumberOption } from './common/wholeNumberOption.ts';
import { startTestCluster } from '@manyi/store/postgres/testCluster';
import { startBenchServer } from './ingest/benchServer.ts';
import type { PhaseRequest } from './ingest/loadGenerator.ts';
import type { Target } from './ingest/targets.ts';
import { runPhase, type Phase } from './ingest/phase.ts';
import { printPhase, summarize } from './ingest/report.ts';
import { bodyHead, submissionTails } from './ingest/submissionBodies.ts';
import { verifyAcknowledged } from './ingest/verify.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'commit-delay': { type: 'string' },
    'max-batch': { type: 'string' },
    'checkpoint-threshold': { type: 'string' },
    profile: { type: 'string' },
    postgres: { type: 'boolean', default: false },
  },
});
const rounds = count('rounds');
const seconds = count('seconds');
const warmup = count('warmup');
const connections = count('connections');
const checkpointThreshold = values['checkpoint-threshold'];
if (checkpointThreshold && !/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(checkpointThreshold))
  throw new Error(`--checkpoint-threshold takes a size such as 256MB, not ${checkpointThreshold}`);

// Bounded whatever happens: the load itself plus a margin for seeding and checking.
const limitSeconds = 5 * warmup + 4 * rounds * seconds + 180;
await runBench('ingest', limitSeconds, main);

/** Seeds, serves, loads, reports; false if an acknowledged answer is missing or doubled. */
async function main(dir: string): Promise<boolean> {
  console.log(
    `ingest: ${rounds} rounds × ${seconds} s per target (ping, durable POST, POST not stored, ` +
      `bare POST) ` +
      `after ${warmup} s warm-up each, ` +
      `${connections} connections, Node ${process.version}, ${cpus().length} cores`,
  );
  // --postgres: the same, on a PostgreSQL server started for the run (Debian's, fsync on)
  const cluster = values.postgres ? await startTestCluster() : null;
  const store = await openStore({
    path: cluster ? await cluster.createDatabase() : join(dir, 'ingest.duckdb'),
    ...(values['commit-delay'] && { commitDelayMs: Number(values['commit-delay']) }),
    ...(values['max-batch'] && { maxBatch: Number(values['max-batch']) }),
  });
  // An experiment, not the store's setting: DuckDB's default is 16 MiB of WAL. SET takes no
  // bound parameter; the size was checked above.
  if (checkpointThreshold) await store.query(`SET checkpoint_threshold = '${checkpointThreshold}'`);
  let started = performance.now();
  const seeded = await seedDemo(store);
  const year = seeded.years.at(-1)!.year;
  const [{ threshold }] = await store.query<{ threshold: string }>(
    "SELECT current_setting('checkpoint_threshold') AS threshold",
  );
  console.log(
    `seeded the demo (${seeded.communities} communities, ` +
      `${seeded.years.reduce((n, y) => n + y.responses, 0)} responses) in ${since(started)} s; ` +
      `group commit: ${store.responses.commitDelayMs} ms delay, batches up to ` +
      `${store.responses.maxBatch}; DuckDB checkpoint threshold ${threshold}`,
  );
  started = performance.now();
  const tails = submissionTails(year);
  const bodies = join(dir, 'bodies.json');
  writeFileSync(bodies, JSON.stringify({ head: bodyHead, tails }));
  console.log(
    `${tails.length} distinct answer sets of ${year} to post, each with a fresh submission id ` +
      `(${since(started)} s)\n`,
  );

  const server = await startBenchServer(store);
  const loader = fork(new URL('./ingest/loadGenerator.ts', import.meta.url), [bodies], {
    execArgv: ['--import', 'tsx'],
  });
  await once(loader, 'message');
  const prefix = `bench-${Date.now().toString(36)}-`;
  const phase = (
    label: string,
    target: Target,
    length: number,
    n: number,
  ): { label: string; request: PhaseRequest } => ({
    label,
    request: { url: server.url, target, seconds: length, connections, idPrefix: `${prefix}${n}-` },
  });
  // Each round takes the targets in another order, so that no target always follows another.
  const targets: Target[] = ['ping', 'post', 'unstored', 'bare'];
  const plan = targets.map((target, i) => phase('warm-up', target, warmup, i));
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < targets.length; i++)
      plan.push(phase(`round ${r + 1}`, targets[(r + i) % targets.length]!, seconds, plan.length));

  const profiler = values.profile ? new Session() : undefined;
  profiler?.connect();
  await profiler?.post('Profiler.enable');
  const phases: Phase[] = [];
  for (const { label, request } of plan) {
    const profiled = profiler && label === 'round 1' && request.target === 'post';
    if (profiled) await profiler.post('Profiler.start');
    phases.push(await runPhase(store, loader, label, request));
    if (profiled) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(values.profile!, JSON.stringify(profile));
    }
    printPhase(phases.at(-1)!);
  }
  const measured = phases.filter((p) => p.label.startsWith('round'));
  summarize(measured);
  if (values.profile) console.log(`CPU profile of round 1's POST phase: ${values.profile}`);

  // Retries under load: every other POST repeats a submission the first measured round stored.
  const first = measured.find((p) => p.request.target === 'post')!;
  const retries = phase('retries', 'post', warmup, plan.length).request;
  retries.replayOf = { idPrefix: first.request.idPrefix, count: first.figures.ok };
  phases.push(await runPhase(store, loader, 'retries', retries));
  console.log();
  printPhase(phases.at(-1)!);

  loader.disconnect();
  await server.close();
  try {
    return await verifyAcknowledged(store, phases, server.acknowledged, prefix);
  } finally {
    await cluster?.stop();
  }
}

/** A whole number ≥ 1 given for an option. */
function count(option: 'rounds' | 'seconds' | 'warmup' | 'connections'): number {
  return wholeNumberOption(option, values[option]);
}
