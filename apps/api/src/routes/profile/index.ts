import { Hono, type Context } from 'hono';
import { canSee } from '@manyi/domain/scope';
import { profileSummary } from '@manyi/scoring/profileSummary';
import { storedUnitProfile } from '@manyi/scoring/storedUnitProfile';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';
import { isPublished, isStaff, publishedFigures } from '../results/staffView.ts';

/**
 * `GET /profile/:year/:code`: the profile of one community or street in a year, from the stored
 * results (issue 5 §2): 200 `{ profile, summary }`, `profile` a `UnitProfile` (its own figures,
 * trend, street, district peers, dimensions against the peers), `summary` the Chinese paragraph
 * of `profileSummary`. 404 when the year is not scored or has no such unit.
 *
 * Evaluators and leadership read any unit of their region. Street and community staff read only
 * their own unit's, and only of a published year (403 before, as for `GET /results/:year`);
 * their street's figures then come as the public site shows them (`publishedFigures`).
 */
export function profile(store: Store) {
  return new Hono<AuthEnv>().get(
    '/:year{[0-9]{4}}/:code{[A-Za-z0-9_-]{1,32}}',
    requireRole('evaluator', 'leadership', 'street_staff', 'community_staff'),
    async (c) => {
      const year = Number(c.req.param('year'));
      const code = c.req.param('code');
      const refused = await refusal(c, store, year, code);
      if (refused) return refused;
      const found = await storedUnitProfile(store, year, code);
      if (!found)
        return problem(
          c,
          404,
          `${year} 年度没有 ${code} 的评分结果`,
          `no ${year} results for ${code}`,
        );
      const staff = isStaff(signedInUser(c));
      const shown =
        staff && found.street ? { ...found, street: publishedFigures(found.street) } : found;
      // a new run replaces what a reader saw
      c.header('Cache-Control', 'no-store');
      return c.json({ profile: shown, summary: profileSummary(found) });
    },
  );
}

/** 403 for a unit outside the reader's region, or (staff) not their own or not yet published. */
async function refusal(c: Context<AuthEnv>, store: Store, year: number, code: string) {
  const user = signedInUser(c);
  if (isStaff(user)) {
    if (code !== user.scope)
      return problem(
        c,
        403,
        `工作人员只能查看本单位的概况(${user.scope})`,
        `staff read their own unit's profile only (${user.scope})`,
      );
    if (!(await isPublished(store, year)))
      return problem(
        c,
        403,
        `${year} 年度结果尚未公布,工作人员只能查看已公布年度的结果`,
        `the ${year} results are not published yet: staff read published years only`,
      );
    return undefined;
  }
  if (!canSee(user, code, await regionTree(store)))
    return problem(
      c,
      403,
      `您的账号范围不包括 ${code}`,
      `your account's region does not hold ${code}`,
    );
  return undefined;
}
