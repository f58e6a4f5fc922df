import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { instrumentSchema, type Instrument, type InstrumentName } from '@manyi/domain/instrument';
import { readFramework } from '@manyi/scoring/frameworkFile';
import { frameworkScorings } from '@manyi/scoring/frameworkScorings';
import {
  estimateResidentScores,
  type ResidentEstimate,
  type ResidentSample,
} from '@manyi/scoring/residentEstimates';
import { residentSample } from '@manyi/scoring/residentSample';
import { residentSampleFromCsv } from '@manyi/scoring/residentSampleFromCsv';
import { overallMeasure } from '@manyi/scoring/responseScoring';
import { openStore, type Store } from '@manyi/store/Store';

/** What the comparison with R measured, and whether the two agree. */
export interface AgainstR {
  respondents: number;
  communities: number;
  /** Manyi's resident estimates as a scoring run computes them: every measure, from the answers. */
  manyiFromAnswers: number;
  /** Manyi's estimator on the very file R reads, reading it included: overall score only. */
  manyiFromFile: number;
  /** The same on the file's rows once loaded into a table, as R's time starts after read.csv. */
  manyiLoaded: number;
  /** R: the svymean loop alone, and the whole Rscript process (start, read, loop, write). */
  rComputation: number;
  rTotal: number;
  maxScoreDifference: number;
  maxSeDifference: number;
  /** Communities scored by one side and not by the other. */
  unmatched: string[];
}

/** The agreement the issue asks for, on scores and standard errors. */
export const tolerance = 1e-6;

/**
 * Manyi against R's survey package on a scored year in the DuckDB file `path` (its quality flags
 * already set, so that both read the same valid responses): exports each valid resident
 * respondent with community, grid, grid population and overall score (the framework's weights,
 * as `scoreYear` uses them), runs `svymeanPerCommunity.R` on the file, times Manyi's estimator on
 * the same data, and compares every community's score and SE. Seconds are wall time, the fastest
 * of `rounds` runs for Manyi's in-process timings.
 */
export async function againstR(
  path: string,
  year: number,
  dir: string,
  rounds = 3,
): Promise<AgainstR> {
  const store = await openStore({ path });
  try {
    const scoring = frameworkScorings(
      readFramework(),
      await yearInstruments(store, year),
    ).resident!;
    const fromAnswers = residentSample(year, scoring);
    const respondentsCsv = join(dir, 'respondents.csv');
    const respondents = await exportRespondents(store, fromAnswers, respondentsCsv);
    const fromFile = residentSampleFromCsv(respondentsCsv);

    const manyiFromAnswers = await fastest(rounds, () =>
      estimateResidentScores(store, fromAnswers),
    );
    const manyiFromFile = await fastest(rounds, () => estimateResidentScores(store, fromFile));
    await store.query(loadRespondentsSql, [respondentsCsv]);
    let manyi: ResidentEstimate[] = [];
    const manyiLoaded = await fastest(rounds, async () => {
      manyi = await estimateResidentScores(store, loadedSample);
    });
    await store.query('DROP TABLE bench_respondents');

    const rCsv = join(dir, 'r-estimates.csv');
    const started = performance.now();
    const r = spawnSync(
      'Rscript',
      [new URL('./svymeanPerCommunity.R', import.meta.url).pathname, respondentsCsv, rCsv],
      { encoding: 'utf8' },
    );
    const rTotal = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`Rscript failed (${r.status}): ${r.stderr}`);
    const rComputation = Number(/seconds=([\d.]+)/.exec(r.stdout)?.[1]);

    return {
      respondents,
      communities: manyi.length,
      manyiFromAnswers,
      manyiFromFile,
      manyiLoaded,
      rComputation,
      rTotal,
      ...compare(manyi, readEstimates(rCsv)),
    };
  } finally {
    await store.close();
  }
}

