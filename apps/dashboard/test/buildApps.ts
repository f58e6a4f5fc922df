import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Vitest's global setup: the dashboard and the survey pages built by Vite once for the whole
 * suite, so that every test file serves the sources as they are now (the files only read
 * `dist/`; building in each of them cost ~10 s a file).
 */
export default async function buildApps(): Promise<void> {
  for (const app of ['dashboard', 'survey'])
    await build({
      root: fileURLToPath(new URL(`../../${app}/`, import.meta.url)),
      logLevel: 'warn',
    });
}
