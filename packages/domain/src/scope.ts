import { bilingual } from './messages.ts';
import type { UnitLevel } from './region.ts';
import { roleNames, roles, type Role } from './user.ts';

/** The region tree as scope checks need it: every unit's parent and level, by code. */
export type UnitTree = ReadonlyMap<string, { parent: string | null; level: UnitLevel }>;

/** The levels a role's scope may sit at; null is the whole city. */
export const roleScopeLevels: Record<Role, readonly (UnitLevel | null)[]> = {
  evaluator: [null, 'district', 'street'],
  leadership: [null, 'district', 'street'],
  street_staff: ['street'],
  community_staff: ['community'],
};

/**
 * The roles each role may give to others, always within its own region. Leadership only reads
 * and staff manage nobody; only the CLI (the machine's owner) grants without limits.
 */
export const grantableRoles: Record<Role, readonly Role[]> = {
  evaluator: roles,
  leadership: [],
  street_staff: [],
  community_staff: [],
};

/**
 * Whether `code` is `scope` or lies under it in the tree. A null scope holds the whole city;
 * a null code (a city-wide thing, such as a campaign) lies only under the city scope.
 *
 * @example isWithin('C0101', 'D01', tree) // → true when C0101's street is in district D01
 */
export function isWithin(code: string | null, scope: string | null, tree: UnitTree): boolean {
  if (scope === null) return true;
  for (let unit = code, depth = 0; unit !== null && depth < 8; depth++) {
    if (unit === scope) return true;
    unit = tree.get(unit)?.parent ?? null;
  }
  return false;
}

/**
 * Whether a user may see a unit (or, for `null`, a city-wide thing): its scope is the unit or
 * one of the unit's ancestors. A district's evaluator sees its streets and communities, not
 * another district's.
 */
export function canSee(
  user: { scope: string | null },
  unitCode: string | null,
  tree: UnitTree,
): boolean {
  return isWithin(unitCode, user.scope, tree);
}

/** Why a role cannot be scoped to this unit (unknown, or at the wrong level), or undefined. */
export function scopeProblem(role: Role, scope: string | null, tree: UnitTree): string | undefined {
  const level = scope === null ? null : tree.get(scope)?.level;
  if (level === undefined)
    return bilingual(`没有编码为 ${scope} 的区划`, `no region unit with code ${scope}`);
  if (roleScopeLevels[role].includes(level)) return undefined;
  const allowed = roleScopeLevels[role].map((l) => l ?? 'city').join(', ');
  return bilingual(
    `${roleNames[role]}的范围应为:${allowed}`,
    `a ${role} account is scoped to: ${allowed}`,
  );
}

/**
 * Why `granter` may not give this role and region, or undefined when it may: the role must be
 * one the granter's own role may give, and the region must lie within the granter's.
 *
 * @example grantRefusal(districtEvaluator, { role: 'evaluator', scope: null }, tree) // → '不能授予…'
 */
export function grantRefusal(
  granter: { role: Role; scope: string | null },
  grant: { role: Role; scope: string | null },
  tree: UnitTree,
): string | undefined {
  if (!grantableRoles[granter.role].includes(grant.role))
    return bilingual(
      `${roleNames[granter.role]}不能授予${roleNames[grant.role]}角色`,
      `a ${granter.role} cannot grant the ${grant.role} role`,
    );
  if (!isWithin(grant.scope, granter.scope, tree))
    return bilingual(
      `不能授予本人范围以外的区划(${grant.scope ?? '全市'})`,
      `cannot grant a region outside your own (${grant.scope ?? 'city-wide'})`,
    );
  return undefined;
}
