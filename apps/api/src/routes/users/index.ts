import { Hono } from 'hono';
import { canSee, grantRefusal } from '@manyi/domain/scope';
import { newUserSchema } from '@manyi/domain/user';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { createUser, getUser, listUsers } from '@manyi/store/users';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { jsonBody, jsonLimit } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';

/**
 * Accounts, for evaluators, each within their own region:
 * `GET /users` → the accounts whose scope lies in yours; `GET /users/:id` → one (403 outside
 * your region); `POST /users` `{ username, displayName?, role, scope, password }` → 201
 * `{ user }`, refused with 403 when you would grant a role or a region you do not hold.
 */
export function users(store: Store) {
  return new Hono<AuthEnv>()
    .get('/', requireRole('evaluator'), async (c) => {
      const viewer = signedInUser(c);
      const tree = await regionTree(store);
      return c.json((await listUsers(store)).filter((u) => canSee(viewer, u.scope, tree)));
    })
    .get('/:id', requireRole('evaluator'), async (c) => {
      const user = await getUser(store, c.req.param('id'));
      if (!user) return problem(c, 404, '没有该用户', 'no such user');
      if (!canSee(signedInUser(c), user.scope, await regionTree(store)))
        return problem(
          c,
          403,
          '该用户不在您的账号范围内',
          "this user is outside your account's region",
        );
      return c.json(user);
    })
    .post('/', requireRole('evaluator'), jsonLimit, async (c) => {
      const body = await jsonBody(c, newUserSchema);
      if (body instanceof Response) return body;
      const granter = signedInUser(c);
      const refused = grantRefusal(granter, body, await regionTree(store));
      if (refused) return c.json({ error: refused }, 403);
      const user = await createUser(store, body, actorOf(granter));
      return c.json({ user }, 201);
    });
}
