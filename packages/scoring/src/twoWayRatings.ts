import { exactSum } from './exactSum.ts';
import type { Queryable } from './queryable.ts';
import { responseScores } from './responseScores.ts';
import type { ResponseScoring } from './responseScoring.ts';

/**
 * A unit's rating in the two-way evaluation (双向评价), per measure ('overall' and the
 * instrument's dimensions). The SE comes from the spread between raters where there are several
 * (sd/√raters) and is 0 for a single rater: the rating is then a census of that rater's view
 * rather than a sample, and its disagreement with other possible raters is not measured.
 */
export interface TwoWayRating {
  measure: string;
  /** The unit rated: a community (rated by its street) or a street (rated by its communities). */
  unit: string;
  raters: number;
  score: number;
  se: number;
}

/**
 * Each community's rating by its street (street_to_community): the mean over the street's
 * raters, one response each.
 *
 * @example await streetRatingsOfCommunities(store, 2026, responseScoringOf(streetToCommunity))
 */
export async function streetRatingsOfCommunities(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
): Promise<TwoWayRating[]> {
  return ratings(db, year, scoring, 'r.id');
}

/**
 * Each street's rating by its communities (community_to_street): averaged within each community
 * first, so a community sending several forms still counts once, then across communities.
 *
 * @example await communityRatingsOfStreets(store, 2026, responseScoringOf(communityToStreet))
 */
export async function communityRatingsOfStreets(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
): Promise<TwoWayRating[]> {
  return ratings(db, year, scoring, 'coalesce(r.rater_code, r.id)');
}

/** Ratings with raters identified by `rater` (a column expression fixed in this file, not input). */
async function ratings(
  db: Queryable,
  year: number,
  scoring: ResponseScoring,
  rater: 'r.id' | 'coalesce(r.rater_code, r.id)',
): Promise<TwoWayRating[]> {
  const scores = responseScores(year, scoring);
  const rows = await db.query<Omit<TwoWayRating, 'raters'> & { raters: bigint }>(
    twoWayRatingsSql(scores.sql, rater),
    [...scores.params, year, scoring.instrument],
  );
  return rows.map((r) => ({ ...r, raters: Number(r.raters) }));
}

/**
 * Ratings per rated unit and measure over response scores: mean first, then deviations from it.
 * Binds the scores' values, then the year and instrument of the raters: named, so that the
 * valid-responses view is read for that instrument's few thousand rows, not a province's 2 million.
 */
function twoWayRatingsSql(scores: string, rater: string): string {
  return `
  WITH response_scores AS (${scores}),
  rater_score AS (
    SELECT s.measure, r.subject_code AS unit, ${rater} AS rater, ${exactSum('s.score')} / count(*) AS score
    FROM response_scores s JOIN valid_responses r ON r.id = s.response_id
    WHERE r.year = ? AND r.instrument = ?
    GROUP BY ALL
  ),
  unit_mean AS (
    SELECT measure, unit, count(*) AS raters, ${exactSum('score')} / count(*) AS score
    FROM rater_score
    GROUP BY measure, unit
  ),
  unit_spread AS (
    SELECT r.measure, r.unit, ${exactSum('(r.score - m.score) ^ 2')} AS squares
    FROM rater_score r JOIN unit_mean m USING (measure, unit)
    GROUP BY r.measure, r.unit
  )
  SELECT m.measure, m.unit, m.raters, m.score,
         CASE WHEN m.raters > 1 THEN sqrt(s.squares / (m.raters - 1) / m.raters) ELSE 0 END AS se
  FROM unit_mean m JOIN unit_spread s USING (measure, unit)
  ORDER BY m.measure, m.unit`;
}
