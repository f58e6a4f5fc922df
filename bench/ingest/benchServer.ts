import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '@manyi/api/app';
import type { Store } from '@manyi/store/Store';

/** The 201s the server sent for submissions: new responses, and replays of a stored one. */
export interface Acknowledged {
  created: number;
  replayed: number;
}

export interface BenchServer {
  url: string;
  acknowledged: Acknowledged;
  close(): Promise<void>;
}

/**
 * The API as `startServer` serves it (same `createApp`, same `@hono/node-server` on 127.0.0.1),
 * plus a bare `GET /ping` on the same app: the floor a durable submission is compared against.
 * Counts the 201s it sends, so the bench can check each one against a stored row.
 */
export function startBenchServer(store: Store): Promise<BenchServer> {
  const app = createApp({ store });
  app.get('/ping', (c) => c.text('pong'));
  const acknowledged: Acknowledged = { created: 0, replayed: 0 };
  const count = (res: Response) => {
    if (res.status === 201) {
      if (res.headers.has('idempotent-replayed')) acknowledged.replayed++;
      else acknowledged.created++;
    }
    return res;
  };
  // Not async: a synchronous handler's response (the ping) stays synchronous, as in startServer.
  const fetch = (request: Request) => {
    const res = app.fetch(request);
    return res instanceof Promise ? res.then(count) : count(res);
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        acknowledged,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      }),
    );
    server.once('error', reject);
  });
}
