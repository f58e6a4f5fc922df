import { listValue } from '@duckdb/node-api';
import type { Instrument } from '@manyi/domain/instrument';
import type { CommunityResidentScore } from '@manyi/domain/residentScore';
import type { Store } from '@manyi/store/Store';

/** A community's provisional resident score while its campaign runs. */
export type LiveResidentScore = CommunityResidentScore;

/**
 * The live resident score of every community of a year: the plain mean of its item scores,
 * 100·(x−min)/(max−min), 不了解 left out, over the valid responses (flagged and excluded ones left out). A first, provisional figure for watching a campaign;
 * the year's results come from a scoring run. Cached on the store's write version.
 */
export async function liveResidentScores(
  store: Store,
  year: number,
  instrument: Instrument,
): Promise<LiveResidentScore[]> {
  const key = `${store.path}:${year}`;
  const cached = cache.get(key);
  if (cached && cached.version === store.version) return cached.rows;
  const version = store.version;
  const rows = await store.query<LiveResidentScore & { n: bigint }>(liveResidentScoresSql, [
    year,
    listValue(instrument.items.map((i) => i.question)),
    listValue(instrument.items.map((i) => i.min)),
    listValue(instrument.items.map((i) => i.max)),
    year,
    year,
  ]);
  const result = rows.map((r) => ({ ...r, n: Number(r.n) }));
  cache.set(key, { version, rows: result });
  return result;
}

const cache = new Map<string, { version: number; rows: LiveResidentScore[] }>();

const liveResidentScoresSql = `
  WITH snapshot AS (SELECT * FROM campaign_units WHERE year = ?),
  item_scale AS (
    SELECT unnest(?::VARCHAR[]) AS question, unnest(?::DOUBLE[]) AS lo, unnest(?::DOUBLE[]) AS hi
  ),
  item_scores AS (
    SELECT a.response_id, 100 * (a.value - s.lo) / (s.hi - s.lo) AS score
    FROM answers a JOIN item_scale s USING (question)
    WHERE a.year = ? AND a.instrument = 'resident' AND a.value IS NOT NULL
  ),
  by_community AS (
    SELECT r.subject_code AS code, count(DISTINCT r.id) AS n, avg(i.score) AS score
    FROM item_scores i JOIN valid_responses r ON r.id = i.response_id
    WHERE r.year = ?
    GROUP BY r.subject_code
  )
  SELECT c.code, c.name, c.kind, s.code AS "streetCode", s.name AS "streetName",
         d.code AS "districtCode", d.name AS "districtName",
         coalesce(b.n, 0) AS n, b.score
  FROM snapshot c
  JOIN snapshot s ON s.code = c.parent_code
  JOIN snapshot d ON d.code = s.parent_code
  LEFT JOIN by_community b ON b.code = c.code
  WHERE c.level = 'community'
  ORDER BY d.code, s.code, c.code`;
