import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root: the CLI runs from there, as `npx manyi` does. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs `manyi ARGS` as a child process from the repository root, `input` on its stdin (a pipe,
 * not a terminal), in time zone `tz`, with `env` added to (or, set to undefined, taken from) the
 * environment.
 */
export function runManyi(
  args: readonly string[],
  options: { input?: string; tz?: string; env?: Record<string, string | undefined> } = {},
) {
  const { status, stdout, stderr } = spawnSync('node', ['apps/cli/bin/manyi.js', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, TZ: options.tz ?? 'Asia/Shanghai', ...options.env },
  });
  return { status, stdout, stderr };
}
