/**
 * The community code of a page address `/s/<code>` (what a community's QR code points to): the
 * last path segment, or null when there is none or it cannot be a code.
 *
 * @example communityCodeFromPath('/s/SF0101001') // → 'SF0101001'
 */
export function communityCodeFromPath(pathname: string): string | null {
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length < 2) return null;
  let code: string;
  try {
    code = decodeURIComponent(segments[segments.length - 1]!).trim();
  } catch {
    return null;
  }
  return /^[\p{L}\p{N}_.-]{1,32}$/u.test(code) ? code : null;
}
