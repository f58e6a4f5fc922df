import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup: the CLI bundled (`build.mjs`, ~0.5 s) before the suite, so that every
 * `manyi` the tests run is the bundle a user runs after `npm run build`, made from the sources as
 * they are now.
 */
export default function buildBundle(): void {
  const { status, stderr } = spawnSync(process.execPath, ['build.mjs'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  if (status !== 0) throw new Error(`bundling the CLI failed:\n${stderr}`);
}
