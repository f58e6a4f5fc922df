/// <reference lib="dom" />
// @manyi/charts types its figures with the DOM's Element; they are rendered here through linkedom.
import { join } from 'node:path';
import { Hono } from 'hono';
import { renderToSvg } from '@manyi/charts/renderToSvg';
import { residentScoresByStreet } from '@manyi/charts/residentScoresByStreet';
import { campaignStateNames } from '@manyi/domain/campaign';
import { publishYear, type PublishOptions } from '@manyi/scoring/publishYear';
import { audit } from '@manyi/store/audit';
import { getCampaign, setCampaignState } from '@manyi/store/campaigns';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { requireCityScope, requireRole, signedInUser } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';
import { publicSitesDir } from '../../publicSites.ts';

/** Draws a district's chart of published communities, as `publishYear` asks. */
const drawScores: PublishOptions['drawScores'] = (rows, options) =>
  renderToSvg(residentScoresByStreet, rows, options);

/**
 * Publishing a year's results (issue 4 §8), for city-wide evaluators:
 * `POST /campaigns/:year/publish` (no body) → 201 `{ year, state: 'published', runId, units,
 * suppressed, url }`. Writes the public site into `<MANYI_PUBLIC_DIR or data/public>/<year>/`
 * (served at `/public/<year>/`), then moves a finalized year to published; a published year's
 * site is written again. 404 a year without a campaign, 409 any other state or a year without
 * results. Logged (`results.publish`, and the state change).
 */
export function publish(store: Store, dir: () => string = publicSitesDir) {
  return new Hono<AuthEnv>().post(
    '/:year{[0-9]{4}}/publish',
    requireRole('evaluator'),
    requireCityScope(store),
    async (c) => {
      const year = Number(c.req.param('year'));
      const actor = actorOf(signedInUser(c));
      const before = await getCampaign(store, year);
      if (!before)
        return problem(c, 404, `没有 ${year} 年度的测评`, `there is no ${year} campaign`);
      if (before.state !== 'finalized' && before.state !== 'published')
        return problem(
          c,
          409,
          `${year} 年度测评为${campaignStateNames[before.state]},须先定稿才能发布`,
          `the ${year} campaign is ${before.state}: finalize it before publishing`,
        );
      // the site first: a year is never published without its site
      const site = await publishYear(store, year, join(dir(), String(year)), { drawScores });
      await store.transaction((db) =>
        audit(db, {
          actor,
          action: 'results.publish',
          target: `campaign:${year}`,
          year,
          after: { runId: site.runId, units: site.units, suppressed: site.suppressed },
        }),
      );
      if (before.state === 'finalized') await setCampaignState(store, year, 'published', { actor });
      return c.json(
        {
          year,
          state: 'published',
          runId: site.runId,
          units: site.units,
          suppressed: site.suppressed,
          url: `/public/${year}/`,
        },
        201,
      );
    },
  );
}
