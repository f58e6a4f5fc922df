import type { Framework } from '@manyi/domain/framework';
import type { Queryable } from './queryable.ts';
import type { UnitResult } from './unitResult.ts';
import type { Reliability } from './cronbachAlpha.ts';
import { resultOfStored } from './storedResult.ts';

/** A scoring run as `scoring_runs` records it. */
export interface ScoringRun {
  runId: number;
  year: number;
  method: string;
  seed: number;
  framework: Framework;
  createdAt: Date;
  summary: ScoringRunSummary;
}

/** Figures of a run that belong to no unit. */
export interface ScoringRunSummary {
  /** Cronbach's α per dimension of each instrument scored. */
  reliability: Record<string, Reliability[]>;
  communities: number;
  streets: number;
  /** Wall time of the run, for the record (not a result). */
  durationMs: number;
}

/** A run with its results, streets first, then communities, in code order. */
export interface YearResults {
  run: ScoringRun;
  results: UnitResult[];
}

/**
 * The results of a year's latest scoring run, as stored: nothing is recomputed. Undefined when
 * the year has not been scored.
 *
 * @example const { run, results } = (await latestResults(store, 2026))!;
 */
export async function latestResults(db: Queryable, year: number): Promise<YearResults | undefined> {
  const [run] = await db.query<RunRow>(
    `SELECT run_id, year, method, seed, framework, created_at, summary
     FROM scoring_runs WHERE year = ? ORDER BY run_id DESC LIMIT 1`,
    [year],
  );
  if (!run) return undefined;
  const rows = await db.query<{ row: string }>(
    `SELECT row FROM results WHERE run_id = ? ORDER BY level DESC, unit_code`,
    [run.run_id],
  );
  return {
    run: {
      runId: run.run_id,
      year: run.year,
      method: run.method,
      seed: Number(run.seed),
      framework: JSON.parse(run.framework),
      createdAt: run.created_at,
      summary: JSON.parse(run.summary),
    },
    results: rows.map((r) => resultOfStored(r.row)),
  };
}

interface RunRow {
  run_id: number;
  year: number;
  method: string;
  seed: bigint;
  framework: string;
  created_at: Date;
  summary: string;
}
