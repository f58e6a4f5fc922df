import { listValue } from '@duckdb/node-api';
import { boundedExactSum, exactSum } from './exactSum.ts';
import { high95, low95 } from './interval95.ts';
import { BoundSql, measureScoreColumn } from './measureScores.ts';
import type { Queryable, SqlSource } from './queryable.ts';

/** Settings of the resident estimator (PRODUCT.md, "Scoring"). */
export interface ResidentEstimateOptions {
  /** A respondent is satisfied when their score is at least this (the top two points of a 5-point item). */
  satisfiedAt?: number;
}

export const defaultResidentEstimateOptions: Required<ResidentEstimateOptions> = {
  satisfiedAt: 75,
};

/** The design-based estimate of one measure (overall score or a dimension) in one community. */
export interface ResidentEstimate {
  /** 'overall', or the dimension (or question) the score measures. */
  measure: string;
  /** The domain: a community (or, from `streetResidentScores`, a street). */
  community: string;
  /** Respondents with a score for this measure. */
  n: number;
  /** Design-weighted mean score, 0–100; null without any score. */
  score: number | null;
  /** Taylor-linearization standard error of `score`. */
  se: number | null;
  /** 95% interval: score ± 1.96·se. */
  scoreLow: number | null;
  scoreHigh: number | null;
  /** Design-weighted share of respondents scoring at least `satisfiedAt` (满意率), 0–1. */
  satisfiedRate: number | null;
  satisfiedSe: number | null;
  /** Σ weights of the respondents with a score: the population they stand for. */
  weightTotal: number | null;
  /**
   * Grids with a single respondent. They add no variance (certainty), though one respondent
   * stands for the whole grid, so the SE of a community with such a grid is too small.
   */
  lonelyGrids: number;
}

/**
 * A resident sample as the estimator reads it: who answered (every valid respondent, with or
 * without a score: they all count in their grid) and which scores they have.
 */
export interface ResidentSample {
  /**
   * `respondent, community, grid, grid_population`: each valid respondent once; with
   * `scores: 'columns'`, also `score_0 … score_{K−1}`, the respondent's score of `measures[k]`
   * (NULL where missing).
   */
  respondents: SqlSource;
  /**
   * `measure, respondent, score`: one row per score a respondent has, a missing score has none;
   * or 'columns': the scores are the respondents' own columns (one row per respondent, as a
   * scoring run reads them: no join of millions of score rows back to their respondents).
   */
  scores: SqlSource | 'columns';
  /** The measures to estimate; every community gets each, with n = 0 where nobody scored it. */
  measures: readonly string[];
}

/**
 * Design-based resident estimates per measure and community.
 *
 * The design is a stratified with-replacement sample, strata = grids, weight = grid population /
 * valid respondents of the grid (1 where the population is unknown), no finite population
 * correction. Means and standard errors equal R's `svyby(~score, ~community, svydesign(ids = ~1,
 * strata = ~grid, weights = ~weight), svymean, na.rm = TRUE)` with
 * `options(survey.lonely.psu = "certainty")`: a respondent without a score still counts in its
 * grid (domain estimation), and a grid of one respondent adds no variance.
 *
 * @example
 * await estimateResidentScores(store, residentSampleFromCsv('scores.csv'))
 * // → [{ measure: 'overall', community: 'C01', n: 41, score: 70.03, se: 3.68, ... }, ...]
 */
export async function estimateResidentScores(
  db: Queryable,
  sample: ResidentSample,
  options: ResidentEstimateOptions = {},
): Promise<ResidentEstimate[]> {
  const { satisfiedAt } = { ...defaultResidentEstimateOptions, ...options };
  const { sql, params } = residentEstimatesSql(sample, satisfiedAt);
  const rows = await db.query<EstimateRow>(sql, params);
  return rows.map((r) => ({
    measure: r.measure,
    community: r.community,
    n: Number(r.n),
    score: r.score,
    se: r.se,
    scoreLow: low95(r.score, r.se),
    scoreHigh: high95(r.score, r.se),
    satisfiedRate: r.satisfied_rate,
    satisfiedSe: r.satisfied_se,
    weightTotal: r.weight_total,
    lonelyGrids: Number(r.lonely_grids),
  }));
}

interface EstimateRow {
  measure: string;
  community: string;
  n: bigint;
  score: number | null;
  se: number | null;
  satisfied_rate: number | null;
  satisfied_se: number | null;
  weight_total: number | null;
  lonely_grids: bigint;
}

