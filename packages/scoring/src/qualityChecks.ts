import type { CampaignState } from '@manyi/domain/campaign';
import { instrumentSchema, type Item } from '@manyi/domain/instrument';
import { isFrozen } from '@manyi/domain/lifecycle';
import { bilingual } from '@manyi/domain/messages';
import { audit, type Actor } from '@manyi/store/audit';
import { CampaignRefusedError } from '@manyi/store/CampaignRefusedError';
import { frozenYearError } from '@manyi/store/frozenYears';
import type { Store } from '@manyi/store/Store';
import { itemColumn } from '@manyi/store/responseItemColumns';
import type { Tx } from '@manyi/store/Tx';
import { onConnection, type Queryable } from './queryable.ts';
import { QualitySettingsError } from './QualitySettingsError.ts';
import { latestQualityRun, residentResponseCount, type QualityRun } from './qualityRuns.ts';
import {
  defaultQualitySettings,
  qualitySettingsProblems,
  type QualitySettings,
} from './qualitySettings.ts';

export interface FlagYearOptions {
  /** Who runs the checks (logged). */
  actor: Actor;
  /** Changes to the settings; the rest come from the year's newest run, else the defaults. */
  settings?: Partial<QualitySettings>;
}

/**
 * Runs the quality checks over a year's resident responses, in one transaction, and logs it:
 * see `flagYearOn`. Refused (`CampaignRefusedError`) for a year without a campaign or a frozen
 * one.
 *
 * @example await flagYear(store, 2026, { actor: machineActor(), settings: { speederShare: 0.3 } })
 */
export function flagYear(
  store: Store,
  year: number,
  options: FlagYearOptions,
): Promise<QualityRun> {
  return store.transaction((db) => flagYearOn(db, year, options), 'responses');
}

/**
 * Runs the quality checks inside the caller's transaction (for a scoring run to call first, so
 * that it reads flags as fresh as its responses): one set-based statement writes a new run's flags,
 * older runs stay as history and the newest is in force (`current_quality_flags`). Responses are
 * never touched. The checks, over the year's resident responses:
 * - `speeder`: submitted − started under `speederShare` × the median of that duration (responses
 *   without a start time, such as paper ones, are not timed);
 * - `straight_line`: at least `straightLineMinRated` of the instrument's items answered, every one
 *   with the same rating. A 不了解 is no rating, and one among the answers breaks the line: telling
 *   "don't know" from a rating is the differentiation a straight-liner does not make;
 * - `duplicate_device`: every response but the first (by submission) of a device hash within a
 *   community: one household, one answer.
 */
export async function flagYearOn(
  db: Tx,
  year: number,
  options: FlagYearOptions,
): Promise<QualityRun> {
  const started = performance.now();
  const q = onConnection(db);
  const { items, settings: inForce } = await writableYear(q, year);
  const given = Object.entries(options.settings ?? {}).filter(([, v]) => v !== undefined);
  const settings: QualitySettings = {
    ...defaultQualitySettings,
    ...inForce,
    ...Object.fromEntries(given),
  };
  const problems = qualitySettingsProblems(settings);
  if (problems.length) throw new QualitySettingsError(problems);

  // from the database that keeps the sequence (PostgreSQL's is shared by every API process)
  const [[id]] = (await db.runAndReadAll("SELECT nextval('quality_run_id')")).getRowsJS() as [
    [bigint],
  ];
  const runId = Number(id);
  const straightLines = straightLinesSql(items);
  await db.insertAnalyzed(
    'quality_flags',
    ['integer', 'integer', 'varchar', 'varchar', 'varchar'],
    flagSql(straightLines.sql),
    {
      runId,
      year,
      share: settings.speederShare,
      minRated: settings.straightLineMinRated,
      ...straightLines.params,
    },
  );
  // the responses the checks saw (on PostgreSQL, the DuckDB copy's), and the time bound, not
  // now(): the statement is made again on that copy
  const checked = await residentResponseCount(q, year);
  await db.run(
    `INSERT INTO quality_runs (run_id, year, settings, checked, created_at, via, actor_name, duration_ms)
     VALUES (?, ?, ?, ?, ?::TIMESTAMPTZ, ?, ?, ?)`,
    [
      runId,
      year,
      JSON.stringify(settings),
      checked,
      new Date().toISOString(),
      options.actor.via,
      options.actor.username,
      Math.round(performance.now() - started),
    ],
  );
  const run = (await latestQualityRun(q, year))!;
  await audit(db, {
    actor: options.actor,
    action: 'quality.flag',
    target: `quality:${year}`,
    year,
    after: { runId, settings, checked: run.checked, counts: run.counts, flagged: run.flagged },
  });
  return run;
}

/**
 * Runs the checks again inside the caller's transaction when responses came in since the year's
 * newest run, or there is none, with that run's settings; else returns the newest run. For a
 * scoring run to call first, so that it never counts a response no check has seen.
 */
export async function refreshQualityFlagsOn(
  db: Tx,
  year: number,
  actor: Actor,
): Promise<QualityRun> {
  const q = onConnection(db);
  const latest = await latestQualityRun(q, year);
  if (latest && (await residentResponseCount(q, year)) === latest.checked) return latest;
  return flagYearOn(db, year, { actor });
}

/**
 * The checks, with the straight-line check over `items`' columns of `response_items`: the rows of
 * run `$runId`'s `quality_flags`.
 */
