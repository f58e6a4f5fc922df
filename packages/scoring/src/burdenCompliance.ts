import type { ScoringSettings } from '@manyi/domain/framework';
import type { Instrument } from '@manyi/domain/instrument';
import type { Queryable } from './queryable.ts';

/** A street's burden figures (减负): how many of its communities report too many inspections or meetings. */
export interface BurdenCompliance {
  street: string;
  /** Communities that reported their inspections or meetings of last month. */
  reporting: number;
  /** Of those, communities reporting more than the allowed inspections or meetings. */
  over: number;
  /** Share of reporting communities within the limits (1 − over/reporting). */
  compliance: number;
}

/**
 * Burden compliance per street: the share of its communities reporting more than 3 inspections
 * or more than 4 meetings last month (街道对社区工作的检查每月不超过3次; 会议每月不超过4次), from
 * the community_to_street instrument's `figures` (inspections, meetings). A community that sent
 * several forms is over the limit if any of them says so. Empty if the instrument asks neither.
 *
 * @example await burdenCompliance(store, 2026, communityToStreet, framework.settings)
 */
export async function burdenCompliance(
  db: Queryable,
  year: number,
  instrument: Instrument,
  settings: Pick<ScoringSettings, 'maxInspections' | 'maxMeetings'>,
): Promise<BurdenCompliance[]> {
  const { inspections, meetings } = instrument.figures;
  if (!inspections && !meetings) return [];
  const rows = await db.query<{ street: string; reporting: bigint; over: bigint }>(
    burdenComplianceSql,
    [
      inspections ?? null,
      meetings ?? null,
      year,
      instrument.name,
      settings.maxInspections,
      settings.maxMeetings,
    ],
  );
  return rows.map((r) => {
    const [reporting, over] = [Number(r.reporting), Number(r.over)];
    return { street: r.street, reporting, over, compliance: 1 - over / reporting };
  });
}

const burdenComplianceSql = `
  WITH figure AS (
    SELECT ?::VARCHAR AS inspections, ?::VARCHAR AS meetings
  ),
  community_report AS (
    SELECT r.subject_code AS street, coalesce(r.rater_code, r.id) AS community,
           max(a.value) FILTER (WHERE a.question = f.inspections) AS inspections,
           max(a.value) FILTER (WHERE a.question = f.meetings) AS meetings
    FROM valid_responses r
    JOIN answers a ON a.response_id = r.id AND a.year = r.year AND a.instrument = r.instrument
    CROSS JOIN figure f
    WHERE r.year = ? AND r.instrument = ? AND a.value IS NOT NULL
      AND (a.question = f.inspections OR a.question = f.meetings)
    GROUP BY ALL
  )
  SELECT street, count(*) AS reporting,
         count(*) FILTER (WHERE inspections > ? OR meetings > ?) AS over
  FROM community_report
  GROUP BY street
  ORDER BY street`;
