import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Store } from '@manyi/store/Store';
import type { PhaseFigures, PhaseRequest } from './loadGenerator.ts';
import { cpuTime } from './threadCpu.ts';

/** One phase of load: what the load generator saw and what the server did meanwhile. */
export interface Phase {
  label: string;
  request: PhaseRequest;
  figures: PhaseFigures;
  /** 2xx responses per second. */
  reqPerSec: number;
  /** Group commits of the phase, the submissions they settled, its largest batch. */
  commits: number;
  submissions: number;
  largestBatch: number;
  /** Share of the phase the writer spent committing. */
  writerBusy: number;
  /** Batches written a second time after their first commit failed. */
  rewrites: number;
  /** Server CPU per request (ms): all threads, and the main thread alone where known. */
  cpuPerRequest: number;
  mainThreadPerRequest: number | undefined;
}

/**
 * Runs one phase in the load generator (a child process) and reads the server's side of it:
 * its CPU time, and the group commits the phase caused (the writer is drained before and after).
 */
export async function runPhase(
  store: Store,
  loader: ChildProcess,
  label: string,
  request: PhaseRequest,
): Promise<Phase> {
  await store.responses.drain();
  const stats = store.responses.stats;
  const before = { ...stats };
  stats.largestBatch = 0; // so that it reads as this phase's largest
  const cpu = cpuTime();
  loader.send(request);
  const [figures] = (await once(loader, 'message')) as [PhaseFigures];
  const used = cpuTime();
  await store.responses.drain();
  const requests = Math.max(1, figures.ok + figures.non2xx);
  return {
    label,
    request,
    figures,
    reqPerSec: figures.ok / figures.seconds,
    commits: stats.commits - before.commits,
    submissions: stats.submissions - before.submissions,
    largestBatch: stats.largestBatch,
    writerBusy: (stats.commitMs - before.commitMs) / 1000 / figures.seconds,
    rewrites: stats.rewrites - before.rewrites,
    cpuPerRequest: (used.total - cpu.total) / requests,
    mainThreadPerRequest:
      used.main === undefined || cpu.main === undefined
        ? undefined
        : (used.main - cpu.main) / requests,
  };
}
