import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a benchmark's `main` in a fresh temporary folder, removed however it ends. Bounded
 * whatever happens: after `limitSeconds` it says so, removes the folder and exits 2, so a hung
 * bench never outlives its run on the shared machine. Exit code 0 if `main` resolves true, 1 if
 * false (a figure failed its check).
 */
export async function runBench(
  name: string,
  limitSeconds: number,
  main: (dir: string) => Promise<boolean>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `manyi-bench-${name}-`));
  setTimeout(() => {
    console.error(`${name}: still running after ${limitSeconds} s, stopping`);
    rmSync(dir, { recursive: true, force: true });
    process.exit(2);
  }, limitSeconds * 1000).unref();

  try {
    process.exitCode = (await main(dir)) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
