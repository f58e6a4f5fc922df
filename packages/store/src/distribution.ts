import { audit, type Actor } from './audit.ts';
import { campaignCommunity, campaignOfYear, rowsOf } from './campaignCommunity.ts';
import { assertYearsWritable } from './frozenYears.ts';
import type { Store } from './Store.ts';
import { UnknownCommunityError } from './UnknownCommunityError.ts';

/** Paper questionnaires handed out in one community, as an evaluator last entered them. */
export interface PaperDistribution {
  year: number;
  communityCode: string;
  paperHandedOut: number;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Records how many paper questionnaires a community was handed (the denominator of its response
 * rate, with the invitations issued), replacing the number entered before, and logs the change
 * with its before and after. Refused for a year without a campaign (404), a frozen year (409),
 * or a community the year's units do not hold (404).
 *
 * @example await setPaperHandedOut(store, { year: 2026, communityCode: 'C1', paperHandedOut: 120 }, actor);
 */
export async function setPaperHandedOut(
  store: Store,
  entry: { year: number; communityCode: string; paperHandedOut: number },
  actor: Actor,
): Promise<PaperDistribution> {
  const { year, communityCode, paperHandedOut } = entry;
  // Distribution counts change no region, campaign or instrument: those caches stay valid.
  return store.transaction(async (db) => {
    await campaignOfYear(db, year);
    await assertYearsWritable(db, [year]);
    if (!(await campaignCommunity(db, year, communityCode)))
      throw new UnknownCommunityError(year, communityCode);
    const [before] = await rowsOf<{ handed_out: number }>(
      db,
      'SELECT handed_out FROM paper_distribution WHERE year = $1 AND community_code = $2',
      [year, communityCode],
    );
    const updatedAt = new Date();
    await db.run(
      `INSERT INTO paper_distribution (year, community_code, handed_out, updated_at, updated_by)
       VALUES ($1, $2, $3, $4::TIMESTAMPTZ, $5)
       ON CONFLICT (year, community_code) DO UPDATE SET handed_out = excluded.handed_out,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [year, communityCode, paperHandedOut, updatedAt.toISOString(), actor.username],
    );
    await audit(db, {
      actor,
      action: 'distribution.set',
      target: `distribution:${year}/${communityCode}`,
      year,
      before: before ? { paperHandedOut: before.handed_out } : null,
      after: { paperHandedOut },
      at: updatedAt,
    });
    return {
      year,
      communityCode,
      paperHandedOut,
      updatedAt: updatedAt.toISOString(),
      updatedBy: actor.username,
    };
  }, 'responses');
}
