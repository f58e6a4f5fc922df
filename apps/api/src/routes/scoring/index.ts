import { Hono } from 'hono';
import { bilingual } from '@manyi/domain/messages';
import { FrameworkError } from '@manyi/domain/frameworkPolicy';
import { scoreYear } from '@manyi/scoring/scoreYear';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { requireCityScope, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { jsonBody, jsonLimit, type Schema } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';

/**
 * The year-end scoring run from the web (issue 4 §8), for city-wide evaluators:
 * `POST /scoring/:year` `{ seed? }` (or no body) → 201 `{ year, runId, seed, method, createdAt,
 * communities, streets }`, logged as `scoring.run`. 404 a year without a campaign, 409 a
 * finalized or published year (frozen: reopen it first), 400 a framework the policy refuses.
 */
export function scoring(store: Store) {
  return new Hono<AuthEnv>().post(
    '/:year{[0-9]{4}}',
    requireRole('evaluator'),
    requireCityScope(store),
    jsonLimit,
    async (c) => {
      const body = c.req.header('content-type') ? await jsonBody(c, scoringSchema) : {};
      if (body instanceof Response) return body;
      const year = Number(c.req.param('year'));
      try {
        const { run } = await scoreYear(store, year, {
          seed: body.seed,
          actor: actorOf(signedInUser(c)),
        });
        return c.json(
          {
            year,
            runId: run.runId,
            seed: run.seed,
            method: run.method,
            createdAt: run.createdAt.toISOString(),
            communities: run.summary.communities,
            streets: run.summary.streets,
          },
          201,
        );
      } catch (error) {
        if (error instanceof FrameworkError)
          return c.json(
            { errors: error.problems.map((p) => ({ field: p.path, message: p.message })) },
            400,
          );
        throw error;
      }
    },
  );
}

/** The body of `POST /scoring/:year`: an optional seed of the rank simulation (default the year). */
const scoringSchema: Schema<{ seed?: number }> = {
  safeParse(data) {
    const body = (data ?? {}) as Record<string, unknown>;
    const unknown =
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? Object.keys(body).filter((k) => k !== 'seed')
        : ['body'];
    const seed = body.seed;
    const issues = unknown.map((k) => ({
      path: [k],
      message: bilingual(`不认识的字段 ${k}`, `unknown field ${k}`),
    }));
    if (seed !== undefined && !(Number.isSafeInteger(seed) && (seed as number) >= 0))
      issues.push({
        path: ['seed'],
        message: bilingual('随机种子应为非负整数', 'seed must be a non-negative integer'),
      });
    return issues.length
      ? { success: false, error: { issues } }
      : { success: true, data: seed === undefined ? {} : { seed: seed as number } };
  },
};
