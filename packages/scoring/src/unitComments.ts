import { yearUnitsCte } from '@manyi/store/campaignCommunity';
import type { Queryable } from './queryable.ts';

/** The resident form's free-text question (意见建议), as data/instruments/resident.json names it. */
export const commentQuestion = 'suggestion';

/** A group's valid resident responses and the comments among them. */
export interface UnitComments {
  /** Valid resident responses of the group's communities. */
  responses: number;
  /** Their non-empty comments (scrubbed of phone and ID numbers when stored), oldest first. */
  comments: string[];
}

/**
 * The free-text answers of the valid resident responses of a year about one community, or about
 * every community of a street or district (the campaign's snapshot of units, or the current tree
 * while it is a draft), with the number of valid responses they come from: what
 * `commentThemes` needs, and what decides whether they may be shown.
 *
 * @example const { responses, comments } = await unitComments(store, 2026, 'D01S01');
 */
export async function unitComments(
  db: Queryable,
  year: number,
  code: string,
): Promise<UnitComments> {
  const [row] = await db.query<{ responses: number; comments: string[] | null }>(unitCommentsSql, [
    year,
    code,
    commentQuestion,
  ]);
  return { responses: row?.responses ?? 0, comments: row?.comments ?? [] };
}

const unitCommentsSql = `
  WITH ${yearUnitsCte},
  group_communities AS (
    SELECT c.code
    FROM year_units c
    LEFT JOIN year_units s ON s.code = c.parent_code
    WHERE c.level = 'community' AND $2 IN (c.code, s.code, s.parent_code)
  ),
  group_responses AS (
    SELECT id, submitted_at
    FROM valid_responses
    WHERE year = $1 AND instrument = 'resident'
      AND subject_code IN (SELECT code FROM group_communities)
  ),
  written AS (
    SELECT r.id, r.submitted_at, trim(a.text) AS comment
    FROM group_responses r
    JOIN answers a ON a.response_id = r.id AND a.question = $3 AND a.instrument = 'resident'
    WHERE nullif(trim(a.text), '') IS NOT NULL
  )
  SELECT (SELECT count(*) FROM group_responses)::INTEGER AS responses,
         (SELECT list(comment ORDER BY submitted_at, id) FROM written) AS comments`;
