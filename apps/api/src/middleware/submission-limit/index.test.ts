import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { createApp } from '../../app.ts';
import { testStore, validSubmission } from '../../../test/fixture.ts';
import type { SecurityEvent } from '../security-log/index.ts';

let store: Store;
let lines: string[];
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await testStore();
  lines = [];
  app = createApp({
    store,
    submissionLimit: { perAddress: 3, windowMs: 60_000 },
    securityLog: (line) => lines.push(line),
  });
});
afterEach(() => store.close());

/**
 * Posts a submission from a client address: the node server's socket, as `@hono/node-server`
 * passes it in the environment.
 */
const postFrom = (address: string, body: unknown = validSubmission()) =>
  app.request(
    '/api/v1/responses',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );

const stored = async () =>
  Number((await store.query<{ n: bigint }>('SELECT count(*) AS n FROM responses'))[0]!.n);

describe('the submission rate limit', () => {
  it('refuses the submission past the limit with 429, Retry-After and a bilingual message', async () => {
    for (let i = 0; i < 3; i++) expect((await postFrom('203.0.113.7')).status).toBe(201);
    const refused = await postFrom('203.0.113.7');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toMatch(/^提交过于频繁,请 \d+ 秒后再试 \/ too many submissions/);
    expect(await stored()).toBe(3);
  });

  it('counts bad submissions too, and leaves other addresses alone', async () => {
    for (let i = 0; i < 3; i++)
      expect((await postFrom('203.0.113.7', { nonsense: true })).status).toBe(400);
    expect((await postFrom('203.0.113.7')).status).toBe(429);
    expect((await postFrom('198.51.100.20')).status).toBe(201);
    expect((await postFrom('2001:db8::1')).status).toBe(201);
    expect(await stored()).toBe(2);
  });

  it('logs each refusal as rate.limited, with a hashed address and no answers', async () => {
    const body = validSubmission();
    body.answers.suggestion = '电话 13812345678 请回电';
    for (let i = 0; i < 5; i++) await postFrom('203.0.113.7', { ...body, submissionId: `s-${i}` });
    const events = lines.map((line) => JSON.parse(line) as SecurityEvent);
    expect(events).toEqual([
      expect.objectContaining({ event: 'rate.limited', status: 429, path: '/api/v1/responses' }),
      expect.objectContaining({ event: 'rate.limited', status: 429, path: '/api/v1/responses' }),
    ]);
    const text = lines.join('\n');
    expect(text).not.toContain('203.0.113.7');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('s-3');
    expect(events[0]!.client).toBe(events[1]!.client);
  });

  it('lets a community hall behind one address through by default: 120 in a minute', async () => {
    const hall = createApp({ store, securityLog: () => {} });
    const statuses = await Promise.all(
      Array.from({ length: 121 }, () =>
        hall.request(
          '/api/v1/responses',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(validSubmission()),
          },
          { incoming: { socket: { remoteAddress: '192.0.2.1' } } },
        ),
      ).map(async (res) => (await res).status),
    );
    expect(new Set(statuses)).toEqual(new Set([201, 429]));
    expect(statuses.filter((s) => s === 201)).toHaveLength(120);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });

  it('does not count reading other routes', async () => {
    for (let i = 0; i < 5; i++) expect((await app.request('/api/v1/health')).status).toBe(200);
    expect((await postFrom('203.0.113.7')).status).toBe(201);
  });
});
