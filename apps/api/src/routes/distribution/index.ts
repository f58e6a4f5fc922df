import { Hono } from 'hono';
import { paperDistributionSchema } from '@manyi/domain/invitation';
import { canSee } from '@manyi/domain/scope';
import { responseRates, type ResponseRate } from '@manyi/scoring/responseRates';
import { setPaperHandedOut } from '@manyi/store/distribution';
import { campaignOfYear } from '@manyi/store/campaignCommunity';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import {
  regionTree,
  requireRole,
  requireScope,
  signedInUser,
} from '../../middleware/access/index.ts';
import { jsonBody, jsonLimit } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { answerInvitationRefusals } from '../invitations/refusals.ts';

/** A unit's figures as the API gives them (its level is the list it stands in). */
export type ResponseRateRow = Omit<ResponseRate, 'level'>;

/**
 * Distribution and response rates:
 * - `GET /distribution/:year` (evaluator, leadership): 200 `{ year, city, districts, streets,
 *   communities }`, each row `{ code, name, parentCode, invitations, invitationsUsed,
 *   paperHandedOut, distributed, validResponses, responseRate }` (rate null where nothing was
 *   distributed; aggregates are Σ valid ÷ Σ distributed). Only the units within the caller's
 *   region: `city` is null below a city-wide account, a street's account sees no district row.
 * - `PUT /distribution/:year/:community` `{ paperHandedOut }` (evaluator, within scope): 200
 *   `{ year, communityCode, paperHandedOut, updatedAt, updatedBy }`, logged; 409 for a frozen year.
 * 404 for a year without a campaign or a community the year does not hold.
 */
export function distribution(store: Store) {
  return new Hono<AuthEnv>()
    .get('/:year{[0-9]{4}}', requireRole('evaluator', 'leadership'), async (c) => {
      const year = Number(c.req.param('year'));
      await campaignOfYear(store, year);
      const user = signedInUser(c);
      const tree = await regionTree(store);
      const rows = (await responseRates(store, year)).filter((r) => canSee(user, r.code, tree));
      const at = (level: ResponseRate['level']) =>
        rows.filter((r) => r.level === level).map(({ level: _, ...row }): ResponseRateRow => row);
      c.header('Cache-Control', 'no-store');
      return c.json({
        year,
        city: at('city')[0] ?? null,
        districts: at('district'),
        streets: at('street'),
        communities: at('community'),
      });
    })
    .put(
      '/:year{[0-9]{4}}/:community{[A-Za-z0-9_-]{1,32}}',
      requireRole('evaluator'),
      requireScope(store, (c) => c.req.param('community') ?? ''),
      jsonLimit,
      async (c) => {
        const body = await jsonBody(c, paperDistributionSchema);
        if (body instanceof Response) return body;
        const entry = {
          year: Number(c.req.param('year')),
          communityCode: c.req.param('community'),
          paperHandedOut: body.paperHandedOut,
        };
        return c.json(await setPaperHandedOut(store, entry, actorOf(signedInUser(c))));
      },
    )
    .onError(answerInvitationRefusals);
}
