/**
 * Competition ranks ("1224"), highest value first: equal values share a rank and the next rank
 * skips, so a rank says how many units did strictly better.
 *
 * @example competitionRanks([90, 85, 85, 70]) // → [1, 2, 2, 4]
 */
export function competitionRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[j]! - values[i]!);
  const ranks = new Array<number>(values.length);
  order.forEach((unit, position) => {
    const previous = order[position - 1];
    ranks[unit] =
      previous !== undefined && values[previous] === values[unit] ? ranks[previous]! : position + 1;
  });
  return ranks;
}

/**
 * Ranks within groups: each unit's competition rank among the units of its group.
 *
 * @example ranksWithinGroups([{ group: 'D1', value: 80 }, { group: 'D1', value: 90 }, { group: 'D2', value: 70 }]) // → [2, 1, 1]
 */
export function ranksWithinGroups(units: readonly { group: string; value: number }[]): number[] {
  const ranks = new Array<number>(units.length);
  for (const members of groupIndexes(units).values()) {
    const groupRanks = competitionRanks(members.map((i) => units[i]!.value));
    members.forEach((unit, k) => (ranks[unit] = groupRanks[k]!));
  }
  return ranks;
}

/** Indexes of the units of each group, groups in order of first appearance. */
export function groupIndexes(units: readonly { group: string }[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  units.forEach((u, i) => {
    const members = groups.get(u.group);
    if (members) members.push(i);
    else groups.set(u.group, [i]);
  });
  return groups;
}
