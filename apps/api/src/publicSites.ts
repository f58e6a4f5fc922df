import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Hono, type Context } from 'hono';
import { getCampaign } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';

/** The folder public result sites are written to, one folder per year: `MANYI_PUBLIC_DIR`, else data/public. */
export function publicSitesDir(): string {
  return resolve(process.env.MANYI_PUBLIC_DIR ?? 'data/public');
}

/** The media types of the files `publishYear` writes. */
const mediaTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** A file name of a site: no folders, no hidden or partial files. */
const fileName = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}\.(html|csv|svg|png)$/;

/**
 * The published result sites, read-only: `/public/<year>/` serves `<dir>/<year>/index.html` and
 * the files beside it, only while the year's campaign is published (404 before, and for any
 * other name). Files are read from that one folder only: names with a slash or a leading dot
 * never match.
 *
 * @example app.route('/public', publicSites(store));
 */
export function publicSites(store: Store, dir: () => string = publicSitesDir) {
  return new Hono()
    .get('/:year{[0-9]{4}}', (c) => c.redirect(`/public/${c.req.param('year')}/`))
    .get('/:year{[0-9]{4}}/', (c) => servePublished(c, store, dir(), 'index.html'))
    .get('/:year{[0-9]{4}}/:file', (c) => servePublished(c, store, dir(), c.req.param('file')));
}

/** One file of a published year's site, or 404. */
async function servePublished(c: Context, store: Store, dir: string, file: string) {
  const year = Number(c.req.param('year'));
  const notFound = () => c.text('找不到该页面 / not found', 404);
  const match = fileName.exec(file);
  if (!match || (await getCampaign(store, year))?.state !== 'published') return notFound();
  const root = resolve(dir, String(year));
  const path = resolve(join(root, file));
  if (!path.startsWith(root + '/') && !path.startsWith(root + '\\')) return notFound();
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return notFound();
  }
  c.header('Content-Type', mediaTypes[match[1]!]!);
  c.header('Cache-Control', 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(new Uint8Array(body), 200);
}
