import type { Queryable } from './queryable.ts';

/** A community or street as its campaign's snapshot has it, with its parents. */
export interface CampaignUnit {
  code: string;
  name: string;
  level: 'community' | 'street';
  /** urban | rural for communities, 街道 | 乡镇 for streets. */
  kind: string | null;
  /** 城乡统筹: urban and rural units are ranked apart; a 乡镇 is rural, a 街道 urban. */
  rankingClass: 'urban' | 'rural';
  population: number | null;
  streetCode: string | null;
  streetName: string | null;
  districtCode: string;
  districtName: string;
}

/**
 * The communities and streets of a year's campaign snapshot (DATA-MODEL.md: results use the
 * snapshot), streets first, in code order.
 *
 * @example await campaignUnits(store, 2026) // → [{ code: 'S01', level: 'street', ... }, ...]
 */
export async function campaignUnits(db: Queryable, year: number): Promise<CampaignUnit[]> {
  return db.query<CampaignUnit>(campaignUnitsSql, [year]);
}

const campaignUnitsSql = `
  WITH snapshot AS (SELECT * FROM campaign_units WHERE year = ?),
  street AS (
    SELECT s.code, s.name, 'street' AS level, s.kind,
           CASE WHEN s.kind = '乡镇' THEN 'rural' ELSE 'urban' END AS "rankingClass",
           s.population, NULL AS "streetCode", NULL AS "streetName",
           d.code AS "districtCode", d.name AS "districtName"
    FROM snapshot s JOIN snapshot d ON d.code = s.parent_code AND d.level = 'district'
    WHERE s.level = 'street'
  ),
  community AS (
    SELECT c.code, c.name, 'community' AS level, c.kind,
           CASE WHEN c.kind = 'rural' THEN 'rural' ELSE 'urban' END AS "rankingClass",
           c.population, s.code AS "streetCode", s.name AS "streetName",
           s."districtCode", s."districtName"
    FROM snapshot c JOIN street s ON s.code = c.parent_code
    WHERE c.level = 'community'
  )
  SELECT * FROM street
  UNION ALL
  SELECT * FROM community
  ORDER BY level DESC, code`;
