// `npm run bench -- ingest [--rounds 3] [--seconds 10] [--warmup 3] [--connections 50]
//   [--commit-delay 5] [--max-batch 500] [--profile FILE.cpuprofile]`
//
// Durable `POST /api/v1/responses` (201 only after its commit) against a bare `GET /ping` on the
// same server process, side by side: autocannon runs in a child process and alternates the two
// targets round by round, each POST a new submission of the demo's answers. Issue 7's goal: POST
// reaches ≥ 0.6 of the ping's req/s. Ends by checking that every 201 sent has its stored row.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { seedDemo } from '@manyi/demo/seedDemo';
import { openStore, type Store } from '@manyi/store/Store';
import { startBenchServer } from './ingest/benchServer.ts';
import type { PhaseFigures, PhaseRequest } from './ingest/loadGenerator.ts';
import { bodyHead, submissionTails } from './ingest/submissionBodies.ts';
import { printTable } from './ingest/printTable.ts';
import { cpuTime } from './ingest/threadCpu.ts';

const goal = 0.6;
const profiles: object[] = [];
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'commit-delay': { type: 'string' },
    'max-batch': { type: 'string' },
    profile: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const writerOptions = {
  ...(values['commit-delay'] && { commitDelayMs: Number(values['commit-delay']) }),
  ...(values['max-batch'] && { maxBatch: Number(values['max-batch']) }),
};

/** One phase's figures as the bench prints them. */
interface Phase {
  label: string;
  target: PhaseRequest['target'];
  figures: PhaseFigures;
  reqPerSec: number;
  commits: number;
  submissions: number;
  largestBatch: number;
  commitMs: number;
  serverCpuMsPerReq: number;
  mainThreadMsPerReq: number | undefined;
  eventLoopUse: number;
}

// Bounded whatever happens: the load itself plus a margin for seeding and checking.
const limitSeconds = 2 * warmup + 2 * rounds * seconds + 180;
setTimeout(() => {
  console.error(`ingest: still running after ${limitSeconds} s, stopping`);
  process.exit(2);
}, limitSeconds * 1000).unref();

