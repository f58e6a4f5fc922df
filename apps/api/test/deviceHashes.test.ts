// Client addresses kept only as salted hashes rotated per campaign (issue 6, privacy): within a
// campaign a repeated device is found, across campaigns the same device hashes differently, and
// neither the address nor the salt ever leaves the server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { machineActor } from '@manyi/store/audit';
import { saveInstrument, setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { flagYear } from '@manyi/scoring/qualityChecks';
import { testInstrument, validSubmission } from './fixture.ts';
import { appOn, call, peopleStore, signIn } from './people.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
beforeAll(async () => {
  ({ store } = await peopleStore());
  app = appOn(store);
});
afterAll(() => store.close());

const phone = 'Mozilla/5.0 (Linux; Android 14; HUAWEI) Mobile Safari/537.36';
const otherPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148';

/** A resident's submission from a client address and browser, as the node server passes them. */
async function submitFrom(address: string, userAgent: string): Promise<string> {
  const body = validSubmission();
  body.answers.grid = 'C1G1';
  const res = await app.request(
    '/api/v1/responses',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The kept device hash of each response. */
async function hashesOf(ids: string[]): Promise<string[]> {
  const rows = await store.query<{ response_id: string; device_hash: string }>(
    'SELECT response_id, device_hash FROM response_devices',
  );
  const byId = new Map(rows.map((r) => [r.response_id, r.device_hash]));
  return ids.map((id) => byId.get(id)!);
}

it('finds a repeated device within a campaign, from its salted hash only', async () => {
  const ids = [
    await submitFrom('203.0.113.7', phone),
    await submitFrom('203.0.113.7', phone), // the same phone again
    await submitFrom('203.0.113.7', otherPhone), // a neighbour behind the same NAT address
    await submitFrom('198.51.100.20', phone), // the same model elsewhere
  ];
  const [first, again, neighbour, elsewhere] = await hashesOf(ids);
  expect(first).toMatch(/^[\w-]{43}$/); // a SHA-256, base64url
  expect(again).toBe(first);
  expect(new Set([first, neighbour, elsewhere]).size).toBe(3);

  const run = await flagYear(store, 2026, { actor: machineActor() });
  expect(run.counts.duplicate_device).toBe(1);
  const [flag] = await store.query<{ response_id: string }>(
    "SELECT response_id FROM quality_flags WHERE flag = 'duplicate_device'",
  );
  expect(flag!.response_id).toBe(ids[1]);

  // nothing stored holds the address itself
  const dump = JSON.stringify(
    await store.query(
      `SELECT (SELECT list(r)::VARCHAR FROM responses r) AS responses,
              (SELECT list(d)::VARCHAR FROM response_devices d) AS devices,
              (SELECT list(a)::VARCHAR FROM audit_log a) AS audit`,
    ),
  );
  expect(dump).toContain(first!);
  expect(dump).not.toContain('203.0.113.7');
  expect(dump).not.toContain('198.51.100.20');
});

it('hashes the same device differently in the next campaign, and never shows a salt', async () => {
  const before = await submitFrom('203.0.113.7', phone);
  const city = await signIn(app, 'city');
  const created = await call(app, 'POST', '/campaigns', {
    cookie: city,
    body: { year: 2027, title: '2027年度测评', opensAt: null, closesAt: null },
  });
  expect(created.status).toBe(201);
  const salts = await store.query<{ year: number; salt: string }>(
    'SELECT year, salt FROM campaign_salts ORDER BY year',
  );
  expect(salts.map((s) => s.year)).toEqual([2026, 2027]); // made at creation
  expect(salts[0]!.salt).not.toBe(salts[1]!.salt);
  expect(salts[1]!.salt.length).toBeGreaterThanOrEqual(43); // 256 random bits

  await saveInstrument(store, 2027, testInstrument);
  await setCampaignState(store, 2026, 'closed');
  await setCampaignState(store, 2027, 'open');
  const after = await submitFrom('203.0.113.7', phone);
  const [hash2026, hash2027] = await hashesOf([before, after]);
  expect(hash2027).toMatch(/^[\w-]{43}$/);
  expect(hash2027).not.toBe(hash2026);

  // what the API says about campaigns (and the log of their creation) carries no salt
  const texts = [
    await created.text(),
    await (await call(app, 'GET', '/campaigns')).text(),
    await (await call(app, 'GET', '/audit?limit=200', { cookie: city })).text(),
  ];
  for (const text of texts) for (const { salt } of salts) expect(text).not.toContain(salt);
  expect(texts[1]).toContain('2027年度测评');
});
