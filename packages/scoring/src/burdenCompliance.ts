import type { ScoringSettings } from '@manyi/domain/framework';
import { figurePosition, type Instrument } from '@manyi/domain/instrument';
import { itemColumn } from '@manyi/store/responseItemColumns';
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
  if (!instrument.figures.inspections && !instrument.figures.meetings) return [];
  const column = (figure: 'inspections' | 'meetings') => {
    const position = figurePosition(instrument, figure);
    return position === undefined ? 'NULL::DOUBLE' : `i.${itemColumn(position)}`;
  };
  const rows = await db.query<{ street: string; reporting: bigint; over: bigint }>(
    burdenComplianceSql(column('inspections'), column('meetings')),
    [year, instrument.name, settings.maxInspections, settings.maxMeetings],
  );
  return rows.map((r) => {
    const [reporting, over] = [Number(r.reporting), Number(r.over)];
    return { street: r.street, reporting, over, compliance: 1 - over / reporting };
  });
}

/**
 * The figures from the valid responses' rows of `response_items` (`inspections` and `meetings`
 * their columns there, fixed in this file, or NULL), each joined to its response for the rater.
 */
function burdenComplianceSql(inspections: string, meetings: string): string {
  return `
  WITH community_report AS (
    SELECT r.subject_code AS street, coalesce(r.rater_code, r.id) AS community,
           max(${inspections}) AS inspections, max(${meetings}) AS meetings
    FROM valid_response_items i
    JOIN responses r ON r.id = i.response_id AND r.year = i.year AND r.instrument = i.instrument
    WHERE i.year = ? AND i.instrument = ? AND (${inspections} IS NOT NULL OR ${meetings} IS NOT NULL)
    GROUP BY ALL
  )
  SELECT street, count(*) AS reporting,
         count(*) FILTER (WHERE inspections > ? OR meetings > ?) AS over
  FROM community_report
  GROUP BY street
  ORDER BY street`;
}
