// Child process of the crash-safety tests (crashSafety.test.ts, bench/crash.ts): serves the API on
// the DuckDB file at argv[2] on a free port and prints `URL <url>` once listening. With `--seed`
// it first loads the test region and an open 2026 campaign, as `testStore` does. It never shuts
// down by itself: the tests kill it, usually with SIGKILL, so that only what was committed survives.
import { openStore } from '@manyi/store/Store';
import { startServer } from '../src/server.ts';
import { testStore } from './fixture.ts';

const [path, flag] = process.argv.slice(2);
if (!path) throw new Error('usage: serveForCrash.ts DBFILE [--seed]');
try {
  const store = flag === '--seed' ? await testStore(path) : await openStore({ path });
  // the crash runs post many submissions from one address: no submission limit here
  const server = await startServer({ store, port: 0, submissionLimit: { perAddress: Infinity } });
  process.stdout.write(`URL ${server.url}\n`);
} catch (error) {
  // a clear failure for the test to see: the database could not be opened or seeded
  process.stderr.write(`START FAILED ${(error as Error).message}\n`);
  process.exit(3);
}
