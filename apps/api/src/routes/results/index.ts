import { Hono } from 'hono';
import { canSee } from '@manyi/domain/scope';
import { latestResults } from '@manyi/scoring/latestResults';
import type { UnitResult } from '@manyi/scoring/unitResult';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';
import { isPublished, isStaff, staffRows } from './staffView.ts';

/**
 * `GET /results/:year`: the results of the year's latest scoring run, as stored (reading never
 * recomputes them): 200 `{ year, runId, createdAt, method, seed, rows }`, one row per street and
 * community (streets first, then communities, in code order), each a `UnitResult`. 404 when the
 * year has not been scored. For evaluators and leadership, each seeing the units of its region:
 * these are the full figures, small groups included; the public reads the published site.
 *
 * Street and community staff (issue 5 §3) read only a published year (403 before): `rows` holds
 * their own unit's stored result whole, first, then every other unit the public site shows (the
 * same suppression: under 10 responses, or a district under 10) with only its public figures
 * (`publishedFigures`: no SE, dimension, rating, burden or change; scores to one decimal); `own`
 * names their unit (absent for everyone else, whose rows are all whole).
 *
 * `?detail=summary` leaves out each row's resident estimates per dimension and its indicators
 * (`dimensions` and `indicators` come as `{}`): most of the bytes, and what the overview and
 * comparison charts do not draw, so a city's dashboard loads in well under a second.
 */
export function results(store: Store) {
  return new Hono<AuthEnv>().get(
    '/:year{[0-9]{4}}',
    requireRole('evaluator', 'leadership', 'street_staff', 'community_staff'),
    async (c) => {
      const year = Number(c.req.param('year'));
      const detail = c.req.query('detail') ?? 'full';
      if (detail !== 'full' && detail !== 'summary')
        return problem(
          c,
          400,
          `detail 应为 full 或 summary,收到 ${detail.slice(0, 20)}`,
          `detail is full or summary, not ${detail.slice(0, 20)}`,
        );
      const user = signedInUser(c);
      if (isStaff(user) && !(await isPublished(store, year)))
        return problem(
          c,
          403,
          `${year} 年度结果尚未公布,工作人员只能查看已公布年度的结果`,
          `the ${year} results are not published yet: staff read published years only`,
        );
      const stored = await latestResults(store, year);
      if (!stored)
        return problem(
          c,
          404,
          `${year} 年度尚无评分结果(请先运行 manyi score)`,
          `no results for ${year} yet (run manyi score first)`,
        );
      const { run, results: all } = stored;
      const own = isStaff(user) ? user.scope : null;
      let rows: UnitResult[];
      if (own !== null) rows = staffRows(stored, year, own);
      else {
        const tree = await regionTree(store);
        rows = all.filter((r) => canSee(user, r.code, tree));
      }
      // a new run replaces what a reader saw
      c.header('Cache-Control', 'no-store');
      return c.json({
        year,
        runId: run.runId,
        createdAt: run.createdAt.toISOString(),
        method: run.method,
        seed: run.seed,
        ...(own !== null && { own }),
        rows:
          detail === 'full' ? rows : rows.map((r) => ({ ...r, dimensions: {}, indicators: {} })),
      });
    },
  );
}
