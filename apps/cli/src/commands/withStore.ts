import { openStore, type Store } from '@manyi/store/Store';
import { reportFailure } from './import.ts';

/**
 * Runs `work` with a way to open the store (late: a password prompt must not hold the database
 * locked); reports any failure and closes the store.
 */
export async function withStore(
  db: string | undefined,
  work: (open: () => Promise<Store>) => Promise<void>,
): Promise<void> {
  let store: Store | undefined;
  try {
    await work(async () => (store ??= await openStore({ path: db })));
  } catch (error) {
    reportFailure(error);
  } finally {
    await store?.close();
  }
}
