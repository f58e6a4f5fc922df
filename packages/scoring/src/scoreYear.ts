import type { CampaignState } from '@manyi/domain/campaign';
import { compositeLeaves, compositeLevels, type Framework } from '@manyi/domain/framework';
import { FrameworkError, frameworkProblems } from '@manyi/domain/frameworkPolicy';
import { isFrozen } from '@manyi/domain/lifecycle';
import { instrumentSchema, type Instrument, type InstrumentName } from '@manyi/domain/instrument';
import { bilingual } from '@manyi/domain/messages';
import { appendRows } from '@manyi/store/appendRows';
import { audit, systemActor, type Actor } from '@manyi/store/audit';
import { CampaignRefusedError } from '@manyi/store/CampaignRefusedError';
import { frozenYearError } from '@manyi/store/frozenYears';
import type { Store } from '@manyi/store/Store';
import { buildResults } from './buildResults.ts';
import { burdenCompliance } from './burdenCompliance.ts';
import { campaignUnits } from './campaignUnits.ts';
import { cronbachAlpha } from './cronbachAlpha.ts';
import { frameworkScorings } from './frameworkScorings.ts';
import { readFramework } from './frameworkFile.ts';
import {
  latestResults,
  type ScoringRun,
  type ScoringRunSummary,
  type YearResults,
} from './latestResults.ts';
import { objectiveFigures } from './objectiveFigures.ts';
import { refreshQualityFlagsOn } from './qualityChecks.ts';
import { onConnection, type Queryable } from './queryable.ts';
import { rankResults } from './rankResults.ts';
import { storedResult } from './storedResult.ts';
import type { UnitResult } from './unitResult.ts';
import { estimateResidentScores } from './residentEstimates.ts';
import { residentSample } from './residentSample.ts';
import { communityRatingsOfStreets, streetRatingsOfCommunities } from './twoWayRatings.ts';

export interface ScoreYearOptions {
  /** The indicator framework; default data/frameworks/default.json. */
  framework?: Framework;
  /** Seed of the rank simulation, recorded with the run; default the year. */
  seed?: number;
  /** Who runs it, for the audit log (the run, and a quality check it triggers); default the system. */
  actor?: Actor;
  /** Called as each step of the run begins (for a progress display); never changes the numbers. */
  onStep?: (step: ScoringStep) => void;
}

/** The steps of a scoring run, in the order they run. */
export const scoringSteps = [
  'check',
  'residents',
  'twoWay',
  'composite',
  'reliability',
  'write',
] as const;
export type ScoringStep = (typeof scoringSteps)[number];

/** The method a run records: bump when a change alters the numbers of the same inputs. */
export const scoringMethod =
  'manyi-2: stratified Taylor SE (R survey), two-way, framework composite; rank intervals from one ziggurat normal per unit and draw, shared by its district and class rankings';

/**
 * Scores a campaign year: reads its valid responses, instruments, snapshot of units, objective
 * figures and last year's results, computes every community's and street's figures (resident
 * estimates overall and per dimension, two-way ratings, burden compliance, composite, stars,
 * ranks with rank intervals, change since last year, flags) and Cronbach's α, and writes a
 * `scoring_runs` row with all results in one transaction, so that the reads see one snapshot
 * and a failed run leaves nothing. A finalized (or published) year is frozen and refused.
 *
 * @example const { run, results } = await scoreYear(store, 2026, { seed: 7 });
 */
