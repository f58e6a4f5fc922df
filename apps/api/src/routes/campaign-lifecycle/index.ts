import { Hono } from 'hono';
import {
  campaignChangesSchema,
  newCampaignSchema,
  transitionSchema,
} from '@manyi/domain/lifecycle';
import { createCampaign, setCampaignState, updateCampaign } from '@manyi/store/campaigns';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { requireCityScope, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { jsonBody, jsonLimit } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';

/**
 * The campaign's lifecycle, for city-wide evaluators (campaigns are city-wide), each write logged:
 * `POST /campaigns` `{ year, title, opensAt?, closesAt? }` → 201 the draft campaign (409 if the
 * year has one); `PATCH /campaigns/:year` `{ title?, opensAt?, closesAt? }` → 200 the campaign
 * (409 unless a draft); `POST /campaigns/:year/transition` `{ to, reason? }` → 200 the campaign,
 * 409 for a transition the lifecycle does not allow, 400 to reopen a finalized year without a
 * reason. Reading campaigns stays public (`GET /campaigns`).
 */
export function campaignLifecycle(store: Store) {
  const guard = [requireRole('evaluator'), requireCityScope(store), jsonLimit] as const;
  return new Hono<AuthEnv>()
    .post('/', ...guard, async (c) => {
      const body = await jsonBody(c, newCampaignSchema);
      if (body instanceof Response) return body;
      return c.json(await createCampaign(store, body, actorOf(signedInUser(c))), 201);
    })
    .patch('/:year{[0-9]{4}}', ...guard, async (c) => {
      const body = await jsonBody(c, campaignChangesSchema);
      if (body instanceof Response) return body;
      const year = Number(c.req.param('year'));
      return c.json(await updateCampaign(store, year, body, actorOf(signedInUser(c))));
    })
    .post('/:year{[0-9]{4}}/transition', ...guard, async (c) => {
      const body = await jsonBody(c, transitionSchema);
      if (body instanceof Response) return body;
      const year = Number(c.req.param('year'));
      const actor = actorOf(signedInUser(c));
      return c.json(await setCampaignState(store, year, body.to, { actor, reason: body.reason }));
    });
}
