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
 * Design-based resident estimates per measure and community, from respondent scores.
 *
 * `source` is a query yielding one row per (measure, respondent), every valid respondent once per
 * measure, with columns `measure, respondent, community, grid, grid_population, score` (score NULL
 * where the respondent gave none). The design is a stratified with-replacement sample, strata =
 * grids, weight = grid population / valid respondents of the grid (1 where the population is
 * unknown), no finite population correction. Means and standard errors equal R's
 * `svyby(~score, ~community, svydesign(ids = ~1, strata = ~grid, weights = ~weight), svymean,
 * na.rm = TRUE)` with `options(survey.lonely.psu = "certainty")`: a respondent without a score
 * still counts in its grid (domain estimation), and a grid of one respondent adds no variance.
 *
 * @example
 * await estimateResidentScores(store, respondentScoresFromCsv('scores.csv'))
 * // → [{ measure: 'overall', community: 'C01', n: 41, score: 70.03, se: 3.68, ... }, ...]
 */
export async function estimateResidentScores(
  db: Queryable,
  source: SqlSource,
  options: ResidentEstimateOptions = {},
): Promise<ResidentEstimate[]> {
  const { satisfiedAt } = { ...defaultResidentEstimateOptions, ...options };
  const rows = await db.query<EstimateRow>(residentEstimatesSql(source.sql), [
    ...source.params,
    satisfiedAt,
  ]);
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
 * The estimator over `respondent_scores`. Sums are centred in passes (the estimate first, then
 * residuals, then their grid means), never E[x²]−E[x]², so that results agree with R to 1e-9.
 * Respondents without a grid form one stratum per community.
 */
function residentEstimatesSql(respondentScores: string): string {
  return `
  WITH respondent_scores AS (${respondentScores}),
  design AS (
    SELECT measure, community, coalesce(grid, community || ' (无网格)') AS grid, score,
           -- the tolerance keeps a score of exactly 75 built from floating means satisfied
           CASE WHEN score IS NULL THEN NULL ELSE (score >= ?::DOUBLE - 1e-9)::DOUBLE END AS satisfied,
           count(*) OVER grid_respondents AS n_h,
           coalesce(grid_population / count(*) OVER grid_respondents, 1) AS weight
    FROM respondent_scores
    WINDOW grid_respondents AS (PARTITION BY measure, coalesce(grid, community || ' (无网格)'))
  ),
  domain_estimate AS (
    SELECT measure, community, count(score) AS n,
           fsum(weight) FILTER (WHERE score IS NOT NULL) AS weight_total,
           fsum(weight * score) / fsum(weight) FILTER (WHERE score IS NOT NULL) AS score,
           fsum(weight * satisfied) / fsum(weight) FILTER (WHERE score IS NOT NULL) AS satisfied_rate
    FROM design
    GROUP BY measure, community
  ),
  influence AS (
    -- each respondent's linearized contribution to the domain mean; zero without a score
    SELECT d.measure, d.community, d.grid, d.n_h,
           coalesce(d.weight * (d.score - e.score) / e.weight_total, 0) AS on_score,
           coalesce(d.weight * (d.satisfied - e.satisfied_rate) / e.weight_total, 0) AS on_satisfied
    FROM design d JOIN domain_estimate e USING (measure, community)
  ),
  grid_mean AS (
    -- over all n_h respondents of the grid: those of other communities count as zeros
    SELECT measure, community, grid, any_value(n_h) AS n_h, count(*) AS in_domain,
           fsum(on_score) / any_value(n_h) AS on_score, fsum(on_satisfied) / any_value(n_h) AS on_satisfied
    FROM influence
    GROUP BY measure, community, grid
  ),
  grid_variance AS (
    -- n_h/(n_h−1)·Σ(z − z̄)²; a grid of one respondent is taken with certainty: no variance
    SELECT i.measure, i.community, i.grid, m.n_h,
           CASE WHEN m.n_h > 1 THEN m.n_h / (m.n_h - 1) * (
             fsum((i.on_score - m.on_score) ^ 2) + (m.n_h - m.in_domain) * m.on_score ^ 2) ELSE 0 END AS of_score,
           CASE WHEN m.n_h > 1 THEN m.n_h / (m.n_h - 1) * (
             fsum((i.on_satisfied - m.on_satisfied) ^ 2) + (m.n_h - m.in_domain) * m.on_satisfied ^ 2) ELSE 0 END
             AS of_satisfied
    FROM influence i JOIN grid_mean m USING (measure, community, grid)
    GROUP BY i.measure, i.community, i.grid, m.n_h, m.in_domain, m.on_score, m.on_satisfied
  ),
  domain_variance AS (
    SELECT measure, community, fsum(of_score) AS of_score, fsum(of_satisfied) AS of_satisfied,
           count(*) FILTER (WHERE n_h = 1) AS lonely_grids
    FROM grid_variance
    GROUP BY measure, community
  )
  SELECT e.measure, e.community, e.n, e.score,
         CASE WHEN e.n > 0 THEN sqrt(v.of_score) END AS se,
         e.satisfied_rate,
         CASE WHEN e.n > 0 THEN sqrt(v.of_satisfied) END AS satisfied_se, e.weight_total,
         v.lonely_grids
  FROM domain_estimate e JOIN domain_variance v USING (measure, community)
  ORDER BY e.measure, e.community`;
}