/**
 * The estimator, from per-grid sums. Within a grid every respondent has the same weight w_h, so
 * a respondent's linearized influence on its community's mean is z = w_h·(y − Ȳ)/W, and the
 * grid's n_h/(n_h−1)·Σ(z − z̄_h)² over all n_h respondents (the unscored have z = 0) equals
 * n_h/(n_h−1)·[(w_h/W)²·Σ(y − Ȳ)² − n_h·z̄_h²], with Σ(y − Ȳ)² = Σy² − 2ȲΣy + kȲ² and
 * z̄_h = w_h·(Σy − kȲ)/(W·n_h) over the grid's k scored respondents. So the respondent rows are
 * read once, into count, Σy and Σy² per (measure, community, grid), and everything after works on
 * grids, not on the tens of millions of rows of a province: the earlier form, which centred each
 * respondent's score in passes, held those rows twice and took more than half of a province's
 * scoring time and most of its memory. Sums are exact (`exactSum`, 128-bit), so the same inputs
 * give the same bits; the centring is then done in doubles on values of order 10⁴ (scores are
 * 0–100), far inside the 1e-9 agreement with R's two-pass computation. A grid's variance term is
 * never below 0 (rounding could make an exact 0 a tiny negative). Satisfied is 0/1, so its
 * squares are itself. Respondents without a grid form one stratum per community.
 */
function residentEstimatesSql(sample: ResidentSample, satisfiedAt: number): SqlSource {
  const sql = new BoundSql();
  const sums =
    sample.scores === 'columns'
      ? gridSumsOfColumns(sql, sample, satisfiedAt)
      : gridSumsOfRows(sql, sample.respondents, sample.scores, sample.measures, satisfiedAt);
  return {
    sql: `${sums.sql},
  domain_estimate AS (
    SELECT measure, community, sum(scored) AS n,
           ${exactSum('weight * scored')} AS weight_total,
           ${exactSum('weight * score_sum')} / weight_total AS score,
           ${exactSum('weight * satisfied')} / weight_total AS satisfied_rate
    FROM grid_sums
    GROUP BY measure, community
  ),
  grid_influence AS (
    -- per grid: (w_h/W)²·Σ(y − Ȳ)² and the mean influence z̄_h, for the score and for satisfied
    SELECT g.measure, g.community, g.n_h,
           (g.weight / e.weight_total) ^ 2
             * (g.score_squares - 2 * e.score * g.score_sum + g.scored * e.score ^ 2) AS score_squares,
           g.weight * (g.score_sum - g.scored * e.score) / (e.weight_total * g.n_h) AS on_score,
           (g.weight / e.weight_total) ^ 2
             * (g.satisfied - 2 * e.satisfied_rate * g.satisfied + g.scored * e.satisfied_rate ^ 2)
             AS satisfied_squares,
           g.weight * (g.satisfied - g.scored * e.satisfied_rate) / (e.weight_total * g.n_h)
             AS on_satisfied
    FROM grid_sums g JOIN domain_estimate e USING (measure, community)
  ),
  grid_variance AS (
    -- n_h/(n_h−1)·Σ(z − z̄)²; a grid of one respondent is taken with certainty: no variance
    SELECT measure, community, n_h,
           CASE WHEN n_h > 1 THEN n_h / (n_h - 1) * greatest(0, score_squares - n_h * on_score ^ 2)
                ELSE 0 END AS of_score,
           CASE WHEN n_h > 1 THEN n_h / (n_h - 1) * greatest(0, satisfied_squares - n_h * on_satisfied ^ 2)
                ELSE 0 END AS of_satisfied
    FROM grid_influence
  ),
  domain_variance AS (
    SELECT measure, community, ${exactSum('of_score')} AS of_score, ${exactSum('of_satisfied')} AS of_satisfied,
           count(*) FILTER (WHERE n_h = 1) AS lonely_grids
    FROM grid_variance
    GROUP BY measure, community
  ),
  every_domain AS (
    SELECT m.measure, c.community
    FROM measure m CROSS JOIN (SELECT DISTINCT community FROM ${sums.communities}) c
  )
  SELECT d.measure, d.community, coalesce(e.n, 0) AS n, e.score, sqrt(v.of_score) AS se,
         e.satisfied_rate, sqrt(v.of_satisfied) AS satisfied_se, e.weight_total,
         coalesce(v.lonely_grids, 0) AS lonely_grids
  FROM every_domain d
  LEFT JOIN domain_estimate e USING (measure, community)
  LEFT JOIN domain_variance v USING (measure, community)
  ORDER BY d.measure, d.community`,
    params: sql.params,
  };
}

