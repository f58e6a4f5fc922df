/** A unit as charts name it on an axis. */
interface Named {
  code: string;
  name: string;
  /** Added to a name two units share, e.g. the district of a street or the street of a community. */
  parentName: string | null;
}

/**
 * Axis labels by code: a unit's name, or "name(parent)" where two shown units share a name,
 * so that two 杏园街道 in different districts stay apart.
 */
export function unitLabels(units: readonly Named[]): Map<string, string> {
  const seen = new Map<string, number>();
  for (const u of units) seen.set(u.name, (seen.get(u.name) ?? 0) + 1);
  return new Map(
    units.map((u) => [
      u.code,
      seen.get(u.name)! > 1 && u.parentName ? `${u.name}(${u.parentName})` : u.name,
    ]),
  );
}
