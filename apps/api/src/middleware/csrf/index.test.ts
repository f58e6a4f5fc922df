import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { validSubmission } from '../../../test/fixture.ts';
import { appOn, login, origin, peopleStore, signIn } from '../../../test/people.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
let cookie: string;
beforeAll(async () => {
  ({ store } = await peopleStore());
  app = appOn(store, { auth: { allowedOrigins: ['https://dashboard.example'] } });
  cookie = await signIn(app, 'city');
});
afterAll(() => store.close());

/** A signed-in request to close the 2026 campaign, with these headers. */
const close = (headers: Record<string, string>) =>
  app.request('/api/v1/campaigns/2026/transition', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ to: 'closed' }),
  });

describe('CSRF protection of signed-in writes', () => {
  it('refuses a cookie-authenticated write from another origin, and writes nothing', async () => {
    const crossOrigin: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:8080' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {}, // a browser always sends one of the two; a cookie without either is not from our pages
    ];
    for (const headers of crossOrigin) {
      const res = await close(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({
        error:
          '请求来源不被允许,请从本系统页面操作 / cross-origin request refused: use the pages of this site',
      });
    }
    expect((await getCampaign(store, 2026))!.state).toBe('open');
  });

  it('refuses a form posted from another site whatever its content type', async () => {
    const res = await app.request('/api/v1/campaigns/2026/transition', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie, origin: 'https://evil.example' },
      body: '{"to":"closed"}',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a sign-in from another origin (login CSRF)', async () => {
    expect(
      (await login(app, 'city', 'password-of-city', { origin: 'https://evil.example' })).status,
    ).toBe(403);
  });

  it('lets our own pages write: same origin, Sec-Fetch-Site same-origin, or an allowed origin', async () => {
    const { store: own } = await peopleStore();
    try {
      const ownApp = appOn(own, { auth: { allowedOrigins: ['https://dashboard.example'] } });
      const ownCookie = await signIn(ownApp, 'city');
      const move = (to: string, headers: Record<string, string>) =>
        ownApp.request('/api/v1/campaigns/2026/transition', {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: ownCookie, ...headers },
          body: JSON.stringify({ to }),
        });
      expect((await move('closed', { origin })).status).toBe(200);
      expect((await move('open', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect((await move('closed', { origin: 'https://dashboard.example' })).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("keeps residents' anonymous submissions open to any origin", async () => {
    const submission = validSubmission();
    submission.answers.grid = 'C1G1';
    const res = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://wechat.example' },
      body: JSON.stringify(submission),
    });
    expect(res.status).toBe(201);
  });
});
