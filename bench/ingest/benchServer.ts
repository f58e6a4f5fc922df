import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '@manyi/api/app';
import { jsonBody, type Schema } from '@manyi/api/middleware/json-body/index';
import type { Store } from '@manyi/store/Store';
import { targetPaths, unstoredPrefix } from './targets.ts';

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
 * plus on the same app a bare `GET /ping` (the floor a durable submission is compared against)
 * and, under `/unstored`, a second API whose submissions are checked and answered 201 but never
 * written (what the HTTP layer and the checks cost alone), and `POST /bare`, which reads and
 * parses the body and answers 201 (what any POST of it costs). Counts the 201s of real submissions,
 * so the bench can check each one against a stored row.
 */
export function startBenchServer(store: Store): Promise<BenchServer> {
  // the load comes from one address: the submission limit would refuse nearly all of it
  const unlimited = { perAddress: Infinity };
  const app = createApp({ store, submissionLimit: unlimited });
  app.get('/ping', (c) => c.text('pong'));
  // the submission's body read from the socket and parsed as the API reads it, then a 201: what
  // the ping gets of the app and no more, no check, no store (the ceiling of any POST of it here)
  app.post(targetPaths.bare, async (c) => {
    const body = await jsonBody(c, anyJson);
    return body instanceof Response ? body : c.json({ id: body.clientId }, 201);
  });
  app.route(unstoredPrefix, createApp({ store: notStoring(store), submissionLimit: unlimited }));
  const acknowledged: Acknowledged = { created: 0, replayed: 0 };
  const count = (res: Response, request: Request) => {
    if (res.status === 201 && new URL(request.url).pathname === targetPaths.post) {
      if (res.headers.has('idempotent-replayed')) acknowledged.replayed++;
      else acknowledged.created++;
    }
    return res;
  };
  // Not async: a synchronous handler's response (the ping) stays synchronous, as in startServer.
  // The server's bindings (Node's request and response) go through as startServer gives them:
  // without them a submission has no client address (no device hash) and its body is read
  // through a web Request.
  const fetch = (request: Request, env: unknown) => {
    const res = app.fetch(request, env);
    return res instanceof Promise ? res.then((r) => count(r, request)) : count(res, request);
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

/** The same store, except that a submission resolves at once and writes nothing. */
function notStoring(store: Store): Store {
  const responses = { submit: async () => ({ id: randomUUID(), duplicate: false }) };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'responses') return responses;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value; // private fields need the real `this`
    },
  });
}

/** Any JSON object, unchecked. */
const anyJson: Schema<{ clientId?: unknown }> = {
  safeParse: (data) => ({ success: true, data: data as { clientId?: unknown } }),
};