const flagSql = (straightLinesCte: string) => `
  -- read where used, not materialized: holding a province's 2 million ids once cost more than
  -- the few column scans of responses it saved
  WITH resident AS NOT MATERIALIZED (
    SELECT id, subject_code, started_at, submitted_at
    FROM responses WHERE year = $year AND instrument = 'resident'
  ),
  timed AS NOT MATERIALIZED (
    -- milliseconds apart, not \`submitted_at - started_at\`: an interval of TIMESTAMPTZ goes through
    -- the time zone's calendar, ten times slower
    SELECT id, (epoch_ms(submitted_at) - epoch_ms(started_at)) / 1000 AS seconds
    FROM resident WHERE started_at IS NOT NULL
  ),
  typical AS (SELECT median(seconds) AS median_seconds FROM timed),
  speeders AS (
    SELECT t.id, 'speeder' AS flag,
           json_object('seconds', round(t.seconds, 1), 'medianSeconds', round(m.median_seconds, 1),
                       'share', $share) AS detail
    FROM timed t, typical m
    WHERE t.seconds < $share * m.median_seconds
  ),
  ${straightLinesCte},
  device_use AS (
    SELECT r.id,
           row_number() OVER same_device AS nth,
           first_value(r.id) OVER same_device AS first_id,
           count(*) OVER (PARTITION BY r.subject_code, d.device_hash) AS uses
    FROM resident r JOIN response_devices d ON d.response_id = r.id
    WINDOW same_device AS (PARTITION BY r.subject_code, d.device_hash ORDER BY r.submitted_at, r.id)
  ),
  duplicates AS (
    SELECT id, 'duplicate_device' AS flag,
           json_object('sameDevice', uses, 'firstResponseId', first_id) AS detail
    FROM device_use WHERE nth > 1
  )
  SELECT $runId::INTEGER AS run_id, $year::INTEGER AS year, id, flag, CAST(detail AS VARCHAR) AS detail
  FROM (FROM speeders UNION ALL FROM straight_lines UNION ALL FROM duplicates)`;

/**
 * The items of the year's resident instrument and the settings of its newest run, after refusing
 * a year without a campaign or a frozen one (its data take no write, flags included). A year
 * without the instrument has no items: nothing is a straight line.
 */
async function writableYear(
  db: Queryable,
  year: number,
): Promise<{ items: Item[]; settings: Partial<QualitySettings> }> {
  const [row] = await db.query<{
    state: CampaignState;
    definition: string | null;
    settings: string | null;
  }>(
    `SELECT c.state, i.definition,
            (SELECT settings FROM quality_runs WHERE year = c.year ORDER BY run_id DESC LIMIT 1) AS settings
     FROM campaigns c
     LEFT JOIN instruments i ON i.year = c.year AND i.name = 'resident'
     WHERE c.year = ?`,
    [year],
  );
  if (!row)
    throw new CampaignRefusedError(
      year,
      'missing',
      bilingual(`没有 ${year} 年度的测评`, `there is no ${year} campaign`),
    );
  if (isFrozen(row.state)) throw frozenYearError(year, row.state);
  return {
    items: row.definition ? instrumentSchema.parse(JSON.parse(row.definition)).items : [],
    settings: row.settings ? (JSON.parse(row.settings) as QualitySettings) : {},
  };
}

/**
 * The straight-line check (one value for every item, at least `minRated` of them, none 不了解)
 * over each response's row of `response_items`: a province's 2 million rows, not its 40 million
 * long answers grouped by response. An item is rated when its number lies on its scale and is
 * none of its 不了解 values; `answered` counts every item answer, 不了解 included, so a response
 * is a straight line when all its answered items are rated and their least and greatest agree.
 */
function straightLinesSql(items: readonly Item[]): { sql: string; params: Record<string, number> } {
  const params: Record<string, number> = {};
  const itemColumns = items.map((_, i) => itemColumn(i + 1));
  const rated = items.map((item, i) => {
    const v = itemColumns[i]!;
    params[`lo${i}`] = item.min;
    params[`hi${i}`] = item.max;
    const notApplicable = item.notApplicable.filter(
      (x): x is number => typeof x === 'number' && x >= item.min && x <= item.max,
    );
    notApplicable.forEach((x, k) => (params[`na${i}_${k}`] = x));
    const applicable = notApplicable.length
      ? ` AND ${v} NOT IN (${notApplicable.map((_, k) => `$na${i}_${k}::DOUBLE`).join(', ')})`
      : '';
    return `coalesce(${v} BETWEEN $lo${i}::DOUBLE AND $hi${i}::DOUBLE${applicable}, false)::INTEGER`;
  });
  const columns = itemColumns.join(', ');
  // neighbours that both have a number and differ rule a response out at once, before the least
  // and greatest of all its items are taken: a necessary condition, cheap on the rows it rejects
  const neighboursAgree = itemColumns
    .slice(1)
    .map((v, i) => `AND (${itemColumns[i]} IS NULL OR ${v} IS NULL OR ${itemColumns[i]} = ${v})`)
    .join('\n      ');
  const sql = items.length
    ? `-- one value throughout first (a few percent of the rows), the costlier count of rated items
  -- then on those alone: materialized, or the optimizer merges the two filters back into one
  straight_candidates AS MATERIALIZED (
    SELECT response_id, answered, least(${columns}) AS value, ${columns}
    FROM response_items
    WHERE year = $year AND instrument = 'resident' AND answered >= $minRated
      ${neighboursAgree}
      AND least(${columns}) = greatest(${columns})
  ),
  straight_lines AS (
    SELECT response_id AS id, 'straight_line' AS flag,
           json_object('value', value, 'rated', answered) AS detail
    FROM straight_candidates
    WHERE ${rated.join(' + ')} = answered
  )`
    : `straight_lines AS (
    SELECT NULL::VARCHAR AS id, 'straight_line' AS flag, NULL::JSON AS detail WHERE $minRated < 0
  )`;
  return { sql, params };
}
