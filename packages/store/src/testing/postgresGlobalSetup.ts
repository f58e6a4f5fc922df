import { startTestCluster } from '../postgres/testCluster.ts';

/**
 * Vitest global setup of a suite that runs on PostgreSQL: one throwaway server for the run,
 * its address in `MANYI_TEST_POSTGRES` for `scratchStorePath`, stopped at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startTestCluster();
  process.env.MANYI_TEST_POSTGRES = cluster.url.replace(/\/postgres$/, '');
  return () => cluster.stop();
}
