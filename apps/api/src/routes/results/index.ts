import { Hono } from 'hono';
import { canSee } from '@manyi/domain/scope';
import { latestResults } from '@manyi/scoring/latestResults';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';

/**
 * `GET /results/:year`: the results of the year's latest scoring run, as stored (reading never
 * recomputes them): 200 `{ year, runId, createdAt, method, seed, rows }`, one row per street and
 * community (streets first, then communities, in code order), each a `UnitResult`. 404 when the
 * year has not been scored. For evaluators and leadership, each seeing the units of its region:
 * these are the full figures, small groups included; the public reads the published site.
 */
export function results(store: Store) {
  return new Hono<AuthEnv>().get(
    '/:year{[0-9]{4}}',
    requireRole('evaluator', 'leadership'),
    async (c) => {
      const year = Number(c.req.param('year'));
      const stored = await latestResults(store, year);
      if (!stored)
        return problem(
          c,
          404,
          `${year} 年度尚无评分结果(请先运行 manyi score)`,
          `no results for ${year} yet (run manyi score first)`,
        );
      const { run, results: all } = stored;
      const user = signedInUser(c);
      const tree = await regionTree(store);
      const rows = all.filter((r) => canSee(user, r.code, tree));
      // a new run replaces what a reader saw
      c.header('Cache-Control', 'no-store');
      return c.json({
        year,
        runId: run.runId,
        createdAt: run.createdAt.toISOString(),
        method: run.method,
        seed: run.seed,
        rows,
      });
    },
  );
}
