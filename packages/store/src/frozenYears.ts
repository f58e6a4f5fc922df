import { listValue } from '@duckdb/node-api';
import type { Tx } from './Tx.ts';
import { campaignStateNames, type CampaignState } from '@manyi/domain/campaign';
import { isFrozen } from '@manyi/domain/lifecycle';
import { bilingual } from '@manyi/domain/messages';
import { CampaignRefusedError } from './CampaignRefusedError.ts';

/**
 * Refuses a write to a finalized or published year (DATA-MODEL.md: a finalized campaign takes
 * no write of any kind). Call it on the transaction's connection, inside the transaction that
 * writes, so that no state change can slip in between the check and the write. Years without a
 * campaign pass: refusing those is the caller's business.
 *
 * @example await store.transaction(async (db) => { await assertYearsWritable(db, [2026]); … });
 */
export async function assertYearsWritable(db: Tx, years: Iterable<number>): Promise<void> {
  const distinct = [...new Set(years)];
  if (!distinct.length) return;
  const reader = await db.runAndReadAll(
    'SELECT year, state FROM campaigns WHERE year IN (SELECT unnest(?::INTEGER[])) ORDER BY year',
    [listValue(distinct)],
  );
  for (const [year, state] of reader.getRows() as [number, CampaignState][])
    if (isFrozen(state)) throw frozenYearError(year, state);
}

/** The refusal of a write to a frozen year. */
export function frozenYearError(year: number, state: CampaignState): CampaignRefusedError {
  return new CampaignRefusedError(
    year,
    'frozen',
    bilingual(
      `${year} 年度测评${campaignStateNames[state]},数据已冻结,不能修改`,
      `the ${year} campaign is ${state}: its data are frozen and take no write`,
    ),
  );
}
