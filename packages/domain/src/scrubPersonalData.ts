/** What stands where a phone number, ID number, card number or e-mail address was. */
export const scrubbedPlaceholder = '[已隐去]';

/**
 * What is taken out of residents' free text before it is stored (issue 6 §6): mainland mobile
 * numbers (with spaces, hyphens, +86 or 0086), landlines with their area code, resident ID numbers
 * (18 characters, the old 15 digits), bank-card-like runs of 16–19 digits, e-mail addresses.
 * Digit runs must stand alone, so dates, years and counts stay.
 */
const personalData = new RegExp(
  [
    // e-mail
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
    // 18-character ID number (6 + 8 + 3 + check), possibly grouped
    String.raw`(?<![0-9])[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx](?![0-9A-Za-z])`,
    // bank card: 16–19 digits, run together or in groups of four
    String.raw`(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)(?![0-9])`,
    // mobile, with an optional country code and separators anywhere
    String.raw`(?:(?:(?:\+|00)\s?86|\(\+?86\))[ -]?|(?<![0-9]))1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])`,
    // landline: area code (maybe in brackets) and 7–8 digits, maybe an extension
    String.raw`(?:\(0[0-9]{2,3}\)\s?|(?<![0-9])0[0-9]{2,3}[ -]?)[0-9]{3,4}[ -]?[0-9]{4}(?:\s?(?:-|转)\s?[0-9]{1,5})?(?![0-9])`,
    // old 15-digit ID number
    String.raw`(?<![0-9])[0-9]{15}(?![0-9])`,
  ].join('|'),
  'g',
);

/**
 * The text with phone numbers, ID numbers, card numbers and e-mail addresses replaced by
 * `[已隐去]`. Matching sees the text in NFKC form, so full-width digits (１３８…) are caught too;
 * everything else of the text is returned exactly as given.
 *
 * @example scrubPersonalData('请联系我 138-1234-5678,谢谢') // → '请联系我 [已隐去],谢谢'
 */
export function scrubPersonalData(text: string): string {
  const { folded, start, end } = foldWidths(text);
  let scrubbed = '';
  let kept = 0;
  for (const match of folded.matchAll(personalData)) {
    const from = start[match.index]!;
    scrubbed += text.slice(kept, from) + scrubbedPlaceholder;
    kept = end[match.index + match[0].length - 1]!;
  }
  return kept === 0 ? text : scrubbed + text.slice(kept);
}

/**
 * Every string in a stored answer scrubbed (lists and objects followed); other values as they
 * are. A value without personal data comes back as the same value.
 */
export function scrubAnswers<T>(value: T): T {
  if (typeof value === 'string') return scrubPersonalData(value) as T;
  if (Array.isArray(value)) return value.map(scrubAnswers) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, scrubAnswers(v)])) as T;
  return value;
}

/**
 * The text with each character in its NFKC form, and for each position of that form where its
 * character began and ended in the text (so matches map back onto the original).
 */
function foldWidths(text: string): { folded: string; start: number[]; end: number[] } {
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const char of text) {
    const form = char.normalize('NFKC');
    for (let i = 0; i < form.length; i++) {
      start.push(at);
      end.push(at + char.length);
    }
    folded += form;
    at += char.length;
  }
  return { folded, start, end };
}
