/**
 * A unit's kind in words: urban and rural communities named, a street's 街道 or 乡镇 as it is.
 *
 * @example unitKindName('rural') // → '农村社区(村)'
 */
export function unitKindName(kind: string | null): string | null {
  if (kind === 'urban') return '城市社区';
  if (kind === 'rural') return '农村社区(村)';
  return kind;
}
