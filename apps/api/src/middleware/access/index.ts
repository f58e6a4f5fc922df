import type { Context, MiddlewareHandler } from 'hono';
import { canSee, type UnitTree } from '@manyi/domain/scope';
import { roleNames, type Role, type SessionUser } from '@manyi/domain/user';
import type { Store } from '@manyi/store/Store';
import { unitTree } from '@manyi/store/unitTree';
import { problem } from '../../problem.ts';
import type { AuthEnv } from '../session/index.ts';

/**
 * Lets through only a signed-in user with one of these roles: 401 without a session, 403 with
 * another role. Put it first on every route that is not public, so that the access-control matrix
 * reads one rule per route.
 *
 * @example app.post('/', requireRole('evaluator'), requireCityScope(store), handler)
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (!session) return problem(c, 401, '请先登录', 'sign in first');
    if (!roles.includes(session.user.role))
      return problem(
        c,
        403,
        `此操作仅限${roles.map((r) => roleNames[r]).join('或')}`,
        `this is for the ${roles.join(' or ')} role only`,
      );
    return next();
  };
}

/**
 * Lets through only a user whose region holds the unit the request is about (`unitOf`; null for
 * a city-wide thing such as a campaign): 403 otherwise. Follows `requireRole`.
 */
export function requireScope(
  store: Store,
  unitOf: (c: Context<AuthEnv>) => string | null,
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const user = signedInUser(c);
    const unit = unitOf(c);
    if (!canSee(user, unit, await regionTree(store)))
      return problem(
        c,
        403,
        unit === null ? '此操作仅限全市范围的账号' : `您的账号范围不包括 ${unit}`,
        unit === null
          ? 'this is for city-wide accounts only'
          : `your account's region does not hold ${unit}`,
      );
    return next();
  };
}

/** Campaigns, accounts of the city and the audit log are city-wide: only city-scoped users reach them. */
export function requireCityScope(store: Store): MiddlewareHandler<AuthEnv> {
  return requireScope(store, () => null);
}

/** The signed-in user of a request that passed `requireRole`. */
export function signedInUser(c: Context<AuthEnv>): SessionUser {
  const session = c.get('session');
  if (!session) throw new Error('signedInUser() on a route without requireRole()');
  return session.user;
}

const trees = new WeakMap<Store, { metaVersion: number; tree: Promise<UnitTree> }>();

/** The region tree for scope checks, read once per change of regions or campaigns. */
export function regionTree(store: Store): Promise<UnitTree> {
  const cached = trees.get(store);
  if (cached && cached.metaVersion === store.metaVersion) return cached.tree;
  const tree = unitTree(store);
  trees.set(store, { metaVersion: store.metaVersion, tree });
  tree.catch(() => trees.delete(store));
  return tree;
}
