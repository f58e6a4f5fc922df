/**
 * Sheet names Excel accepts, one per name in order: no `[]:*?/\`, no leading or trailing
 * apostrophe, at most 31 characters, not History nor a `reserved` name, unique without regard
 * to case (a repeated name gets `(2)`, `(3)` …; an empty one `区县N`).
 *
 * @example sheetNames(['东城区', '东城区', 'a/b'], ['汇总']) // → ['东城区', '东城区(2)', 'a_b']
 */
export function sheetNames(names: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(['history', ...reserved.map((r) => r.toLowerCase())]);
  return names.map((raw, i) => {
    const base =
      raw
        .replace(/[[\]:*?/\\]/g, '_')
        .replace(/^'+|'+$/g, '')
        .trim() || `区县${i + 1}`;
    let name = truncate(base, 31);
    for (let k = 2; taken.has(name.toLowerCase()); k++)
      name = truncate(base, 31 - `(${k})`.length) + `(${k})`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** At most `length` UTF-16 units, without splitting a character. */
function truncate(text: string, length: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > length) break;
    out += ch;
  }
  return out;
}
