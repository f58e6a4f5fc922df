import { Hono, type Context } from 'hono';
import { canSee, isWithin, type UnitTree } from '@manyi/domain/scope';
import type { SessionUser } from '@manyi/domain/user';
import { flagYear } from '@manyi/scoring/qualityChecks';
import { qualityReview } from '@manyi/scoring/qualityReview';
import { QualitySettingsError } from '@manyi/scoring/QualitySettingsError';
import { qualitySummary } from '@manyi/scoring/qualitySummary';
import { getCampaign } from '@manyi/store/campaigns';
import { DecisionRefusedError } from '@manyi/store/DecisionRefusedError';
import { decideResponse, isCounted, responseSubject } from '@manyi/store/exclusions';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { jsonBody, jsonLimit } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';
import { decisionSchema, flagSettingsSchema, reviewQueryOf } from './bodies.ts';

/**
 * Data quality of a year's resident responses (issue 4 §5), for evaluators; leadership may read.
 * A district- or street-scoped account sees and decides only the responses of its region.
 * - `GET /quality/:year?flag=&community=&status=&limit=&offset=` → `{ year, total, limit, offset,
 *   responses: [{ id, clientId, source, community, street, grid, startedAt, submittedAt,
 *   durationSeconds, status, counted, flags: [{ flag, detail }], decisions: [{ id, action, reason,
 *   at, actor }], ratings: { question: value | null } }] }`: flagged or decided responses, no
 *   free text.
 * - `GET /quality/:year/summary` → `{ year, run, unchecked, responses, flags, statuses, counted,
 *   communities: [{ code, name, street, responses, flags, statuses, counted }] }`.
 * - `POST /quality/:year/flag` `{ speederShare?, straightLineMinRated? }` → 201 the new run of
 *   the checks; only a city-wide evaluator may change the settings (the checks cover the city).
 * - `POST /quality/:year/responses/:id/decision` `{ action: 'exclude' | 'reinstate', reason }`
 *   → 201 `{ decision, before, after, counted }`, logged with who and when.
 * Writes to a finalized or published year answer 409; a year without a campaign 404.
 */
export function quality(store: Store) {
  const readers = requireRole('evaluator', 'leadership');
  const evaluators = requireRole('evaluator');
  /** The 404 for a year without a campaign, or undefined when it has one. */
  const missingCampaign = async (c: Context<AuthEnv>, year: number) =>
    (await getCampaign(store, year))
      ? undefined
      : problem(c, 404, `没有 ${year} 年度的测评`, `there is no ${year} campaign`);
  return new Hono<AuthEnv>()
    .get('/:year{[0-9]{4}}', readers, async (c) => {
      const year = Number(c.req.param('year'));
      const query = reviewQueryOf(c.req.query());
      if (typeof query === 'string') return c.json({ error: query }, 400);
      const missing = await missingCampaign(c, year);
      if (missing) return missing;
      const user = signedInUser(c);
      const tree = await regionTree(store);
      if (query.community !== undefined && !canSee(user, query.community, tree))
        return outsideRegion(c, query.community);
      return c.json(
        await qualityReview(store, year, { ...query, within: visibleUnits(user, tree) }),
      );
    })
    .get('/:year{[0-9]{4}}/summary', readers, async (c) => {
      const year = Number(c.req.param('year'));
      const missing = await missingCampaign(c, year);
      if (missing) return missing;
      const within = visibleUnits(signedInUser(c), await regionTree(store));
      return c.json(await qualitySummary(store, year, within));
    })
    .post('/:year{[0-9]{4}}/flag', evaluators, jsonLimit, async (c) => {
      // no body: run the checks again with the settings in force
      const settings = c.req.header('content-type') ? await jsonBody(c, flagSettingsSchema) : {};
      if (settings instanceof Response) return settings;
      const user = signedInUser(c);
      if (Object.keys(settings).length && user.scope !== null)
        return problem(
          c,
          403,
          '检查覆盖全市,只有全市范围的考评办账号可以修改其设置',
          'the checks cover the city: only a city-wide evaluator may change their settings',
        );
      const year = Number(c.req.param('year'));
      try {
        return c.json(await flagYear(store, year, { actor: actorOf(user), settings }), 201);
      } catch (error) {
        if (error instanceof QualitySettingsError) return c.json({ errors: error.problems }, 400);
        throw error;
      }
    })
    .post('/:year{[0-9]{4}}/responses/:id/decision', evaluators, jsonLimit, async (c) => {
      const body = await jsonBody(c, decisionSchema);
      if (body instanceof Response) return body;
      const year = Number(c.req.param('year'));
      const responseId = c.req.param('id');
      const user = signedInUser(c);
      const subject = await responseSubject(store, year, responseId);
      if (!subject || subject.instrument !== 'resident')
        return problem(
          c,
          404,
          `${year} 年度没有居民答卷 ${responseId.slice(0, 64)}`,
          `no resident response ${responseId.slice(0, 64)} in ${year}`,
        );
      if (!canSee(user, subject.subjectCode, await regionTree(store)))
        return outsideRegion(c, subject.subjectCode);
      try {
        const outcome = await decideResponse(store, { year, responseId, ...body }, actorOf(user));
        return c.json({ ...outcome, counted: isCounted(outcome.after) }, 201);
      } catch (error) {
        if (error instanceof DecisionRefusedError)
          return c.json({ error: error.message }, error.reason === 'missing' ? 404 : 400);
        throw error;
      }
    });
}

/**
 * The unit codes a user may see, for filtering lists in SQL: null for a city-wide account, else
 * its scope and every unit under it (current units and those only in campaign snapshots).
 */
export function visibleUnits(user: Pick<SessionUser, 'scope'>, tree: UnitTree): string[] | null {
  if (user.scope === null) return null;
  return [...tree.keys()].filter((code) => isWithin(code, user.scope, tree));
}

/** The 403 for a unit outside the user's region. */
function outsideRegion(c: Context<AuthEnv>, code: string) {
  return problem(
    c,
    403,
    `您的账号范围不包括 ${code}`,
    `your account's region does not hold ${code}`,
  );
}
