import { readFileSync, readdirSync } from 'node:fs';

/** CPU time this process has used (ms): all threads, and the main thread (the event loop). */
export interface CpuTime {
  total: number;
  /** Undefined where /proc does not tell threads apart (not Linux). */
  main: number | undefined;
}

/**
 * The process's CPU time so far, with the main thread's share: the rest is DuckDB's threads,
 * libuv's pool and V8's helpers. Linux's /proc counts in clock ticks (10 ms), plenty for phases of
 * seconds.
 */
export function cpuTime(): CpuTime {
  const { user, system } = process.cpuUsage();
  const total = (user + system) / 1000;
  try {
    return { total, main: threadTicks(process.pid) * 10 };
  } catch {
    return { total, main: undefined };
  }
}

/** user + system clock ticks of one thread of this process. */
function threadTicks(tid: number): number {
  if (!readdirSync('/proc/self/task').includes(String(tid))) throw new Error('no such thread');
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
