import { Hono } from 'hono';
import { canSee } from '@manyi/domain/scope';
import { commentThemes } from '@manyi/scoring/commentThemes';
import { unitComments } from '@manyi/scoring/unitComments';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';

/**
 * `GET /comments/:year?unit=CODE`: what residents wrote (意见建议) about a community, or about
 * every community of a street or district, as themes (issue 5 §2): 200 `{ year, unit,
 * ...CommentThemes }` — `{ suppressed: true, n }` for a group of fewer than 10 valid responses
 * (no word of it leaves the server), else `{ suppressed: false, n, comments, themes }`, each theme
 * a word with the number of comments mentioning it and up to 3 of them. 400 without a unit code,
 * 404 for a code that is no unit. For evaluators and leadership within their region.
 */
export function comments(store: Store) {
  return new Hono<AuthEnv>().get(
    '/:year{[0-9]{4}}',
    requireRole('evaluator', 'leadership'),
    async (c) => {
      const year = Number(c.req.param('year'));
      const unit = c.req.query('unit') ?? '';
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(unit))
        return problem(
          c,
          400,
          'unit 参数应为社区、街道或区县的编码',
          'the unit parameter must be the code of a community, street or district',
        );
      const tree = await regionTree(store);
      if (!canSee(signedInUser(c), unit, tree))
        return problem(
          c,
          403,
          `您的账号范围不包括 ${unit}`,
          `your account's region does not hold ${unit}`,
        );
      if (!tree.has(unit))
        return problem(c, 404, `没有编码为 ${unit} 的区划`, `no region unit with code ${unit}`);
      const { responses, comments: written } = await unitComments(store, year, unit);
      c.header('Cache-Control', 'no-store');
      return c.json({ year, unit, ...commentThemes(written, responses) });
    },
  );
}
