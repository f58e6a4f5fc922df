import { Hono } from 'hono';
import type { Store } from '@manyi/store/Store';
import { problem } from '../../problem.ts';

/**
 * `GET /results/:year`: the per-unit results of the year's latest scoring run, as stored;
 * reading never recomputes them.
 */
export function results(store: Store) {
  return new Hono().get('/:year{[0-9]{4}}', async (c) => {
    const year = Number(c.req.param('year'));
    const [run] = await store.query<{ run_id: number }>(
      'SELECT run_id FROM scoring_runs WHERE year = ? ORDER BY run_id DESC LIMIT 1',
      [year],
    );
    if (!run) return problem(c, 404, `${year} 年尚无评分结果`, `no scoring run for ${year} yet`);
    const rows = await store.query<{ row: string }>(
      'SELECT row FROM results WHERE run_id = ? ORDER BY unit_code',
      [run.run_id],
    );
    return c.json({ year, runId: run.run_id, rows: rows.map((r) => JSON.parse(r.row)) });
  });
}
