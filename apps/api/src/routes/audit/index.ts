import { Hono } from 'hono';
import { listAudit } from '@manyi/store/audit';
import type { Store } from '@manyi/store/Store';
import { requireCityScope, requireRole } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';

/**
 * `GET /audit?limit=&before=&year=&action=`: the audit log, newest first, for city-wide
 * evaluators: `[{ id, at, actor: { via, userId, username, role }, action, target, year, reason,
 * before, after }]`. Page with `before=<smallest id seen>`; `action=campaign.` gives every
 * action on campaigns.
 */
export function auditLog(store: Store) {
  return new Hono<AuthEnv>().get(
    '/',
    requireRole('evaluator'),
    requireCityScope(store),
    async (c) => {
      const limit = integer(c.req.query('limit'), 1, 1000);
      const beforeId = integer(c.req.query('before'), 1, Number.MAX_SAFE_INTEGER);
      const year = integer(c.req.query('year'), 2000, 2100);
      const action = c.req.query('action');
      if (
        [limit, beforeId, year].some(Number.isNaN) ||
        (action !== undefined && !/^[a-z_.-]{1,64}$/.test(action))
      )
        return problem(c, 400, '查询参数不正确', 'bad query: limit, before, year or action');
      return c.json(await listAudit(store, { limit, beforeId, year, action }));
    },
  );
}

/** A query parameter as an integer within bounds: undefined when absent, NaN when bad. */
function integer(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return n >= min && n <= max ? n : NaN;
}
