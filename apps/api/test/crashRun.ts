// Crash runs against a real server process (serveForCrash.ts), shared by crashSafety.test.ts and
// bench/crash.ts: submissions in flight, SIGKILL at a seeded random moment, restart, and a check
// that every acknowledged answer is stored exactly once with its long answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@manyi/store/Store';

export interface CrashRunOptions {
  /** Seeds the kill moment and the payloads: the same seed, the same run. */
  seed: number;
  /** Submissions in flight at once. Default 20. */
  inFlight?: number;
  /** The kill comes between these many ms after the load starts. Default [300, 1500]. */
  killAfterMs?: [number, number];
}

/** What one crash run saw and checked. */
export interface CrashRunFigures {
  sent: number;
  acknowledged: number;
  /** Submissions that got no answer (in flight at the kill), retried after the restart. */
  retried: number;
  /** Responses checked in the database at the end (acknowledged and retried). */
  checked: number;
  killAfterMs: number;
}

/** A started server process, or the failure that stopped it starting. */
export type Started =
  | { url: string; proc: ChildProcess }
  | { failed: { code: number | null; signal: string | null; stderr: string } };

const script = fileURLToPath(new URL('./serveForCrash.ts', import.meta.url));

/**
 * One crash run on a fresh database: load, SIGKILL, restart, retry what got no answer, SIGKILL
 * again, then check the file. Throws on any lost, doubled or altered acknowledged answer.
 */
export async function crashRun(options: CrashRunOptions): Promise<CrashRunFigures> {
  const random = seededRandom(options.seed);
  const [from, to] = options.killAfterMs ?? [300, 1500];
  const killAfterMs = Math.round(from + random() * (to - from));
  const path = temporaryDatabase();
  const prefix = `crash${options.seed}x`;

  const first = await startServerProcess(path, { seed: true });
  if ('failed' in first) throw new Error(`server did not start: ${first.failed.stderr}`);
  const outcomes = await loadUntilKilled(
    first,
    prefix,
    random,
    options.inFlight ?? 20,
    killAfterMs,
  );

  const second = await startServerProcess(path);
  if ('failed' in second) throw new Error(`restart failed: ${second.failed.stderr}`);
  const acknowledged = [...outcomes.values()].filter((o) => o.id !== undefined);
  const unanswered = [...outcomes.values()].filter((o) => o.status === undefined);
  const refused = [...outcomes.values()].filter(
    (o) => o.status !== undefined && o.id === undefined,
  );
  if (refused.length)
    throw new Error(`${refused.length} submissions refused, e.g. status ${refused[0]!.status}`);
  // a retry of an acknowledged submission gets its first id; one with no answer is stored now
  const retries = [...acknowledged, ...unanswered];
  const retry = async () => {
    for (let o = retries.pop(); o; o = retries.pop()) {
      const res = await post(second.url, o.submission);
      const body = (await res.json()) as { id?: string };
      if (res.status !== 201 || !body.id)
        throw new Error(`retry of ${o.submission.submissionId}: ${res.status}`);
      if (o.id !== undefined && (body.id !== o.id || !res.headers.get('idempotent-replayed')))
        throw new Error(`retry of acknowledged ${o.submission.submissionId} got a new id`);
      o.id = body.id;
    }
  };
  await Promise.all(Array.from({ length: options.inFlight ?? 20 }, retry));
  await kill(second.proc);

  await checkStored(path, prefix, [...outcomes.values()]);
  return {
    sent: outcomes.size,
    acknowledged: acknowledged.length,
    retried: unanswered.length,
    checked: acknowledged.length + unanswered.length,
    killAfterMs,
  };
}

/** A submission sent, and what came back: a status and id, or nothing (the server died). */
export interface Outcome {
  submission: ReturnType<typeof crashSubmission>;
  status?: number;
  id?: string;
}

/**
 * Keeps `inFlight` submissions going at the server until `killAfterMs`, then SIGKILLs it and
 * waits for every request to end. Distinct submission ids `<prefix><n>`.
 */
export async function loadUntilKilled(
  server: { url: string; proc: ChildProcess },
  prefix: string,
  random: () => number,
  inFlight: number,
  killAfterMs: number,
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let killed = false;
  let next = 0;
  const worker = async () => {
    while (!killed)
      await sendRecorded(server.url, crashSubmission(`${prefix}${next++}`, random), outcomes);
  };
  const workers = Array.from({ length: inFlight }, worker);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  killed = true;
  await kill(server.proc);
  await Promise.all(workers);
  return outcomes;
}

/**
 * Starts serveForCrash.ts on `path`; resolves once it prints its URL, or with how it failed.
 * `fileLimitKiB` runs it under `ulimit -f` with SIGXFSZ ignored, so that writes past the limit
 * fail with EFBIG (a full disk, as far as the process can tell).
 */
