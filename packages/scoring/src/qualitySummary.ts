import type { ResponseStatus } from '@manyi/store/exclusions';
import { latestQualityRun, residentResponseCount, type QualityRun } from './qualityRuns.ts';
import type { Queryable } from './queryable.ts';
import { qualityFlags, type QualityFlag } from './qualitySettings.ts';

/** Counts of a set of resident responses: by flag in force and by derived status. */
export interface QualityCounts {
  responses: number;
  /** Responses carrying each flag (a response may carry several). */
  flags: Record<QualityFlag, number>;
  /** Responses in each status; `valid` ones have neither a flag nor a decision. */
  statuses: Record<ResponseStatus, number>;
  /** Responses that count in scoring (valid or reinstated). */
  counted: number;
}

/** One community's counts, with its name and street from the year's snapshot of units. */
export interface CommunityQuality extends QualityCounts {
  code: string;
  name: string | null;
  street: { code: string; name: string | null } | null;
}

/** A year's data quality at a glance, within the reader's region. */
export interface QualitySummary extends QualityCounts {
  year: number;
  /** The run of the checks in force, or null before the first. */
  run: QualityRun | null;
  /** Resident responses (city-wide) that came in after that run: no check has seen them yet. */
  unchecked: number;
  /** Communities with resident responses, by code. */
  communities: CommunityQuality[];
}

/**
 * Counts per flag and per status, in total and per community, of a year's resident responses
 * within `within` (unit codes; null for the whole city), with the run of the checks in force and
 * how many responses came in after it.
 *
 * @example await qualitySummary(store, 2026, null) // → { run, unchecked, flags, statuses, communities }
 */
export async function qualitySummary(
  db: Queryable,
  year: number,
  within: readonly string[] | null,
): Promise<QualitySummary> {
  const rows = await db.query<CommunityRow>(qualitySummarySql, [
    year,
    within === null ? null : JSON.stringify(within),
  ]);
  const communities = rows.map((r): CommunityQuality => ({
    code: r.code,
    name: r.name,
    street: r.street_code ? { code: r.street_code, name: r.street_name } : null,
    ...countsOf(r),
  }));
  const run = (await latestQualityRun(db, year)) ?? null;
  const now = await residentResponseCount(db, year);
  return {
    year,
    run,
    unchecked: now - (run?.checked ?? 0),
    ...sumOf(communities),
    communities,
  };
}

const qualitySummarySql = `
  WITH snapshot AS (SELECT code, name, parent_code FROM campaign_units WHERE year = $1),
  resident AS (
    SELECT id, subject_code FROM responses
    WHERE year = $1 AND instrument = 'resident'
      AND ($2 IS NULL OR subject_code IN (SELECT unnest(CAST($2::JSON AS VARCHAR[]))))
  ),
  by_status AS (
    SELECT r.subject_code AS code, count(*) AS responses,
           count(*) FILTER (v.status IS NULL) AS valid,
           count(*) FILTER (v.status = 'flagged') AS flagged,
           count(*) FILTER (v.status = 'excluded') AS excluded,
           count(*) FILTER (v.status = 'reinstated') AS reinstated
    FROM resident r LEFT JOIN response_review v ON v.response_id = r.id
    GROUP BY r.subject_code
  ),
  by_flag AS (
    SELECT r.subject_code AS code,
           count(*) FILTER (f.flag = 'speeder') AS speeder,
           count(*) FILTER (f.flag = 'straight_line') AS straight_line,
           count(*) FILTER (f.flag = 'duplicate_device') AS duplicate_device
    FROM resident r JOIN current_quality_flags f ON f.response_id = r.id
    GROUP BY r.subject_code
  )
  SELECT s.*, c.name, street.code AS street_code, street.name AS street_name,
         coalesce(f.speeder, 0) AS speeder, coalesce(f.straight_line, 0) AS straight_line,
         coalesce(f.duplicate_device, 0) AS duplicate_device
  FROM by_status s
  LEFT JOIN by_flag f USING (code)
  LEFT JOIN snapshot c ON c.code = s.code
  LEFT JOIN snapshot street ON street.code = c.parent_code
  ORDER BY s.code`;

type CommunityRow = {
  code: string;
  name: string | null;
  street_code: string | null;
  street_name: string | null;
  responses: bigint;
} & Record<ResponseStatus | QualityFlag, bigint>;

/** A row's counts as numbers. */
function countsOf(r: CommunityRow): QualityCounts {
  const flags = Object.fromEntries(
    qualityFlags.map((f) => [f, Number(r[f])]),
  ) as QualityCounts['flags'];
  const statuses: QualityCounts['statuses'] = {
    valid: Number(r.valid),
    flagged: Number(r.flagged),
    excluded: Number(r.excluded),
    reinstated: Number(r.reinstated),
  };
  return {
    responses: Number(r.responses),
    flags,
    statuses,
    counted: statuses.valid + statuses.reinstated,
  };
}

/** The counts of all communities together. */
function sumOf(communities: readonly QualityCounts[]): QualityCounts {
  const total: QualityCounts = {
    responses: 0,
    flags: { speeder: 0, straight_line: 0, duplicate_device: 0 },
    statuses: { valid: 0, flagged: 0, excluded: 0, reinstated: 0 },
    counted: 0,
  };
  for (const c of communities) {
    total.responses += c.responses;
    total.counted += c.counted;
    for (const f of qualityFlags) total.flags[f] += c.flags[f];
    for (const s of Object.keys(total.statuses) as ResponseStatus[])
      total.statuses[s] += c.statuses[s];
  }
  return total;
}
