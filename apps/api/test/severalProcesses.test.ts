// Submissions taken by API processes side by side (issue 7 §3): on PostgreSQL two processes on one
// database, as behind a load balancer; on DuckDB the one process its file allows. Load goes to
// every process at once, one process is killed (SIGKILL) at a seeded moment and the others go
// on; what got no answer is retried at a survivor; then every acknowledged answer must be stored
// exactly once, unaltered, and nothing else. The same test, on both stores.
import type { ChildProcess } from 'node:child_process';
import { expect, it } from 'vitest';
import { testsOnPostgres } from '@manyi/store/testing/scratchStore';
import {
  checkStored,
  crashSubmission,
  kill,
  post,
  seededRandom,
  sendRecorded,
  startServerProcess,
  type Outcome,
} from './crashRun.ts';
import { tempDatabase, testStore } from './fixture.ts';

it('stores every acknowledged submission exactly once across processes, one killed mid-way', async () => {
  const path = tempDatabase();
  await (await testStore(path)).close();
  const processes = testsOnPostgres() ? 2 : 1;
  const servers: { url: string; proc: ChildProcess }[] = [];
  for (let i = 0; i < processes; i++) {
    const started = await startServerProcess(path);
    if ('failed' in started) throw new Error(`server ${i} did not start: ${started.failed.stderr}`);
    servers.push(started);
  }
  const random = seededRandom(71);
  const outcomes = new Map<string, Outcome>();
  const alive = new Set(servers);
  let next = 0;
  let stop = false;
  // 10 submissions in flight per process, each worker keeping to its process while it lives
  const worker = async (home: (typeof servers)[number]): Promise<void> => {
    while (!stop && alive.has(home))
      await sendRecorded(home.url, crashSubmission(`several${next++}`, random), outcomes);
  };
  const workers = servers.flatMap((server) => Array.from({ length: 10 }, () => worker(server)));
  await new Promise((resolve) => setTimeout(resolve, 800 + random() * 600));
  const victim = servers[0]!;
  alive.delete(victim);
  await kill(victim.proc);
  if (processes > 1) await new Promise((resolve) => setTimeout(resolve, 600)); // the others go on
  stop = true;
  await Promise.all(workers);

  // a survivor (or, with one process, a restarted one) takes the retries
  let survivor = [...alive][0];
  if (!survivor) {
    const restarted = await startServerProcess(path);
    if ('failed' in restarted) throw new Error(`restart failed: ${restarted.failed.stderr}`);
    survivor = restarted;
  }
  const all = [...outcomes.values()];
  const refused = all.filter((o) => o.status !== undefined && o.id === undefined);
  expect(refused.map((o) => o.status)).toEqual([]);
  const unanswered = all.filter((o) => o.status === undefined);
  const acknowledged = all.filter((o) => o.id !== undefined);
  for (const o of [...unanswered, ...acknowledged.slice(0, 20)]) {
    const res = await post(survivor.url, o.submission);
    const body = (await res.json()) as { id?: string };
    expect(res.status).toBe(201);
    // a retry of an acknowledged answer gets its first id, whichever process took it
    if (o.id !== undefined) expect(body.id).toBe(o.id);
    o.id = body.id;
  }
  await kill(survivor.proc);
  const byProcess = servers.length;
  const stored = await checkStored(path, 'several', all);
  console.info(
    `${byProcess} API process(es): ${all.length} submissions, ${acknowledged.length} acknowledged, ` +
      `${unanswered.length} retried after the kill, ${stored} stored once each, 0 lost, 0 doubled`,
  );
  expect(stored).toBe(all.length);
  expect(acknowledged.length).toBeGreaterThan(100);
}, 120_000);
