/** A text line of a printed page: where, how large (user units, mm here), how it looks. */
export interface TextOptions {
  x: number;
  y: number;
  size: number;
  /** The widest the line may be; a longer one is set smaller. */
  maxWidth: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  mono?: boolean;
}

/** The fonts of every printed page: Debian's fonts-noto-cjk, which rsvg-convert finds by name. */
export const sansFont = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
export const monoFont = "'Noto Sans Mono CJK SC', 'Noto Sans Mono', monospace";

/**
 * One line of text as an SVG `<text>`, escaped, set smaller than `size` where it would run wider
 * than `maxWidth` (a community name from an imported file can be long). The font shrinks rather
 * than `textLength` squeezing it: librsvg ignores `textLength`.
 *
 * @example svgText('幸福社区', { x: 105, y: 80, size: 16, maxWidth: 180, anchor: 'middle' })
 */
export function svgText(text: string, options: TextOptions): string {
  const { x, y, maxWidth, anchor = 'start', weight = 'normal', fill = '#1a1a1a', mono } = options;
  const size = fittedSize(text, options.size, maxWidth, mono);
  const font = escapeXml(mono ? monoFont : sansFont);
  return (
    `<text x="${round(x)}" y="${round(y)}" font-size="${round(size)}" font-family="${font}"` +
    ` font-weight="${weight}" text-anchor="${anchor}" fill="${fill}">${escapeXml(text)}</text>`
  );
}

/** How a title may be set: one line up to `size`, or up to `maxLines` lines of `wrappedSize`. */
export interface FitOptions {
  size: number;
  maxWidth: number;
  maxLines: number;
  /** The size of broken lines, when one line would have to be set smaller than this. */
  wrappedSize: number;
}

/**
 * Text set on as few lines as it takes, all at one size: one line when it fits at `wrappedSize`
 * or more, else broken anywhere (Chinese has no spaces) into at most `maxLines` lines of
 * `wrappedSize`, smaller still when the last line needs it.
 *
 * @example fitLines('2026年度城乡社区居民满意度测评', { size: 10, maxWidth: 186, maxLines: 2, wrappedSize: 8 }) // → { lines: ['2026年度城乡社区居民满意度测评'], size: 10 }
 */
export function fitLines(text: string, options: FitOptions): { lines: string[]; size: number } {
  const { size, maxWidth, maxLines, wrappedSize } = options;
  const single = fittedSize(text, size, maxWidth);
  if (maxLines === 1 || single >= wrappedSize) return { lines: [text], size: single };
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    const full = estimatedWidth(line + char, wrappedSize) > maxWidth;
    if (lines.length < maxLines - 1 && line && full && !closing.test(char)) {
      const carried = opening.test(line.slice(-1)) ? line.slice(-1) : ''; // 避头尾: no “(” at a line's end
      lines.push(line.slice(0, line.length - carried.length));
      line = carried;
    }
    line += char;
  }
  lines.push(line);
  return { lines, size: Math.min(...lines.map((l) => fittedSize(l, wrappedSize, maxWidth))) };
}

/**
 * Text as it may stand in SVG: `& < > " '` escaped, and the characters XML forbids (control
 * characters, lone surrogates) dropped, so that no name can end the text or open an element.
 *
 * @example escapeXml('<script>&') // → '&lt;script&gt;&amp;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => entities[c]!);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Punctuation that may not end a line, and that may not begin one. */
const opening = /[(（[【《「“‘]/;
const closing = /[)）\]】》」”’、，。,.;；:：!！?？]/;

/** The size at which a line fits `maxWidth`: `size`, or less for a long line. */
function fittedSize(text: string, size: number, maxWidth: number, mono = false): number {
  return Math.min(size, (size * maxWidth) / Math.max(estimatedWidth(text, size, mono), 1e-9));
}

/**
 * A line's width, estimated on the safe side: a CJK (full-width) character is 1 em, any other
 * 0.62 em (about Noto Sans's widest capitals), or 0.5 em in Noto Sans Mono CJK.
 */
function estimatedWidth(text: string, size: number, mono = false): number {
  let ems = 0;
  for (const char of text) ems += /[\u2E80-\uFFEF]/.test(char) ? 1 : mono ? 0.5 : 0.62;
  return ems * size;
}

/** A coordinate as printed: at most two decimals. */
function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