/**
 * `grid_sums` (and `measure`) from one row per score: each score row joined to its respondent's
 * design row, grouped by measure, community and grid.
 */
function gridSumsOfRows(
  sql: BoundSql,
  respondents: SqlSource,
  scores: SqlSource,
  measures: readonly string[],
  satisfiedAt: number,
): { sql: string; communities: string } {
  sql.params.push(...respondents.params, ...scores.params);
  return {
    communities: 'respondents',
    sql: `
  WITH respondents AS (${respondents.sql}),
  scores AS (${scores.sql}),
  measure AS (
    SELECT unnest(${sql.bind(listValue([...measures]))}::VARCHAR[]) AS measure
  ),
  design AS (
    SELECT respondent, community, coalesce(grid, community || ' (无网格)') AS grid,
           count(*) OVER grid_respondents AS n_h,
           coalesce(grid_population / count(*) OVER grid_respondents, 1) AS weight
    FROM respondents
    WINDOW grid_respondents AS (PARTITION BY coalesce(grid, community || ' (无网格)'))
  ),
  grid_sums AS (
    SELECT s.measure, d.community, d.grid, any_value(d.n_h) AS n_h, any_value(d.weight) AS weight,
           count(*) AS scored,
           ${exactSum('s.score')} AS score_sum,
           ${exactSum('s.score * s.score')} AS score_squares,
           -- the tolerance keeps a score of exactly 75 built from floating means satisfied
           count(*) FILTER (WHERE s.score >= ${sql.bind(satisfiedAt)}::DOUBLE - 1e-9) AS satisfied
    FROM scores s JOIN design d USING (respondent)
    WHERE s.score IS NOT NULL
    GROUP BY s.measure, d.community, d.grid
  )`,
  };
}

/**
 * `grid_sums` (and `measure`) from respondents carrying their scores as columns: one pass over
 * the respondents grouped by community and grid gives every measure's sums at once (a province's
 * 2 million rows, not its 12 million score rows joined back to them); the grid's respondents
 * and weight are then taken over its groups, as the row form's window does over its rows.
 */
function gridSumsOfColumns(
  sql: BoundSql,
  sample: ResidentSample,
  satisfiedAt: number,
): { sql: string; communities: string } {
  sql.params.push(...sample.respondents.params);
  const columns = sample.measures.map((_, k) => ({ score: measureScoreColumn(k), k }));
  const sums = columns.map(
    ({ score, k }) => `count(${score}) AS scored_${k}, ${boundedExactSum(score, 100)} AS sum_${k},
           ${boundedExactSum(`${score} * ${score}`, 100 ** 2)} AS squares_${k},
           count(*) FILTER (WHERE ${score} >= t.satisfied_at - 1e-9) AS satisfied_${k}`,
  );
  const measureList = sql.bind(listValue([...sample.measures]));
  const threshold = sql.bind(satisfiedAt);
  const perMeasure = columns.map(
    ({
      k,
    }) => `SELECT ${sql.bind(sample.measures[k]!)}::VARCHAR AS measure, community, grid, n_h, weight,
           scored_${k} AS scored, sum_${k} AS score_sum, squares_${k} AS score_squares,
           satisfied_${k} AS satisfied
    FROM grid_design WHERE scored_${k} > 0`,
  );
  return {
    communities: 'grid_wide',
    sql: `
  WITH respondents AS (${sample.respondents.sql}),
  measure AS (
    SELECT unnest(${measureList}::VARCHAR[]) AS measure
  ),
  grid_wide AS (
    -- the tolerance keeps a score of exactly 75 built from floating means satisfied
    SELECT community, coalesce(grid, community || ' (无网格)') AS grid, count(*) AS respondents,
           any_value(grid_population) AS grid_population,
           ${sums.join(',\n           ')}
    FROM respondents CROSS JOIN (SELECT ${threshold}::DOUBLE AS satisfied_at) t
    GROUP BY community, coalesce(grid, community || ' (无网格)')
  ),
  grid_design AS (
    SELECT *, sum(respondents) OVER (PARTITION BY grid) AS n_h,
           coalesce(grid_population / sum(respondents) OVER (PARTITION BY grid), 1) AS weight
    FROM grid_wide
  ),
  grid_sums AS (
    ${perMeasure.join('\n    UNION ALL\n    ')}
  )`,
  };
}
