import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A child process's outcome: exit status, output, wall time and peak resident memory. */
export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /**
   * Each line of stderr with the seconds since spawn at which it arrived (progress lines), and
   * the process's peak RSS so far at that moment (bytes).
   */
  stderrLines: { at: number; text: string; peakRss: number }[];
  seconds: number;
  /** The kernel's high-water mark of the process's resident set (VmHWM), in bytes. */
  peakRss: number;
}

/**
 * Runs `command ARGS` as a child process and measures it from outside: wall time from spawn to
 * exit, the arrival time of each stderr line (a CLI's progress), and peak RSS from `/proc/PID/status` (VmHWM, the kernel's own high-water mark, read
 * every 20 ms; only a peak in the last 20 ms before exit could be missed). The child is killed
 * after `limitSeconds`.
 *
 * @example await measuredRun('node', ['apps/cli/bin/manyi.js', 'score', '--year', '2026'], { cwd })
 */
export function measuredRun(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; limitSeconds?: number } = {},
): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let stdout = '';
    let stderr = '';
    const stderrLines: MeasuredRun['stderrLines'] = [];
    let peakRss = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      const at = (performance.now() - started) / 1000;
      const text = chunk.toString();
      stderr += text;
      peakRss = Math.max(peakRss, highWaterMark(child.pid));
      for (const line of text.split('\n')) if (line) stderrLines.push({ at, text: line, peakRss });
    });
    const poll = setInterval(() => (peakRss = Math.max(peakRss, highWaterMark(child.pid))), 20);
    const limit = setTimeout(() => child.kill('SIGKILL'), (options.limitSeconds ?? 900) * 1000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearInterval(poll);
      clearTimeout(limit);
      resolve({
        status,
        stdout,
        stderr,
        stderrLines,
        seconds: (performance.now() - started) / 1000,
        peakRss,
      });
    });
  });
}

/** VmHWM of a running process in bytes; 0 once it has gone. */
function highWaterMark(pid: number | undefined): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