const dir = mkdtempSync(join(tmpdir(), 'manyi-bench-ingest-'));
try {
  process.exitCode = await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  console.log(
    `ingest: ${rounds} rounds × ${seconds} s per target after ${warmup} s warm-up each, ` +
      `${connections} connections, Node ${process.version}, ${cpus().length} cores`,
  );
  const store = await openStore({ path: join(dir, 'ingest.duckdb'), ...writerOptions });
  if (process.env.CKPT) await store.query(`SET checkpoint_threshold = '${process.env.CKPT}'`);
  console.log(
    await store.query(
      "SELECT current_setting('checkpoint_threshold') AS c, current_setting('threads') AS t",
    ),
  );
  let started = performance.now();
  const seeded = await seedDemo(store);
  const year = seeded.years.at(-1)!.year;
  const stored = seeded.years.reduce((n, y) => n + y.responses, 0);
  console.log(
    `seeded the demo (${seeded.communities} communities, ${stored} responses) in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; group commit: ` +
      `${store.responses.commitDelayMs} ms delay, batches up to ${store.responses.maxBatch}`,
  );
  started = performance.now();
  const tails = submissionTails(year);
  const bodies = join(dir, 'bodies.json');
  writeFileSync(bodies, JSON.stringify({ head: bodyHead, tails }));
  console.log(
    `${tails.length} distinct answer sets of ${year} to post, each with a fresh submission id ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );

  const server = await startBenchServer(store);
  const loader = fork(new URL('./ingest/loadGenerator.ts', import.meta.url), [bodies], {
    execArgv: ['--import', 'tsx'],
  });
  await once(loader, 'message');
  const idPrefix = `bench-${Date.now().toString(36)}-`;
  const plan: [string, PhaseRequest['target'], number][] = [
    ['warm-up', 'ping', warmup],
    ['warm-up', 'post', warmup],
  ];
  for (let r = 1; r <= rounds; r++) {
    const order: PhaseRequest['target'][] = r % 2 ? ['ping', 'post'] : ['post', 'ping'];
    for (const target of order) plan.push([`round ${r}`, target, seconds]);
  }

  const phases: Phase[] = [];
  const profiler = values.profile ? new Session() : undefined;
  profiler?.connect();
  await profiler?.post('Profiler.enable');
  for (const [i, [label, target, length]] of plan.entries()) {
    const request = {
      url: server.url,
      target,
      seconds: length,
      connections,
      idPrefix: `${idPrefix}${i}-`,
    };
    const profiled = profiler && label !== 'warm-up' && target === 'post' && !profiles.length;
    if (profiled) await profiler.post('Profiler.start');
    phases.push(await runPhase(store, loader, label, request));
    if (profiled) profiles.push((await profiler.post('Profiler.stop')).profile);
    printPhase(phases.at(-1)!);
  }
  if (values.profile && profiles.length) {
    writeFileSync(values.profile, JSON.stringify(profiles[0]));
    console.log(`CPU profile of the first measured POST phase: ${values.profile}`);
  }
  loader.disconnect();
  await server.close();
  await store.responses.drain();

  const measured = phases.filter((p) => p.label !== 'warm-up');
  summarize(measured);
  const ok = await verify(store, phases, server.acknowledged);
  await store.close();
  return ok ? 0 : 1;
}

/** Runs one phase in the load generator and reads the server's side of it. */
async function runPhase(
  store: Store,
  loader: ChildProcess,
  label: string,
  request: PhaseRequest,
): Promise<Phase> {
  await store.responses.drain();
  const stats = store.responses.stats;
  const before = { ...stats };
  stats.largestBatch = 0; // the largest batch of this phase
  const cpu = cpuTime();
  const loop = performance.eventLoopUtilization();
  loader.send(request);
  const [figures] = (await once(loader, 'message')) as [PhaseFigures];
  const eventLoopUse = performance.eventLoopUtilization(loop).utilization;
  const used = cpuTime();
  const requests = Math.max(1, figures.ok + figures.non2xx);
  await store.responses.drain();
  {
    const T = (globalThis as any).__T;
    if (T) {
      console.log(
        Object.entries(T)
          .filter(([k]) => !['s', 'start', 'n'].includes(k))
          .map(([k, v]) => `${k} ${((v as number) / T.n).toFixed(2)}`)
          .join('  '),
      );
      (globalThis as any).__T = {};
    }
  }
  return {
    label,
    target: request.target,
    figures,
    reqPerSec: figures.ok / figures.seconds,
    commits: stats.commits - before.commits,
    submissions: stats.submissions - before.submissions,
    largestBatch: stats.largestBatch,
    commitMs: stats.commitMs - before.commitMs,
    serverCpuMsPerReq: (used.total - cpu.total) / requests,
    mainThreadMsPerReq: used.main === undefined ? undefined : (used.main - cpu.main!) / requests,
    eventLoopUse,
  };
}

/** One line per phase, as it ends. */
function printPhase(p: Phase): void {
  const batches =
    p.target === 'post'
      ? `${p.commits} commits, mean batch ${(p.submissions / Math.max(1, p.commits)).toFixed(1)}, ` +
        `largest ${p.largestBatch}, writer busy ${((p.commitMs / 1000 / p.figures.seconds) * 100).toFixed(0)}%`
      : '';
  console.log(
    [
      p.label.padEnd(8),
      p.target.padEnd(4),
      `${p.reqPerSec.toFixed(0).padStart(6)} req/s`,
      `p50 ${p.figures.latencyP50.toFixed(1).padStart(5)} ms`,
      `p99 ${p.figures.latencyP99.toFixed(1).padStart(6)} ms`,
      `non-2xx ${p.figures.non2xx}`,
      `errors ${p.figures.errors + p.figures.timeouts}`,
      `server CPU ${(p.serverCpuMsPerReq * 1000).toFixed(0).padStart(4)} µs/req` +
        (p.mainThreadMsPerReq === undefined
          ? ''
          : ` (main thread ${(p.mainThreadMsPerReq * 1000).toFixed(0).padStart(4)})`),
      `event loop ${(p.eventLoopUse * 100).toFixed(0).padStart(3)}%`,
      batches,
    ]
      .join('  ')
      .trimEnd(),
  );
}

/** The side-by-side figures: per round and over all rounds. */
function summarize(measured: Phase[]): void {
  const ping = measured.filter((p) => p.target === 'ping');
  const post = measured.filter((p) => p.target === 'post');
  const ratios = post.map((p, i) => p.reqPerSec / ping[i]!.reqPerSec);
  const rate = (list: Phase[]) =>
    list.reduce((n, p) => n + p.figures.ok, 0) / list.reduce((s, p) => s + p.figures.seconds, 0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const ratio = rate(post) / rate(ping);
  const latency = (list: Phase[], key: 'latencyP50' | 'latencyP99') =>
    median(list.map((p) => p.figures[key])).toFixed(1);
  const commits = post.reduce((n, p) => n + p.commits, 0);
  const submissions = post.reduce((n, p) => n + p.submissions, 0);
  console.log('\nside by side, measured rounds only:');
  printTable(
    [
      ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'],
      [
        'GET /ping',
        rate(ping).toFixed(0),
        latency(ping, 'latencyP50'),
        latency(ping, 'latencyP99'),
        sum(ping, 'non2xx'),
      ],
      [
        'POST /responses',
        rate(post).toFixed(0),
        latency(post, 'latencyP50'),
        latency(post, 'latencyP99'),
        sum(post, 'non2xx'),
      ],
    ],
    '  ',
  );
  console.log(
    `ratio POST / ping: ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
      `goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'not met'}`,
  );
  console.log(
    `group commit: ${commits} commits for ${submissions} submissions, mean batch ` +
      `${(submissions / Math.max(1, commits)).toFixed(1)}, largest ${Math.max(...post.map((p) => p.largestBatch))}`,
  );
}

