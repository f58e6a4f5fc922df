import { yearUnitsCte } from '@manyi/store/campaignCommunity';
import type { Queryable } from './queryable.ts';

/** A unit's distribution and returns in one year (PRODUCT.md: 发放调查问卷1044份,回收896份). */
export interface ResponseRate {
  level: 'city' | 'district' | 'street' | 'community';
  /** null for the city. */
  code: string | null;
  name: string;
  /** The street of a community, the district of a street; null above. */
  parentCode: string | null;
  /** One-time invitations issued. */
  invitations: number;
  /** Of those, used by a response. */
  invitationsUsed: number;
  /** Paper questionnaires handed out, as evaluators entered them. */
  paperHandedOut: number;
  /** invitations + paperHandedOut: the denominator. */
  distributed: number;
  /** Valid resident responses (`valid_responses`): the numerator. */
  validResponses: number;
  /**
   * The valid responses of the communities that distributed anything ÷ distributed; null where
   * nothing was distributed. Communities without a distribution entered are left out of a sum's
   * numerator as of its denominator, so an incomplete entry cannot inflate a street's rate.
   * Walk-up answers through the open community QR code count in the numerator only, so a
   * community's rate can exceed 1.
   */
  responseRate: number | null;
}

/**
 * The response rate of every community of a year and, summed upwards (Σ valid ÷ Σ distributed
 * over the communities that distributed, not a mean of rates), of every street, district and the city, in one query: the city first,
 * then districts, streets and communities, each in code order. Units are the campaign's
 * snapshot once it has opened, the current tree while it is a draft.
 *
 * @example await responseRates(store, 2026) // → [{ level: 'city', code: null, name: '全市', distributed: 1044, validResponses: 896, responseRate: 0.858…, … }, …]
 */
export async function responseRates(db: Queryable, year: number): Promise<ResponseRate[]> {
  return db.query<ResponseRate>(responseRatesSql, [year]);
}

const responseRatesSql = `
  WITH ${yearUnitsCte},
  community AS (
    SELECT d.code AS district, s.code AS street, c.code AS community
    FROM year_units c
    JOIN year_units s ON s.code = c.parent_code AND s.level = 'street'
    JOIN year_units d ON d.code = s.parent_code AND d.level = 'district'
    WHERE c.level = 'community'
  ),
  issued AS (
    SELECT community_code AS community, count(*) AS invitations, count(used_at) AS used
    FROM invitations WHERE year = $1
    GROUP BY community_code
  ),
  paper AS (
    SELECT community_code AS community, handed_out AS paper
    FROM paper_distribution WHERE year = $1
  ),
  answered AS (
    SELECT subject_code AS community, count(*) AS valid
    FROM valid_responses WHERE year = $1 AND instrument = 'resident'
    GROUP BY subject_code
  ),
  per_community AS (
    SELECT district, street, community,
           coalesce(issued.invitations, 0) AS invitations, coalesce(issued.used, 0) AS used,
           coalesce(paper.paper, 0) AS paper, coalesce(answered.valid, 0) AS valid
    FROM community
    LEFT JOIN issued USING (community)
    LEFT JOIN paper USING (community)
    LEFT JOIN answered USING (community)
  ),
  -- grouping_level: 0 community, 1 street, 3 district, 7 the city
  summed AS (
    SELECT district, street, community, GROUPING(district, street, community) AS grouping_level,
           coalesce(sum(invitations), 0)::INTEGER AS invitations,
           coalesce(sum(used), 0)::INTEGER AS used,
           coalesce(sum(paper), 0)::INTEGER AS paper,
           coalesce(sum(valid), 0)::INTEGER AS valid,
           coalesce(sum(valid) FILTER (WHERE invitations + paper > 0), 0)::INTEGER AS valid_distributed
    FROM per_community
    GROUP BY ROLLUP (district, street, community)
  )
  SELECT CASE grouping_level WHEN 0 THEN 'community' WHEN 1 THEN 'street' WHEN 3 THEN 'district'
              ELSE 'city' END AS level,
         coalesce(community, street, district) AS code,
         coalesce(unit.name, '全市') AS name,
         CASE grouping_level WHEN 0 THEN street WHEN 1 THEN district END AS "parentCode",
         invitations,
         used AS "invitationsUsed",
         paper AS "paperHandedOut",
         invitations + paper AS distributed,
         valid AS "validResponses",
         valid_distributed / nullif(invitations + paper, 0) AS "responseRate"
  FROM summed
  LEFT JOIN year_units unit ON unit.code = coalesce(community, street, district)
  ORDER BY grouping_level DESC, district, street, community`;
