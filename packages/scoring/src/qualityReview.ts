import type { ResponseDecision, ResponseStatus } from '@manyi/store/exclusions';
import { isCounted } from '@manyi/store/exclusions';
import type { Queryable } from './queryable.ts';
import type { QualityFlag } from './qualitySettings.ts';

/** Which of a year's reviewed resident responses to list. */
export interface QualityReviewQuery {
  /** Unit codes the reader may see (its scope and all below it); null: the whole city. */
  within: readonly string[] | null;
  flag?: QualityFlag;
  community?: string;
  /** A status other than `valid` (unflagged, undecided responses are not listed). */
  status?: Exclude<ResponseStatus, 'valid'>;
  /** At most this many, from `offset` on (default 100 from 0). */
  limit?: number;
  offset?: number;
}

/** One resident response under review: no free-text answer, only its ratings of the items. */
export interface ReviewedResponse {
  id: string;
  /** The submission id of its client (a paper questionnaire's number, for an import). */
  clientId: string;
  source: string;
  community: { code: string; name: string | null };
  street: { code: string; name: string | null } | null;
  grid: string | null;
  startedAt: string | null;
  submittedAt: string;
  /** Seconds from opening the form to submitting it; null when its start is unknown. */
  durationSeconds: number | null;
  status: ResponseStatus;
  /** Whether it counts in scoring (is in `valid_responses`). */
  counted: boolean;
  /** Its flags in force (the year's newest run of the checks), with what each found. */
  flags: { flag: QualityFlag; detail: Record<string, unknown> }[];
  /** Evaluators' decisions on it, newest (the one in force) first. */
  decisions: Omit<ResponseDecision, 'responseId' | 'year'>[];
  /** Its answers to the instrument's rated items, in form order; null is 不了解. */
  ratings: Record<string, number | null>;
}

/** A page of reviewed responses. */
export interface QualityReviewPage {
  year: number;
  /** Responses matching the query, over all pages. */
  total: number;
  limit: number;
  offset: number;
  responses: ReviewedResponse[];
}

/**
 * A year's resident responses that are flagged or have a decision, with their flags, decisions,
 * duration and ratings, in order of community, submission and id (stable pages). Filters by
 * the reader's region, a flag, a community and a status, all in one query.
 *
 * @example await qualityReview(store, 2026, { within: null, flag: 'speeder', limit: 50 })
 */
export async function qualityReview(
  db: Queryable,
  year: number,
  query: QualityReviewQuery,
): Promise<QualityReviewPage> {
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const [row] = await db.query<{ total: bigint; responses: ReviewRow[] }>(qualityReviewSql, [
    year,
    query.within === null ? null : JSON.stringify(query.within),
    query.community ?? null,
    query.status ?? null,
    query.flag ?? null,
    limit,
    offset,
  ]);
  return {
    year,
    total: Number(row!.total),
    limit,
    offset,
    responses: row!.responses.map(toReviewedResponse),
  };
}