/** Every 201 the server sent for a new response has its stored row and answers; none doubled. */
async function verify(
  store: Store,
  phases: Phase[],
  acknowledged: { created: number; replayed: number },
): Promise<boolean> {
  const seen = phases.reduce(
    (n, p) => n + (p.target === 'post' ? (p.figures.statusCodes['201'] ?? 0) : 0),
    0,
  );
  const [row] = await store.query<{ stored: bigint; clients: bigint; unanswered: bigint }>(
    `WITH bench AS (SELECT id, client_id FROM responses WHERE starts_with(client_id, 'bench-'))
     SELECT count(*) AS stored, count(DISTINCT client_id) AS clients,
            count(*) FILTER (WHERE id NOT IN (SELECT response_id FROM answers)) AS unanswered
     FROM bench`,
  );
  const stored = Number(row!.stored);
  const unanswered = Number(row!.unanswered);
  const ok =
    stored === acknowledged.created &&
    Number(row!.clients) === stored &&
    unanswered === 0 &&
    seen <= acknowledged.created + acknowledged.replayed;
  console.log(
    `\nacknowledged: ${acknowledged.created} new responses got a 201 from the server ` +
      `(${acknowledged.replayed} replays; the load generator saw ${seen}, the rest were in flight ` +
      `when a phase stopped); stored: ${stored} rows, ${unanswered} without answers → ` +
      (ok ? 'no acknowledged answer lost, none doubled' : 'MISMATCH'),
  );
  return ok;
}

/** A count summed over phases. */
function sum(list: Phase[], key: 'non2xx'): string {
  return String(list.reduce((n, p) => n + p.figures[key], 0));
}
