import { bilingual } from '@manyi/domain/messages';

/**
 * The public base URL printed codes point to, without a trailing slash: the configured one
 * (`MANYI_PUBLIC_URL`, e.g. `https://manyi.example.gov.cn` or one with a path prefix), else
 * `fallback` (the request's own origin). Only http(s), no query or fragment.
 *
 * @example publicBaseUrl(undefined, 'http://127.0.0.1:8787') // → 'http://127.0.0.1:8787'
 */
export function publicBaseUrl(
  configured: string | undefined = process.env.MANYI_PUBLIC_URL,
  fallback?: string,
): string {
  const raw = configured?.trim() || fallback;
  if (!raw)
    throw new Error(
      bilingual(
        '请设置对外访问地址 MANYI_PUBLIC_URL(例如 https://manyi.example.gov.cn)',
        'set the public base URL MANYI_PUBLIC_URL (e.g. https://manyi.example.gov.cn)',
      ),
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username)
    throw new Error(
      bilingual(
        `对外访问地址无效:${raw}(应为 http(s)://主机[/路径])`,
        `not a usable public base URL: ${raw} (expected http(s)://host[/path])`,
      ),
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The resident page of a community (what its QR poster points to), or with a token the link of
 * one invitation.
 *
 * @example surveyUrl('https://manyi.example.gov.cn', 'C0101', '7KM2…') // → 'https://manyi.example.gov.cn/s/C0101?t=7KM2…'
 */
export function surveyUrl(base: string, communityCode: string, token?: string): string {
  const page = `${base}/s/${encodeURIComponent(communityCode)}`;
  return token === undefined ? page : `${page}?t=${encodeURIComponent(token)}`;
}
