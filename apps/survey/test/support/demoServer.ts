import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@manyi/api/server';
import { seedDemo } from '@manyi/demo/seedDemo';
import { openStore, type Store } from '@manyi/store/Store';

/** The built page the server serves at `/s/`. */
export const surveyDist = fileURLToPath(new URL('../../dist', import.meta.url));

/** The real server on a real DuckDB file seeded with the demo (2026 open). */
export interface DemoServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/**
 * Seeds the demo into a temporary DuckDB file and serves it with the page on a free loopback
 * port. The page must be built first (the repository's test command builds before testing).
 */
export async function startDemoServer(): Promise<DemoServer> {
  if (!existsSync(join(surveyDist, 'index.html')))
    throw new Error(`${surveyDist} is missing: run \`npx vite build\` in apps/survey first`);
  const path = join(mkdtempSync(join(tmpdir(), 'manyi-survey-')), 'e2e.duckdb');
  const store = await openStore({ path });
  try {
    await seedDemo(store);
    const server = await startServer({ store, port: 0, host: '127.0.0.1' });
    return {
      url: server.url,
      store,
      async close() {
        await server.close();
        await store.close();
        rmSync(dirname(path), { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
