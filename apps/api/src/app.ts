import { Hono } from 'hono';
import type { Store } from '@manyi/store/Store';
import { campaigns } from './routes/campaigns/index.ts';
import { communities } from './routes/communities/index.ts';
import { health } from './routes/health/index.ts';
import { live } from './routes/live/index.ts';
import { responses, type ResponsesOptions } from './routes/responses/index.ts';
import { results } from './routes/results/index.ts';
import { surveys } from './routes/surveys/index.ts';
import { problem } from './problem.ts';

export interface AppOptions extends ResponsesOptions {
  store: Store;
}

/**
 * The Manyi API under `/api/v1`, on one store. Test it with `app.request(...)`; serve it with
 * `startServer`, which adds the built pages.
 *
 * @example const res = await createApp({ store }).request('/api/v1/health');
 */
export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const api = new Hono()
    .route('/health', health)
    .route('/communities', communities(store))
    .route('/campaigns', campaigns(store))
    .route('/surveys', surveys(store))
    .route('/responses', responses(store, options))
    .route('/live', live(store))
    .route('/results', results(store));
  const app = new Hono();
  app.route('/api/v1', api);
  app.notFound((c) => problem(c, 404, '找不到该地址', `not found: ${c.req.method} ${c.req.path.slice(0, 100)}`));
  app.onError((error, c) => {
    console.error(error);
    return problem(c, 500, '服务器出错,请稍后重试', 'internal server error; please try again');
  });
  return app;
}