// $1 year, $2 JSON list of visible unit codes or null, $3 community, $4 status, $5 flag,
// $6 limit, $7 offset
const qualityReviewSql = `
  WITH reviewed AS MATERIALIZED (
    SELECT r.id, r.subject_code, r.submitted_at, v.status
    FROM response_review v
    JOIN responses r ON r.id = v.response_id
    WHERE r.year = $1 AND r.instrument = 'resident'
      AND ($2 IS NULL OR r.subject_code IN (SELECT unnest(CAST($2::JSON AS VARCHAR[]))))
      AND ($3 IS NULL OR r.subject_code = $3)
      AND ($4 IS NULL OR v.status = $4)
      AND ($5 IS NULL OR r.id IN (SELECT response_id FROM current_quality_flags WHERE flag = $5))
  ),
  page AS MATERIALIZED (
    SELECT * FROM reviewed ORDER BY subject_code, submitted_at, id LIMIT $6 OFFSET $7
  ),
  snapshot AS (SELECT code, name, parent_code FROM campaign_units WHERE year = $1),
  item AS (
    SELECT json_extract_string(definition, '$.items[*].question') AS questions
    FROM instruments WHERE year = $1 AND name = 'resident'
  ),
  flags AS (
    SELECT f.response_id, list({'flag': f.flag, 'detail': f.detail} ORDER BY f.flag) AS flags
    FROM page JOIN current_quality_flags f ON f.response_id = page.id
    GROUP BY f.response_id
  ),
  decisions AS (
    SELECT d.response_id,
           list({'id': d.id, 'action': d.action, 'reason': d.reason, 'at': d.decided_at,
                 'via': d.via, 'userId': d.actor_id, 'username': d.actor_name,
                 'role': d.actor_role} ORDER BY d.id DESC) AS decisions
    FROM page JOIN response_decisions d ON d.response_id = page.id
    GROUP BY d.response_id
  ),
  ratings AS (
    SELECT a.response_id,
           list({'question': a.question, 'value': a.value}
                ORDER BY list_position(item.questions, a.question)) AS ratings
    FROM page JOIN answers a ON a.response_id = page.id, item
    WHERE list_contains(item.questions, a.question)
    GROUP BY a.response_id
  ),
  page_row AS (
    SELECT p.id, r.client_id, r.source, p.subject_code, c.name AS community_name,
           s.code AS street_code, s.name AS street_name, r.grid_code, r.started_at, p.submitted_at,
           (epoch_ms(p.submitted_at) - epoch_ms(r.started_at)) / 1000 AS seconds, p.status,
           coalesce(f.flags, []) AS flags, coalesce(d.decisions, []) AS decisions,
           coalesce(ra.ratings, []) AS ratings
    FROM page p
    JOIN responses r ON r.id = p.id
    LEFT JOIN snapshot c ON c.code = p.subject_code
    LEFT JOIN snapshot s ON s.code = c.parent_code
    LEFT JOIN flags f ON f.response_id = p.id
    LEFT JOIN decisions d ON d.response_id = p.id
    LEFT JOIN ratings ra ON ra.response_id = p.id
  )
  SELECT (SELECT count(*) FROM reviewed) AS total,
         coalesce((SELECT list(page_row ORDER BY subject_code, submitted_at, id) FROM page_row), [])
           AS responses`;

interface ReviewRow {
  id: string;
  client_id: string;
  source: string;
  subject_code: string;
  community_name: string | null;
  street_code: string | null;
  street_name: string | null;
  grid_code: string | null;
  started_at: Date | null;
  submitted_at: Date;
  seconds: number | null;
  status: ResponseStatus;
  flags: { flag: QualityFlag; detail: string | null }[];
  decisions: {
    id: bigint;
    action: ResponseDecision['action'];
    reason: string;
    at: Date;
    via: ResponseDecision['actor']['via'];
    userId: string | null;
    username: string;
    role: string | null;
  }[];
  ratings: { question: string; value: number | null }[];
}

/** A row of the page as the API gives it. */
function toReviewedResponse(r: ReviewRow): ReviewedResponse {
  return {
    id: r.id,
    clientId: r.client_id,
    source: r.source,
    community: { code: r.subject_code, name: r.community_name },
    street: r.street_code ? { code: r.street_code, name: r.street_name } : null,
    grid: r.grid_code,
    startedAt: r.started_at?.toISOString() ?? null,
    submittedAt: r.submitted_at.toISOString(),
    durationSeconds: r.seconds === null ? null : Math.round(r.seconds * 10) / 10,
    status: r.status,
    counted: isCounted(r.status),
    flags: r.flags.map((f) => ({
      flag: f.flag,
      detail: f.detail === null ? {} : (JSON.parse(f.detail) as Record<string, unknown>),
    })),
    decisions: r.decisions.map((d) => ({
      id: Number(d.id),
      action: d.action,
      reason: d.reason,
      at: d.at.toISOString(),
      actor: { via: d.via, userId: d.userId, username: d.username, role: d.role },
    })),
    ratings: Object.fromEntries(r.ratings.map((a) => [a.question, a.value])),
  };
}
