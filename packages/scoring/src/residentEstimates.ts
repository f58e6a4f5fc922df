import { listValue } from '@duckdb/node-api';
import { exactSum } from './exactSum.ts';
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
  /** `respondent, community, grid, grid_population`: each valid respondent once. */
  respondents: SqlSource;
  /** `measure, respondent, score`: one row per score a respondent has; a missing score has none. */
  scores: SqlSource;
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
  const rows = await db.query<EstimateRow>(
    residentEstimatesSql(sample.respondents.sql, sample.scores.sql),
    [
      ...sample.respondents.params,
      ...sample.scores.params,
      listValue([...sample.measures]),
      satisfiedAt,
    ],
  );
  return rows.map((r) => ({
    measure: r.measure,
    community: r.community,
    n: Number(r.n),
    score: r.score,
    se: r.se,
    scoreLow: r.score === null ? null : r.score - 1.96 * r.se!,
    scoreHigh: r.score === null ? null : r.score + 1.96 * r.se!,
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
 * The estimator. Sums are centred in passes (the estimate first, then residuals, then their grid
 * means), never E[x²]−E[x]², so that results agree with R to 1e-9, and exact (`exactSum`), so
 * that the same inputs give the same bits. A respondent without a score has influence 0: it
 * enters only through its grid's size n_h. Respondents without a grid form one stratum per
 * community.
 */
function residentEstimatesSql(respondents: string, scores: string): string {
  return `
  WITH respondents AS (${respondents}),
  scores AS (${scores}),
  measure AS (
    SELECT unnest(?::VARCHAR[]) AS measure
  ),
  design AS (
    SELECT respondent, community, coalesce(grid, community || ' (无网格)') AS grid,
           count(*) OVER grid_respondents AS n_h,
           coalesce(grid_population / count(*) OVER grid_respondents, 1) AS weight
    FROM respondents
    WINDOW grid_respondents AS (PARTITION BY coalesce(grid, community || ' (无网格)'))
  ),
  scored AS (
    SELECT s.measure, d.community, d.grid, d.n_h, d.weight, s.score,
           -- the tolerance keeps a score of exactly 75 built from floating means satisfied
           (s.score >= ?::DOUBLE - 1e-9)::DOUBLE AS satisfied
    FROM scores s JOIN design d USING (respondent)
    WHERE s.score IS NOT NULL
  ),
  domain_estimate AS (
    SELECT measure, community, count(*) AS n,
           ${exactSum('weight')} AS weight_total,
           ${exactSum('weight * score')} / weight_total AS score,
           ${exactSum('weight * satisfied')} / weight_total AS satisfied_rate
    FROM scored
    GROUP BY measure, community
  ),
  influence AS (
    -- each scored respondent's linearized contribution to its community's mean
    SELECT s.measure, s.community, s.grid, s.n_h,
           s.weight * (s.score - e.score) / e.weight_total AS on_score,
           s.weight * (s.satisfied - e.satisfied_rate) / e.weight_total AS on_satisfied
    FROM scored s JOIN domain_estimate e USING (measure, community)
  ),
  grid_mean AS (
    -- over all n_h respondents of the grid: the unscored (and any of other communities) add zeros
    SELECT measure, community, grid, any_value(n_h) AS n_h, count(*) AS scored,
           ${exactSum('on_score')} / any_value(n_h) AS on_score,
           ${exactSum('on_satisfied')} / any_value(n_h) AS on_satisfied
    FROM influence
    GROUP BY measure, community, grid
  ),
  grid_variance AS (
    -- n_h/(n_h−1)·Σ(z − z̄)²; a grid of one respondent is taken with certainty: no variance
    SELECT i.measure, i.community, i.grid, m.n_h,
           CASE WHEN m.n_h > 1 THEN m.n_h / (m.n_h - 1) * (
             ${exactSum('(i.on_score - m.on_score) ^ 2')} + (m.n_h - m.scored) * m.on_score ^ 2) ELSE 0 END
             AS of_score,
           CASE WHEN m.n_h > 1 THEN m.n_h / (m.n_h - 1) * (
             ${exactSum('(i.on_satisfied - m.on_satisfied) ^ 2')} + (m.n_h - m.scored) * m.on_satisfied ^ 2) ELSE 0 END
             AS of_satisfied
    FROM influence i JOIN grid_mean m USING (measure, community, grid)
    GROUP BY i.measure, i.community, i.grid, m.n_h, m.scored, m.on_score, m.on_satisfied
  ),
  domain_variance AS (
    SELECT measure, community, ${exactSum('of_score')} AS of_score, ${exactSum('of_satisfied')} AS of_satisfied,
           count(*) FILTER (WHERE n_h = 1) AS lonely_grids
    FROM grid_variance
    GROUP BY measure, community
  ),
  every_domain AS (
    SELECT m.measure, c.community
    FROM measure m CROSS JOIN (SELECT DISTINCT community FROM respondents) c
  )
  SELECT d.measure, d.community, coalesce(e.n, 0) AS n, e.score, sqrt(v.of_score) AS se,
         e.satisfied_rate, sqrt(v.of_satisfied) AS satisfied_se, e.weight_total,
         coalesce(v.lonely_grids, 0) AS lonely_grids
  FROM every_domain d
  LEFT JOIN domain_estimate e USING (measure, community)
  LEFT JOIN domain_variance v USING (measure, community)
  ORDER BY d.measure, d.community`;
}
