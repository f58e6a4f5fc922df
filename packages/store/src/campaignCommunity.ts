import type { DuckDBValue } from '@duckdb/node-api';
import type { Campaign } from '@manyi/domain/campaign';
import { bilingual } from '@manyi/domain/messages';
import type { CommunitySummary } from '@manyi/domain/region';
import { CampaignRefusedError } from './CampaignRefusedError.ts';
import type { Store } from './Store.ts';
import type { Tx } from './Tx.ts';

/** Where reads go: the store's read connection, or a transaction's own connection. */
export type Reads = Pick<Store, 'query'> | Tx;

/**
 * The units of a year as a CTE named `year_units` (code, name, level, kind, parent_code), on
 * bound parameter `$1` (the year): the campaign's snapshot once it has opened (DATA-MODEL.md),
 * the current tree while it is a draft (invitations and posters are printed before opening).
 */
export const yearUnitsCte = `
  year_units AS (
    SELECT code, name, level, kind, parent_code FROM campaign_units WHERE year = $1
    UNION ALL
    SELECT code, name, level, kind, parent_code FROM units
    WHERE NOT EXISTS (SELECT 1 FROM campaign_units WHERE year = $1)
  )`;

/**
 * A community of a year's campaign with its street and district, or undefined when the year's
 * units have no such community.
 *
 * @example await campaignCommunity(store, 2026, 'C0101') // → { code: 'C0101', name: '幸福社区', streetName: … }
 */
export async function campaignCommunity(
  db: Reads,
  year: number,
  code: string,
): Promise<CommunitySummary | undefined> {
  const [row] = await rowsOf<CommunitySummary>(db, campaignCommunitySql, [year, code]);
  return row;
}

/** A year's campaign, whatever its state, or a `CampaignRefusedError` (404) when there is none. */
export async function campaignOfYear(db: Reads, year: number): Promise<Campaign> {
  const [campaign] = await rowsOf<Campaign>(
    db,
    `SELECT year, title, opens_at AS "opensAt", closes_at AS "closesAt", state
     FROM campaigns WHERE year = $1`,
    [year],
  );
  if (!campaign)
    throw new CampaignRefusedError(
      year,
      'missing',
      bilingual(`没有 ${year} 年度的测评`, `there is no ${year} campaign`),
    );
  return campaign;
}

/** Rows of a read as plain objects, on either kind of connection. */
export async function rowsOf<T>(db: Reads, sql: string, params: DuckDBValue[]): Promise<T[]> {
  if ('query' in db) return db.query<T>(sql, params);
  return (await db.runAndReadAll(sql, params)).getRowObjectsJS() as T[];
}

const campaignCommunitySql = `
  WITH ${yearUnitsCte}
  SELECT c.code, c.name, c.kind, s.code AS "streetCode", s.name AS "streetName",
         d.code AS "districtCode", d.name AS "districtName"
  FROM year_units c
  JOIN year_units s ON s.code = c.parent_code AND s.level = 'street'
  JOIN year_units d ON d.code = s.parent_code AND d.level = 'district'
  WHERE c.level = 'community' AND c.code = $2`;
