import { Hono, type Context } from 'hono';
import { issueInvitationsSchema } from '@manyi/domain/invitation';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { requireRole, requireScope, signedInUser } from '../../middleware/access/index.ts';
import { jsonBody, jsonLimit } from '../../middleware/json-body/index.ts';
import { clientAddress, requestOrigin } from '../../middleware/request-info/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { openSurvey } from '../../openSurvey.ts';
import { issueInvitationSheet, posterFile } from '../../print/printables.ts';
import { printMediaTypes, type PrintFormat, type RenderOptions } from '../../print/renderPages.ts';
import { publicBaseUrl } from '../../print/surveyUrl.ts';
import { problem } from '../../problem.ts';
import type { InvitationGuessThrottle } from './InvitationGuessThrottle.ts';
import { inspectInvitation, tooManyGuesses } from './presentedInvitation.ts';
import { answerInvitationRefusals } from './refusals.ts';

export interface InvitationsOptions {
  /** Unknown tokens presented, per client address; shared with `POST /responses`. */
  guesses: InvitationGuessThrottle;
  /**
   * The public base URL printed codes point to. Default `MANYI_PUBLIC_URL`, else the origin of
   * the request that asks for the print.
   */
  publicUrl?: string;
  /** Read the client's address and origin from a reverse proxy's X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** How pages become PNG and PDF. */
  render?: RenderOptions;
}

/**
 * Invitations and posters:
 * - `GET /invitations/check?community=&t=` (public, for the resident's page before the survey):
 *   200 `{ valid, reason: null | 'unknown' | 'used' | 'not-open', message }`; 429 after too many
 *   unknown tokens from one address.
 * - `POST /invitations/:year/:community` `{ count, format: 'pdf' | 'png' | 'json' }` (evaluator,
 *   within scope): 201 with the slips (PDF; PNG of one page, count ≤ 10) or `{ year, community,
 *   issuedAt, invitations: [{ token, code, url }] }`: the only time the tokens appear.
 * - `GET /invitations/:year/poster/:community.(svg|png|pdf)` (evaluator, within scope): the
 *   community's QR poster.
 * Refused: 404 no such campaign or community, 409 a closed or frozen year (issuing).
 */
export function invitations(store: Store, options: InvitationsOptions) {
  const configured = options.publicUrl ?? process.env.MANYI_PUBLIC_URL;
  if (configured) publicBaseUrl(configured); // a bad setting fails at start, not on a print
  const baseOf = (c: Context) => publicBaseUrl(configured, requestOrigin(c, options.trustProxy));

  return new Hono<AuthEnv>()
    .get('/check', async (c) => {
      const communityCode = c.req.query('community') ?? '';
      const token = c.req.query('t') ?? '';
      if (!communityCode || !token)
        return problem(c, 400, '缺少社区编码或邀请码', 'community and t are required');
      const address = clientAddress(c, options.trustProxy);
      const openYear = (await openSurvey(store))?.campaign.year ?? null;
      const seen = await inspectInvitation(store, options.guesses, address, {
        token,
        communityCode: communityCode.slice(0, 32),
        openYear,
      });
      if ('throttledMs' in seen) return tooManyGuesses(c, seen.throttledMs);
      c.header('Cache-Control', 'no-store');
      return c.json(seen.check);
    })
    .get(
      '/:year{[0-9]{4}}/poster/:file{[A-Za-z0-9_-]{1,32}\\.[a-z]{3}}',
      requireRole('evaluator'),
      requireScope(store, (c) => posterName(c.req.param('file')).communityCode),
      async (c) => {
        const { communityCode, format } = posterName(c.req.param('file'));
        if (!format)
          return problem(c, 404, '海报格式应为 svg、png 或 pdf', 'a poster is .svg, .png or .pdf');
        const year = Number(c.req.param('year'));
        const file = await posterFile(
          store,
          { year, communityCode, base: baseOf(c) },
          format,
          options.render,
        );
        c.header('Cache-Control', 'private, no-cache');
        return printed(c, file, format, `poster-${year}-${communityCode}`, 'inline', 200);
      },
    )
    .post(
      '/:year{[0-9]{4}}/:community{[A-Za-z0-9_-]{1,32}}',
      requireRole('evaluator'),
      requireScope(store, (c) => c.req.param('community') ?? ''),
      jsonLimit,
      async (c) => {
        const body = await jsonBody(c, issueInvitationsSchema);
        if (body instanceof Response) return body;
        const year = Number(c.req.param('year'));
        const communityCode = c.req.param('community');
        const sheet = await issueInvitationSheet(
          store,
          { year, communityCode, count: body.count, base: baseOf(c) },
          body.format,
          actorOf(signedInUser(c)),
          options.render,
        );
        c.header('Cache-Control', 'no-store');
        if (!Buffer.isBuffer(sheet)) return c.json(sheet, 201);
        // a download, not a page: the tokens are in it, and it is not fetched again
        const name = `invitations-${year}-${communityCode}`;
        return printed(c, sheet, body.format as PrintFormat, name, 'attachment', 201);
      },
    )
    .onError(answerInvitationRefusals);
}

/** A poster's file name split: `C0101.pdf` → the community and the format (undefined if unknown). */
function posterName(file: string | undefined): { communityCode: string; format?: PrintFormat } {
  const [, communityCode = '', extension] = /^(.*)\.([a-z]+)$/.exec(file ?? '') ?? [];
  const format = (['svg', 'png', 'pdf'] as const).find((f) => f === extension);
  return { communityCode, format };
}

/**
 * A printed file as the response: its media type, a file name, and for SVG a policy that runs
 * nothing (SVG is a document a browser would script).
 */
function printed(
  c: Context,
  file: Buffer,
  format: PrintFormat,
  name: string,
  disposition: 'inline' | 'attachment',
  status: 200 | 201,
) {
  c.header('Content-Type', printMediaTypes[format]);
  c.header('Content-Disposition', `${disposition}; filename="${name}.${format}"`);
  c.header('X-Content-Type-Options', 'nosniff');
  if (format === 'svg')
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  return c.body(new Uint8Array(file), status);
}
