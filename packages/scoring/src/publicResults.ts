import { bilingual } from '@manyi/domain/messages';
import type { ScoringSettings } from '@manyi/domain/framework';
import type { Queryable } from './queryable.ts';
import { latestResults, type ScoringRun, type YearResults } from './latestResults.ts';
import { resultColumns, type ResultColumn } from './resultRecords.ts';
import { tooFewResponses, type UnitResult } from './unitResult.ts';

/** Public results suppress any group with fewer valid resident responses than this (PRODUCT.md). */
export const publicMinimumResponses = 10;

/** What the public may see of a year: only groups of at least `publicMinimumResponses`. */
export interface PublicResults {
  year: number;
  /** The run the figures come from (its id, seed and time are printed with them). */
  run: Pick<ScoringRun, 'runId' | 'seed' | 'createdAt' | 'method'>;
  /** Settings a reader needs to understand the figures (样本不足 threshold, rank interval level). */
  settings: Pick<ScoringSettings, 'minResponses' | 'rankIntervalLevel' | 'rankDraws'>;
  /** Districts with at least one published unit, in code order. */
  districts: PublicDistrict[];
  /** Units (streets and communities) left out because they had too few responses. */
  suppressed: number;
}

/** A district's published units, each ranked list best first, units without a rank after. */
export interface PublicDistrict {
  code: string;
  name: string;
  streets: UnitResult[];
  communities: UnitResult[];
  /** Streets and communities of this district left out. */
  suppressed: number;
}

/**
 * The year's latest stored results as the public may see them: every community and street with
 * fewer than `publicMinimumResponses` respondents is left out (only counted), and so is a district
 * whose communities together have fewer. Undefined when the year has not been scored. The units
 * are kept whole, for the site to pick from; only `publicColumns` and the site's own tables reach
 * the public, never dimensions, ratings or grid-level flags.
 *
 * @example const published = await publicResults(store, 2026); // published.suppressed → 7
 */
export async function publicResults(
  db: Queryable,
  year: number,
): Promise<PublicResults | undefined> {
  const stored = await latestResults(db, year);
  return stored && publicResultsOf(year, stored);
}

/** `publicResults` of a year's stored results already read. */
export function publicResultsOf(year: number, { run, results }: YearResults): PublicResults {
  const districts = new Map<string, { name: string; units: UnitResult[]; respondents: number }>();
  for (const unit of results) {
    const district = districts.get(unit.districtCode) ?? {
      name: unit.districtName,
      units: [],
      respondents: 0,
    };
    district.units.push(unit);
    if (unit.level === 'community') district.respondents += unit.resident.n;
    districts.set(unit.districtCode, district);
  }
  const published: PublicDistrict[] = [];
  let suppressed = 0;
  for (const [code, district] of [...districts].sort(([a], [b]) => a.localeCompare(b))) {
    const shown =
      district.respondents >= publicMinimumResponses ? district.units.filter(isPublishable) : [];
    suppressed += district.units.length - shown.length;
    if (!shown.length) continue;
    published.push({
      code,
      name: district.name,
      streets: shown.filter((u) => u.level === 'street').sort(byRank),
      communities: shown.filter((u) => u.level === 'community').sort(byRank),
      suppressed: district.units.length - shown.length,
    });
  }
  const { minResponses, rankIntervalLevel, rankDraws } = run.framework.settings;
  return {
    year,
    run: { runId: run.runId, seed: run.seed, createdAt: run.createdAt, method: run.method },
    settings: { minResponses, rankIntervalLevel, rankDraws },
    districts: published,
    suppressed,
  };
}

/** Whether a unit has enough respondents to be shown at all. */
export function isPublishable(unit: UnitResult): boolean {
  return unit.resident.n >= publicMinimumResponses;
}

/**
 * The columns of the public CSV: the results file's (same keys, same Chinese headers) restricted
 * to what the public table shows. Scores are rounded to one decimal as on the page; a street's
 * resident score is left out (with its published communities and populations it would give away
 * the score of a suppressed community); the only flag shown is 样本不足 (含单人网格 would tell
 * about grids).
 *
 * @example publicColumns().map((c) => c.header) // → ['年度', '层级', '区县编码', …]
 */
export function publicColumns(): ResultColumn[] {
  const byKey = new Map(resultColumns([]).map((c) => [c.key, c]));
  return publicKeys.map((key) => {
    const column = byKey.get(key);
    if (!column)
      throw new Error(bilingual(`结果列 ${key} 不存在`, `the results file has no column ${key}`));
    return { ...column, value: publicValues[key] ?? roundedValue(column) };
  });
}

/**
 * The public table as text rows under Chinese headers, in the order of the page: district by
 * district, streets then communities, best first.
 */
export function publicTable(published: PublicResults): { columns: string[]; rows: string[][] } {
  const columns = publicColumns();
  const units = published.districts.flatMap((d) => [...d.streets, ...d.communities]);
  return {
    columns: columns.map((c) => c.header),
    rows: units.map((u) =>
      columns.map((c) => {
        const value = c.value(u);
        return value === null ? '' : String(value);
      }),
    ),
  };
}

/** The keys of `resultColumns` the public CSV keeps, in order. */
const publicKeys = [
  'year',
  'level',
  'district_code',
  'district_name',
  'street_code',
  'street_name',
  'code',
  'name',
  'kind',
  'n',
  'composite',
  'composite_low',
  'composite_high',
  'resident_score',
  'stars',
  'rank_district',
  'rank_district_low',
  'rank_district_high',
  'rank_district_of',
  'rank_class',
  'rank_class_low',
  'rank_class_high',
  'rank_class_of',
  'flags',
];

/** Values the public sees differently from the results file. */
const publicValues: Record<string, ResultColumn['value']> = {
  resident_score: (r) => (r.level === 'community' ? oneDecimal(r.resident.score) : null),
  flags: (r) => (r.flags.includes(tooFewResponses) ? tooFewResponses : ''),
};

/** A column whose fractional numbers are shown to one decimal. */
function roundedValue(column: ResultColumn): ResultColumn['value'] {
  return (r) => {
    const value = column.value(r);
    return typeof value === 'number' && !Number.isInteger(value) ? oneDecimal(value) : value;
  };
}

/** A score to one decimal, as the page shows it. */
function oneDecimal(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** Ranked units by rank (ties by code), then unranked ones by composite, best first. */
function byRank(a: UnitResult, b: UnitResult): number {
  const ra = a.rankInDistrict?.rank ?? Infinity;
  const rb = b.rankInDistrict?.rank ?? Infinity;
  if (ra !== rb) return ra - rb;
  return (b.composite ?? -Infinity) - (a.composite ?? -Infinity) || a.code.localeCompare(b.code);
}
