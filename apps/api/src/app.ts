import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Store } from '@manyi/store/Store';
import { sameOriginWrites } from './middleware/csrf/index.ts';
import { refusal } from './middleware/refusals/index.ts';
import { secureResponses } from './middleware/secure-headers/index.ts';
import { securityLog, type SecuritySink } from './middleware/security-log/index.ts';
import { session, type AuthEnv, type AuthOptions } from './middleware/session/index.ts';
import {
  submissionLimit,
  type SubmissionLimitOptions,
} from './middleware/submission-limit/index.ts';
import { auditLog } from './routes/audit/index.ts';
import { auth } from './routes/auth/index.ts';
import { campaignLifecycle } from './routes/campaign-lifecycle/index.ts';
import { campaigns } from './routes/campaigns/index.ts';
import { comments } from './routes/comments/index.ts';
import { communities } from './routes/communities/index.ts';
import { distribution } from './routes/distribution/index.ts';
import { entries } from './routes/entries/index.ts';
import { health } from './routes/health/index.ts';
import { imports } from './routes/imports/index.ts';
import { invitations, type InvitationsOptions } from './routes/invitations/index.ts';
import {
  InvitationGuessThrottle,
  type InvitationGuessOptions,
} from './routes/invitations/InvitationGuessThrottle.ts';
import { live } from './routes/live/index.ts';
import { profile } from './routes/profile/index.ts';
import { publish } from './routes/publish/index.ts';
import { quality } from './routes/quality/index.ts';
import { responses, type ResponsesOptions } from './routes/responses/index.ts';
import { results } from './routes/results/index.ts';
import { scoring } from './routes/scoring/index.ts';
import { surveys } from './routes/surveys/index.ts';
import { twoWay } from './routes/two-way/index.ts';
import { users } from './routes/users/index.ts';
import { workbook } from './routes/workbook/index.ts';
import { problem } from './problem.ts';

export interface AppOptions extends ResponsesOptions {
  store: Store;
  /** Sessions, sign-in throttling, proxies and allowed origins; defaults suit one machine. */
  auth?: AuthOptions;
  /** Printed codes' public base URL, token-guess throttling, rendering; defaults suit one machine. */
  invitations?: Pick<InvitationsOptions, 'publicUrl' | 'render'> & {
    guessThrottle?: Partial<Omit<InvitationGuessOptions, 'now'>>;
  };
  /** Where security events go (failed sign-ins, refusals, rate limits): default standard error. */
  securityLog?: SecuritySink;
  /** Submissions per client address and window: default 120 a minute (load tests raise it). */
  submissionLimit?: Partial<Omit<SubmissionLimitOptions, 'trustProxy'>>;
}

/**
 * The Manyi API under `/api/v1`, on one store. Test it with `app.request(...)`; serve it with
 * `startServer`, which adds the built pages.
 *
 * @example const res = await createApp({ store }).request('/api/v1/health');
 */
export function createApp(options: AppOptions): Hono {
  const { store, auth: authOptions = {}, invitations: invitationOptions = {} } = options;
  const now = authOptions.now;
  // one count of unknown tokens per address, for the check endpoint and submissions alike
  const guesses = new InvitationGuessThrottle({
    ...invitationOptions.guessThrottle,
    ...(now && { now: () => now().getTime() }),
  });
  const api = new Hono<AuthEnv>()
    .use('*', securityLog({ sink: options.securityLog, trustProxy: authOptions.trustProxy, now }))
    // residents' anonymous submissions stay open to any page; every other write is same-origin
    .use('*', sameOriginWrites({ ...authOptions, exempt: ['/api/v1/responses'] }))
    .use('*', session(store, authOptions))
    .route('/health', health)
    .route('/communities', communities(store))
    .route('/campaigns', campaigns(store))
    .route('/surveys', surveys(store))
    .use(
      '/responses',
      submissionLimit({ ...options.submissionLimit, trustProxy: authOptions.trustProxy }),
    )
    .route(
      '/responses',
      responses(store, { ...options, guesses, trustProxy: authOptions.trustProxy }),
    )
    .route('/live', live(store))
    .route('/results', results(store))
    .route('/profile', profile(store))
    .route('/comments', comments(store))
    .route('/auth', auth(store, authOptions))
    .route('/users', users(store))
    .route('/campaigns', campaignLifecycle(store))
    .route('/audit', auditLog(store))
    .route(
      '/invitations',
      invitations(store, {
        guesses,
        publicUrl: invitationOptions.publicUrl,
        render: invitationOptions.render,
        trustProxy: authOptions.trustProxy,
      }),
    )
    .route('/distribution', distribution(store))
    .route('/quality', quality(store))
    .route('/imports', imports(store))
    .route('/entries', entries(store))
    .route('/two-way', twoWay(store))
    .route('/scoring', scoring(store))
    .route('/workbook', workbook(store))
    .route('/campaigns', publish(store));
  const app = new Hono();
  // first, so that pages, errors and 404s carry the headers too
  app.use('*', secureResponses({ trustProxy: authOptions.trustProxy }));
  app.route('/api/v1', api);
  app.notFound((c) =>
    problem(c, 404, '找不到该地址', `not found: ${c.req.method} ${c.req.path.slice(0, 100)}`),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    const refused = refusal(error, c);
    if (refused) return refused;
    console.error(error);
    return problem(c, 500, '服务器出错,请稍后重试', 'internal server error; please try again');
  });
  return app;
}
