import type { CommunitySummary, Unit } from '@manyi/domain/region';
import type { Store } from './Store.ts';

/**
 * Replaces the region tree with these units, in one transaction. Campaign snapshots are not
 * touched: they keep the units as they were when each campaign opened.
 */
export async function replaceRegions(store: Store, units: readonly Unit[]): Promise<void> {
  await store.transaction(async (db) => {
    await db.run('DELETE FROM units');
    const appender = await db.createAppender('units');
    try {
      for (const u of units) {
        appender.appendVarchar(u.code);
        appender.appendVarchar(u.name);
        appender.appendVarchar(u.level);
        if (u.kind === null) appender.appendNull();
        else appender.appendVarchar(u.kind);
        if (u.parentCode === null) appender.appendNull();
        else appender.appendVarchar(u.parentCode);
        if (u.population === null) appender.appendNull();
        else appender.appendInteger(u.population);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  });
}

/** Every unit, parents before children. */
export async function listUnits(store: Store): Promise<Unit[]> {
  const rows = await store.query<{
    code: string;
    name: string;
    level: Unit['level'];
    kind: string | null;
    parent_code: string | null;
    population: number | null;
  }>(
    `SELECT code, name, level, kind, parent_code, population FROM units
     ORDER BY CASE level WHEN 'district' THEN 0 WHEN 'street' THEN 1 WHEN 'community' THEN 2 ELSE 3 END, code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentCode: r.parent_code,
    population: r.population,
  }));
}

/** The public list of communities with their street and district. */
export async function listCommunities(store: Store, code?: string): Promise<CommunitySummary[]> {
  return store.query<CommunitySummary>(
    `SELECT c.code, c.name, c.kind, s.code AS "streetCode", s.name AS "streetName",
            d.code AS "districtCode", d.name AS "districtName"
     FROM units c
     JOIN units s ON s.code = c.parent_code AND s.level = 'street'
     JOIN units d ON d.code = s.parent_code AND d.level = 'district'
     WHERE c.level = 'community' AND (?::VARCHAR IS NULL OR c.code = ?::VARCHAR)
     ORDER BY d.code, s.code, c.code`,
    [code ?? null, code ?? null],
  );
}

/** One community, or undefined for an unknown code. */
export async function findCommunity(
  store: Store,
  code: string,
): Promise<CommunitySummary | undefined> {
  const [community] = await listCommunities(store, code);
  return community;
}

/** The grids of a community, with their names and populations. */
export async function gridsOf(
  store: Store,
  communityCode: string,
): Promise<Pick<Unit, 'code' | 'name' | 'population'>[]> {
  return store.query(
    `SELECT code, name, population FROM units WHERE level = 'grid' AND parent_code = ? ORDER BY code`,
    [communityCode],
  );
}
