import type { UnitLevel } from '@manyi/domain/region';
import type { UnitTree } from '@manyi/domain/scope';
import type { Store } from './Store.ts';

/**
 * The region tree for scope checks: every unit's parent and level, from the current tree and,
 * for units since merged or renamed away, the newest campaign snapshot that holds them.
 *
 * @example canSee(user, 'C0101', await unitTree(store))
 */
export async function unitTree(store: Store): Promise<UnitTree> {
  const rows = await store.query<{ code: string; parent_code: string | null; level: UnitLevel }>(
    `SELECT code, parent_code, level FROM units
     UNION ALL
     SELECT code, parent_code, level FROM (
       SELECT code, parent_code, level, row_number() OVER (PARTITION BY code ORDER BY year DESC) AS newest
       FROM campaign_units WHERE code NOT IN (SELECT code FROM units)
     ) WHERE newest = 1`,
  );
  return new Map(rows.map((r) => [r.code, { parent: r.parent_code, level: r.level }]));
}
