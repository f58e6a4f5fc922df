import type { Phase } from './phase.ts';
import { printTable } from './printTable.ts';
import type { Target } from './targets.ts';

/** Issue 7's goal: durable submissions at ≥ 0.6 of the ping's rate. */
export const goal = 0.6;

/** One line per phase, as it ends. */
export function printPhase(p: Phase): void {
  const { figures } = p;
  const main = p.mainThreadPerRequest;
  const cells = [
    p.label.padEnd(8),
    p.request.target.padEnd(8),
    `${p.reqPerSec.toFixed(0).padStart(6)} req/s`,
    `p50 ${figures.latencyP50.toFixed(1).padStart(5)} ms`,
    `p99 ${figures.latencyP99.toFixed(1).padStart(6)} ms`,
    `non-2xx ${figures.non2xx}`,
    `errors ${figures.errors + figures.timeouts}`,
    `server CPU ${µs(p.cpuPerRequest).padStart(4)} µs/req` +
      (main === undefined ? '' : ` (main thread ${µs(main).padStart(4)})`),
  ];
  if (p.request.target === 'post')
    cells.push(
      `${p.commits} commits, mean batch ${meanBatch(p.submissions, p.commits)}, ` +
        `largest ${p.largestBatch}, writer busy ${(p.writerBusy * 100).toFixed(0)}%` +
        (p.rewrites ? `, ${p.rewrites} batches rewritten` : ''),
    );
  console.log(cells.join('  '));
}

/**
 * The side-by-side figures over the measured rounds: each target's rate, latencies and CPU, and
 * the ratios between them; the is durable POST / ping.
 */
export function summarize(measured: readonly Phase[]): void {
  const of = (target: Target) => measured.filter((p) => p.request.target === target);
  const [ping, post, unstored, bare] = [of('ping'), of('post'), of('unstored'), of('bare')];
  const row = (name: string, list: Phase[]) => [
    name,
    rate(list).toFixed(0),
    median(list.map((p) => p.figures.latencyP50)).toFixed(1),
    median(list.map((p) => p.figures.latencyP99)).toFixed(1),
    String(list.reduce((n, p) => n + p.figures.non2xx, 0)),
    µs(median(list.map((p) => p.cpuPerRequest))),
  ];
  console.log('\nside by side over the measured rounds (latencies and CPU: median of rounds):');
  printTable([
    ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'server CPU µs/req'],
    row('GET /ping', ping),
    row('POST /api/v1/responses, durable', post),
    row('the same POST, checked, not stored', unstored),
    row('the same body to a bare POST handler', bare),
  ]);
  const ratio = (a: Phase[], b: Phase[]) =>
    `${(rate(a) / rate(b)).toFixed(3)} (rounds: ${a.map((p, i) => (p.reqPerSec / b[i]!.reqPerSec).toFixed(2)).join(', ')})`;
  const goalRatio = rate(post) / rate(ping);
  console.log(
    `durable POST / ping: ${ratio(post, ping)}; goal ≥ ${goal}: ${goalRatio >= goal ? 'met' : 'not met'}\n` +
      `POST not stored / ping: ${ratio(unstored, ping)} (HTTP, JSON and checks alone)\n` +
      `durable POST / POST not stored: ${ratio(post, unstored)} (what storing costs)\n` +
      `bare POST / ping: ${ratio(bare, ping)} (reading and parsing the body alone: ` +
      `no POST of it goes faster)`,
  );
  const commits = post.reduce((n, p) => n + p.commits, 0);
  const submissions = post.reduce((n, p) => n + p.submissions, 0);
  console.log(
    `group commit: ${commits} commits for ${submissions} submissions, mean batch ` +
      `${meanBatch(submissions, commits)}, largest ${Math.max(...post.map((p) => p.largestBatch))}`,
  );
}

/** 2xx responses per second over phases. */
function rate(list: readonly Phase[]): number {
  return (
    list.reduce((n, p) => n + p.figures.ok, 0) / list.reduce((s, p) => s + p.figures.seconds, 0)
  );
}

/** The middle value (the lower one of an even count). */
function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
}

/** Submissions per commit, one decimal. */
function meanBatch(submissions: number, commits: number): string {
  return (submissions / Math.max(1, commits)).toFixed(1);
}

/** Milliseconds as whole microseconds. */
function µs(ms: number): string {
  return (ms * 1000).toFixed(0);
}