export function startServerProcess(
  path: string,
  options: { seed?: boolean; fileLimitKiB?: number } = {},
): Promise<Started> {
  const args = ['--import', 'tsx', script, path, ...(options.seed ? ['--seed'] : [])];
  const proc =
    options.fileLimitKiB === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(
          'bash',
          [
            '-c',
            `trap '' XFSZ; ulimit -f ${options.fileLimitKiB}; exec "$0" "$@"`,
            process.execPath,
            ...args,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
  return new Promise((resolve) => {
    let out = '';
    let stderr = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /URL (\S+)\n/.exec(out);
      if (match) resolve({ url: match[1]!, proc });
    });
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once('exit', (code, signal) => resolve({ failed: { code, signal, stderr } }));
  });
}

/** SIGKILLs a process and waits until it is gone. */
export function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

/**
 * Sends one submission and records in `outcomes` what came back: the status and id, or nothing
 * when the server died with it in flight (or the body did not arrive whole).
 */
export async function sendRecorded(
  url: string,
  submission: Outcome['submission'],
  outcomes: Map<string, Outcome>,
): Promise<void> {
  const outcome: Outcome = { submission };
  outcomes.set(submission.submissionId, outcome);
  try {
    const res = await post(url, submission);
    const body = (await res.json()) as { id?: string };
    outcome.status = res.status;
    if (res.status === 201) outcome.id = body.id;
  } catch {
    delete outcome.status;
  }
}

/** POSTs a submission as the resident page does. */
export function post(url: string, submission: unknown): Promise<Response> {
  return fetch(`${url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
}

/**
 * Opens the file in this process and checks that every outcome with an id is stored exactly
 * once under that id, with its raw answers (minus the grid) and one long row per answer; and
 * that nothing else under `prefix` is stored. With `lostAllowed` (a damaged log) an outcome may
 * be missing, but what is stored must still be one of them, once, unaltered. Returns the rows.
 */
export async function checkStored(
  path: string,
  prefix: string,
  outcomes: Outcome[],
  { lostAllowed = false } = {},
): Promise<number> {
  const store = await openStore({ path });
  try {
    const rows = await store.query<{ id: string; client_id: string; answers: string }>(
      'SELECT id, client_id, answers::VARCHAR AS answers FROM responses WHERE starts_with(client_id, ?)',
      [prefix],
    );
    const long = await store.query<LongRow & { response_id: string }>(
      `SELECT response_id, question, value, text FROM answers
       WHERE response_id IN (SELECT id FROM responses WHERE starts_with(client_id, ?))
       ORDER BY response_id, question`,
      [prefix],
    );
    const byClient = groupBy(rows, (r) => r.client_id);
    const longById = groupBy(long, (r) => r.response_id);
    let matched = 0;
    for (const o of outcomes) {
      const name = o.submission.submissionId;
      const found = byClient.get(name) ?? [];
      if (found.length > 1) throw new Error(`${name} stored ${found.length} times`);
      const [row] = found;
      if (!row) {
        if (o.id !== undefined && !lostAllowed) throw new Error(`acknowledged ${name} is lost`);
        continue;
      }
      matched++;
      if (o.id !== undefined && row.id !== o.id) throw new Error(`${name} stored under another id`);
      const { grid: _grid, ...answers } = o.submission.answers;
      if (JSON.stringify(JSON.parse(row.answers)) !== JSON.stringify(answers))
        throw new Error(`${name}: answers differ`);
      const stored = (longById.get(row.id) ?? []).map(({ response_id: _, ...a }) => a);
      if (JSON.stringify(stored) !== JSON.stringify(longAnswersOf(answers)))
        throw new Error(`${name}: long answers differ: ${JSON.stringify(stored)}`);
    }
    if (rows.length !== matched)
      throw new Error(`${rows.length - matched} responses stored that were never sent`);
    return rows.length;
  } finally {
    await store.close();
  }
}

/** One long answer as the answers table holds it. */
interface LongRow {
  question: string;
  value: number | null;
  text: string | null;
}

/** The long rows a response's answers should give, by question (numbers as values, the rest as text). */
function longAnswersOf(answers: Record<string, unknown>): LongRow[] {
  return Object.entries(answers)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([question, value]) =>
      typeof value === 'number'
        ? { question, value, text: null }
        : {
            question,
            value: null,
            text: typeof value === 'string' ? value : JSON.stringify(value),
          },
    );
}

/** Items by a key (Map.groupBy is not in Node 20). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** A valid submission with seeded answers, for the fixture's form and region. */
export function crashSubmission(submissionId: string, random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const inC1 = random() < 0.7;
  const answers: Record<string, unknown> = {
    ...(inC1 && { grid: pick(['C1G1', 'C1G2']) }),
    overall: 1 + Math.floor(random() * 5),
    clean: pick([5, 4, 3, 2, 1, 'na']),
  };
  const topics = ['环境', '治安', '服务'].filter(() => random() < 0.5);
  if (topics.length) answers.topics = topics;
  if (random() < 0.5) answers.years = Math.floor(random() * 101);
  if (random() < 0.5)
    answers.suggestion = Array.from({ length: 1 + Math.floor(random() * 49) }, () =>
      pick(['路', '灯', '绿', '化', '好', '😀', 'a', ' ', '"', '\\']),
    ).join('');
  return { submissionId, community: inC1 ? 'C1' : 'C2', answers };
}

/** A seeded PRNG (mulberry32) giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A database file in a new temporary folder. */
export function temporaryDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'manyi-crash-')), 'crash.duckdb');
}
