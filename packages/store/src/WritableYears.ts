import type { CampaignState } from '@manyi/domain/campaign';
import { isFrozen } from '@manyi/domain/lifecycle';
import { assertYearsWritable, frozenYearError } from './frozenYears.ts';
import type { Store } from './Store.ts';
import type { Tx } from './Tx.ts';

/**
 * `assertYearsWritable` for the group commit, without a statement per batch where that is safe.
 * On the DuckDB file this process is the only writer (DuckDB locks the file) and every write goes
 * through `Store.transaction`, which moves `metaVersion` after any commit that may have changed a
 * campaign. So the states read inside one transaction hold for every later transaction until
 * `metaVersion` moves: each batch is still checked against the committed states, inside its own
 * transaction, under the writer lock. On PostgreSQL other processes change campaigns too, so
 * each batch reads them (DATA-MODEL.md: a finalized campaign takes no write of any kind).
 */
export class WritableYears {
  #states: { metaVersion: number; frozen: Map<number, CampaignState> } | null = null;

  constructor(private readonly store: Store) {}

  /** Throws `CampaignRefusedError` if one of the years is finalized or published. */
  async assert(db: Tx, years: ReadonlySet<number>): Promise<void> {
    if (this.store.kind !== 'duckdb') return assertYearsWritable(db, years);
    const { metaVersion } = this.store;
    if (this.#states?.metaVersion !== metaVersion)
      this.#states = { metaVersion, frozen: await frozenStates(db) };
    for (const year of years) {
      const state = this.#states.frozen.get(year);
      if (state) throw frozenYearError(year, state);
    }
  }
}

/** The frozen campaigns as the transaction sees them, by year. */
async function frozenStates(db: Tx): Promise<Map<number, CampaignState>> {
  const reader = await db.runAndReadAll('SELECT year, state FROM campaigns');
  const frozen = new Map<number, CampaignState>();
  for (const [year, state] of reader.getRows() as [number, CampaignState][])
    if (isFrozen(state)) frozen.set(year, state);
  return frozen;
}
