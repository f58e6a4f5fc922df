import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import type { Store } from '@manyi/store/Store';
import { createApp, type AppOptions } from './app.ts';
import { publicSites } from './publicSites.ts';

export interface ServerOptions extends AppOptions {
  store: Store;
  /** 0 picks a free port. Default `PORT`, else 8787. */
  port?: number;
  /** Default 127.0.0.1 (`HOST` overrides). */
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The built front ends, served beside the API. */
export const pages = {
  survey: fileURLToPath(new URL('../../survey/dist', import.meta.url)),
  dashboard: fileURLToPath(new URL('../../dashboard/dist', import.meta.url)),
};

/**
 * Serves the API, the resident page at `/s/<community code>`, the dashboard at `/dashboard/` and
 * the published results at `/public/<year>/` on one port.
 *
 * @example const server = await startServer({ store, port: 0 }); // server.url → http://127.0.0.1:41234
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  app.get('/', (c) => c.redirect('/dashboard/'));
  mountPage(app, '/s', pages.survey);
  mountPage(app, '/dashboard', pages.dashboard);
  // the published results sites, read-only, only for years in state published
  app.route('/public', publicSites(options.store));
  const port = options.port ?? Number(process.env.PORT ?? 8787);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
      resolve({
        url,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}

/** A built single-page app under `prefix`: its files, and its index.html for every other path. */
function mountPage(app: ReturnType<typeof createApp>, prefix: string, dist: string): void {
  if (!existsSync(dist)) {
    app.get(`${prefix}/*`, (c) =>
      c.text(`页面尚未构建 / page not built: run npm run build (${dist})`, 503),
    );
    return;
  }
  app.get(prefix, (c) => c.redirect(`${prefix}/`));
  app.use(`${prefix}/*`, compress());
  // Vite names assets by their content: they never change. The pages themselves always revalidate.
  app.use(`${prefix}/*`, async (c, next) => {
    await next();
    const immutable = c.req.path.startsWith(`${prefix}/assets/`) && c.res.status === 200;
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use(
    `${prefix}/*`,
    serveStatic({ root: dist, rewriteRequestPath: (path) => path.slice(prefix.length) }),
  );
  app.get(`${prefix}/*`, serveStatic({ root: dist, path: 'index.html' }));
}