export async function scoreYear(
  store: Store,
  year: number,
  options: ScoreYearOptions = {},
): Promise<YearResults> {
  const started = performance.now();
  const seed = options.seed ?? year;
  const step = options.onStep ?? (() => {});
  return store.transaction(async (connection) => {
    const db = onConnection(connection);
    step('check');
    await assertScorable(db, year);
    // flagged responses are left out by default: check the responses no quality run has seen yet
    await refreshQualityFlagsOn(connection, year, options.actor ?? systemActor);
    const instruments = await campaignInstruments(db, year);
    const framework = options.framework ?? readFramework();
    const problems = frameworkProblems(framework, instruments);
    if (problems.length) throw new FrameworkError(problems);
    if (!instruments.resident)
      throw new Error(
        bilingual(`${year} 年测评没有居民问卷`, `the ${year} campaign has no resident instrument`),
      );

    const scorings = frameworkScorings(framework, instruments);
    const { settings } = framework;
    const figures = compositeLevels
      .flatMap((level) => compositeLeaves(framework[level]))
      .flatMap(({ indicator: { source } }) => (source.kind === 'objective' ? [source.figure] : []));
    step('residents');
    const units = await campaignUnits(db, year);
    const residentEstimates = await estimateResidentScores(
      db,
      residentSample(year, scorings.resident!),
      settings,
    );
    step('twoWay');
    const streetRatings = scorings.street_to_community
      ? await streetRatingsOfCommunities(db, year, scorings.street_to_community)
      : [];
    const communityRatings = scorings.community_to_street
      ? await communityRatingsOfStreets(db, year, scorings.community_to_street)
      : [];
    const burden = instruments.community_to_street
      ? await burdenCompliance(db, year, instruments.community_to_street, settings)
      : [];
    step('composite');
    const objective = await objectiveFigures(db, year, figures);
    const previous = (await latestResults(db, year - 1))?.results ?? [];
    // from the database that keeps the runs (PostgreSQL's is shared by every API process)
    const [[next]] = (
      await connection.runAndReadAll('SELECT coalesce(max(run_id), 0) + 1 FROM scoring_runs')
    ).getRowsJS() as [[number]];
    // α is DuckDB's work and the composites are JavaScript's: α's queries run (one after another,
    // the connection's only ones) while this thread computes the composites and rank intervals,
    // which give the event loop a turn now and then for the queries' continuations
    const reliabilityRun = reliabilityOf(db, year, scorings);
    const results = await settlingFirst(reliabilityRun, () =>
      rankResults(
        buildResults({
          year,
          framework,
          units,
          residentEstimates,
          streetRatings,
          communityRatings,
          burden,
          objective,
          previous,
        }),
        settings,
        seed,
      ),
    );
    const rows = results.map((r) => [next, year, r.code, r.level, storedResult(r)]);
    step('reliability');
    const reliability = await reliabilityRun;

    step('write');
    const summary: ScoringRunSummary = {
      reliability,
      communities: results.filter((r) => r.level === 'community').length,
      streets: results.filter((r) => r.level === 'street').length,
      durationMs: Math.round(performance.now() - started),
    };
    const createdAt = new Date();
    const run: ScoringRun = {
      runId: next,
      year,
      method: scoringMethod,
      seed,
      framework: JSON.parse(JSON.stringify(framework)) as Framework,
      createdAt,
      summary,
    };
    await connection.run(
      'INSERT INTO scoring_runs (run_id, year, method, seed, framework, created_at, summary) VALUES (?, ?, ?, ?, ?, ?::TIMESTAMPTZ, ?)',
      // the time bound, not now(): on PostgreSQL the statement is made again on the DuckDB copy
      [
        next,
        year,
        scoringMethod,
        seed,
        JSON.stringify(framework),
        createdAt.toISOString(),
        JSON.stringify(summary),
      ],
    );
    await appendRows(
      connection,
      'results',
      ['integer', 'integer', 'varchar', 'varchar', 'varchar'],
      rows,
    );
    await audit(connection, {
      actor: options.actor ?? systemActor,
      action: 'scoring.run',
      target: `scoring_run:${next}`,
      year,
      after: { runId: next, seed, communities: summary.communities, streets: summary.streets },
    });
    // what latestResults would read back, without reading and parsing a province's results again
    return { run, results: [...results].sort(storedOrder) };
  });
}

/** Cronbach's α of every instrument's measures, one instrument after another. */
async function reliabilityOf(
  db: Queryable,
  year: number,
  scorings: ReturnType<typeof frameworkScorings>,
): Promise<ScoringRunSummary['reliability']> {
  const reliability: ScoringRunSummary['reliability'] = {};
  for (const [name, scoring] of Object.entries(scorings))
    reliability[name] = await cronbachAlpha(db, year, scoring);
  return reliability;
}

/**
 * `work()` while `running` goes on; if the work fails, the failure once `running` has settled,
 * so that no query is still running on the connection when the transaction rolls back.
 * `running` counts as handled from the start: its failure while `work` yields is not an
 * unhandled rejection, and is thrown where the caller awaits it.
 */
async function settlingFirst<T>(running: Promise<unknown>, work: () => Promise<T>): Promise<T> {
  running.catch(() => {});
  try {
    return await work();
  } catch (error) {
    await running.catch(() => {});
    throw error;
  }
}

/** The order `latestResults` reads results in: streets first, then communities, by code. */
function storedOrder(a: UnitResult, b: UnitResult): number {
  if (a.level !== b.level) return a.level < b.level ? 1 : -1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Refuses a year without a campaign, or one that is finalized: its published numbers are frozen. */
async function assertScorable(db: Queryable, year: number): Promise<void> {
  const [campaign] = await db.query<{ state: CampaignState }>(
    'SELECT state FROM campaigns WHERE year = ?',
    [year],
  );
  if (!campaign)
    throw new CampaignRefusedError(
      year,
      'missing',
      bilingual(`没有 ${year} 年的测评`, `no campaign for ${year}`),
    );
  if (isFrozen(campaign.state)) throw frozenYearError(year, campaign.state);
}

/** The instruments stored for a campaign year, by name. */
async function campaignInstruments(
  db: Queryable,
  year: number,
): Promise<Partial<Record<InstrumentName, Instrument>>> {
  const rows = await db.query<{ definition: string }>(
    'SELECT definition FROM instruments WHERE year = ?',
    [year],
  );
  const instruments = rows.map((r) => instrumentSchema.parse(JSON.parse(r.definition)));
  return Object.fromEntries(instruments.map((i) => [i.name, i]));
}