/** The instruments stored for the year, by name. */
async function yearInstruments(
  store: Store,
  year: number,
): Promise<Partial<Record<InstrumentName, Instrument>>> {
  const rows = await store.query<{ definition: string }>(
    'SELECT definition FROM instruments WHERE year = ?',
    [year],
  );
  const instruments = rows.map((r) => instrumentSchema.parse(JSON.parse(r.definition)));
  return Object.fromEntries(instruments.map((i) => [i.name, i]));
}

/**
 * Every valid respondent of the sample, with their overall score where they have one (the scores
 * file `residentSampleFromCsv` reads). Numbers are written in JavaScript's shortest form that
 * reads back to the same double. Returns the count.
 */
async function exportRespondents(
  store: Store,
  sample: ResidentSample,
  path: string,
): Promise<number> {
  const rows = await store.query<{
    respondent: string;
    community: string;
    grid: string | null;
    grid_population: number | null;
    score: number | null;
  }>(respondentScoresSql(sample), sample.respondents.params);
  const cell = (value: string | number | null) => (value === null ? '' : String(value));
  const lines = rows.map((r) =>
    [r.respondent, r.community, r.grid, r.grid_population, r.score].map(cell).join(','),
  );
  writeFileSync(path, ['respondent,community,grid,grid_population,score', ...lines, ''].join('\n'));
  return rows.length;
}

/** The sample's respondents (scores as columns, `score_0` the overall), each with its overall score or none. */
function respondentScoresSql(sample: ResidentSample): string {
  return `
  SELECT respondent, community, grid, grid_population, score_0 AS score
  FROM (${sample.respondents.sql})
  ORDER BY community, respondent`;
}

/** The respondents file as a temporary table of the reading connection, typed as R reads it. */
const loadRespondentsSql = `
  CREATE TEMP TABLE bench_respondents AS
  SELECT respondent, community, grid, CAST(grid_population AS DOUBLE) AS grid_population,
         CAST(score AS DOUBLE) AS score
  FROM read_csv(?, header = true, all_varchar = true)`;

/** The loaded respondents as the estimator's sample: `residentSampleFromCsv` on a table. */
const loadedSample: ResidentSample = {
  respondents: {
    sql: 'SELECT respondent, community, grid, grid_population FROM bench_respondents',
    params: [],
  },
  scores: {
    sql: `SELECT ?::VARCHAR AS measure, respondent, score FROM bench_respondents
          WHERE score IS NOT NULL`,
    params: [overallMeasure],
  },
  measures: [overallMeasure],
};

/** The fastest of `rounds` runs of `work`, in seconds. */
async function fastest(rounds: number, work: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

/** R's output: community → [score, se], null where R had no score. */
function readEstimates(path: string): Map<string, [number | null, number | null]> {
  const value = (text: string | undefined) => (text ? Number(text) : null);
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return new Map(
    lines.map((line) => {
      const [community, score, se] = line.split(',');
      return [community!, [value(score), value(se)]];
    }),
  );
}

/** Largest differences over the communities both scored, and those only one side has. */
function compare(
  manyi: readonly ResidentEstimate[],
  r: Map<string, [number | null, number | null]>,
): Pick<AgainstR, 'maxScoreDifference' | 'maxSeDifference' | 'unmatched'> {
  let maxScoreDifference = 0;
  let maxSeDifference = 0;
  const unmatched: string[] = [];
  for (const m of manyi) {
    const [score, se] = r.get(m.community) ?? [null, null];
    if ((m.score === null) !== (score === null) || (m.se === null) !== (se === null)) {
      unmatched.push(m.community);
      continue;
    }
    if (score !== null)
      maxScoreDifference = Math.max(maxScoreDifference, Math.abs(m.score! - score));
    if (se !== null) maxSeDifference = Math.max(maxSeDifference, Math.abs(m.se! - se));
  }
  for (const community of r.keys())
    if (!manyi.some((m) => m.community === community)) unmatched.push(community);
  return { maxScoreDifference, maxSeDifference, unmatched };
}
