import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unitsFromRegionRows } from '@manyi/domain/region';
import { machineActor } from '@manyi/store/audit';
import { createCampaign, setCampaignState } from '@manyi/store/campaigns';
import { hashInvitationToken, redeemInvitations } from '@manyi/store/invitations';
import { replaceRegions } from '@manyi/store/regions';
import type { Store } from '@manyi/store/Store';
import { appOn, call, peopleStore, signIn, twoDistricts } from '../../../test/people.ts';
import { InvitationGuessThrottle } from './InvitationGuessThrottle.ts';
import { submissionInvitation } from './presentedInvitation.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
let cookie: string;
let clock: number;

beforeEach(async () => {
  ({ store } = await peopleStore());
  clock = Date.parse('2026-11-20T09:00:00+08:00');
  app = appOn(store, { auth: { now: () => new Date(clock), trustProxy: true } });
  cookie = await signIn(app, 'city');
});
afterEach(() => store.close());

interface InvitationList {
  year: number;
  community: { code: string; name: string };
  issuedAt: string;
  invitations: { token: string; code: string; url: string }[];
}

const issue = (body: unknown, community = 'C1', year = 2026, as = cookie) =>
  call(app, 'POST', `/invitations/${year}/${community}`, { cookie: as, body });
const issueJson = async (count: number, community = 'C1') => {
  const res = await issue({ count, format: 'json' }, community);
  expect(res.status).toBe(201);
  return (await res.json()) as InvitationList;
};
const check = (t: string, community = 'C1', address = '203.0.113.7') =>
  call(app, 'GET', `/invitations/check?community=${community}&t=${encodeURIComponent(t)}`, {
    headers: { 'x-forwarded-for': address },
  });
const checked = async (t: string, community = 'C1') => (await check(t, community)).json();
const poster = (file: string, year = 2026, as = cookie) =>
  call(app, 'GET', `/invitations/${year}/poster/${file}`, { cookie: as });

/** Stores a resident response that uses a token, as the submission's writer does (one transaction). */
const useToken = (token: string, community = 'C1') =>
  store.transaction(async (db) => {
    const id = randomUUID();
    await db.run(
      `INSERT INTO responses (id, client_id, year, instrument, subject_code, source, submitted_at, answers)
       VALUES (?, ?, 2026, 'resident', ?, 'web', now(), '{}')`,
      [id, `client-${id}`, community],
    );
    await redeemInvitations(db, [
      {
        tokenHash: hashInvitationToken(token),
        year: 2026,
        communityCode: community,
        responseId: id,
      },
    ]);
  }, 'responses');

/** Every value of every row of a table, as text. */
const tableText = async (table: string) =>
  JSON.stringify(await store.query(`SELECT * FROM ${table}`), (_, v) =>
    typeof v === 'bigint' ? String(v) : v,
  );

/** A PNG's width and height from its IHDR chunk. */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A4 at 150 dpi (librsvg rounds 1240.2 up). */
const a4Pixels = [1241, 1754];

describe('issuing invitations', () => {
  it('shows the tokens once, as links to our own survey page, and stores only their hashes', async () => {
    const res = await issue({ count: 3, format: 'json' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = (await res.json()) as InvitationList;
    expect(list).toMatchObject({ year: 2026, community: { code: 'C1', name: 'C1社区' } });
    expect(list.invitations).toHaveLength(3);
    for (const { token, code, url } of list.invitations) {
      expect(token).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(code.replaceAll('-', '')).toBe(token);
      expect(url).toBe(`http://localhost/s/C1?t=${token}`);
    }

    const stored = (await tableText('invitations')) + (await tableText('audit_log'));
    for (const { token } of list.invitations) expect(stored).not.toContain(token);
    expect(await store.query('SELECT count(*)::INTEGER AS n FROM invitations')).toEqual([{ n: 3 }]);
    const log = await call(app, 'GET', '/audit?action=invitation.issue', { cookie });
    expect(await log.json()).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ via: 'api', username: 'city' }),
        target: 'invitations:2026/C1',
        after: { community: 'C1', count: 3 },
      }),
    ]);
  });

  it('points the codes at the configured public URL when there is one', async () => {
    app = appOn(store, { invitations: { publicUrl: 'https://manyi.example.gov.cn/survey/' } });
    cookie = await signIn(app, 'east');
    const [invitation] = (await issueJson(1)).invitations;
    expect(invitation!.url).toBe(`https://manyi.example.gov.cn/survey/s/C1?t=${invitation!.token}`);
    expect(() => appOn(store, { invitations: { publicUrl: 'ftp://example' } })).toThrow(
      /对外访问地址无效/,
    );
  });

  it('prints slips as a multi-page PDF or a one-page PNG', async () => {
    const pdf = await issue({ count: 12 });
    expect(pdf.status).toBe(201);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      'attachment; filename="invitations-2026-C1.pdf"',
    );
    const pdfText = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(pdfText.startsWith('%PDF-')).toBe(true);
    expect(pdfText).toMatch(/\/Count 2\b/); // 12 slips at 10 a page
    expect(pdfText).toMatch(/MediaBox \[ ?0 0 595\.\d+ 841\.\d+ ?\]/); // A4 in points

    const png = await issue({ count: 10, format: 'png' });
    expect(png.headers.get('content-type')).toBe('image/png');
    const image = Buffer.from(await png.arrayBuffer());
    expect(image.subarray(0, 8)).toEqual(pngSignature);
    expect(pngSize(image)).toEqual(a4Pixels);

    expect((await issue({ count: 11, format: 'png' })).status).toBe(400);
    expect((await issue({ count: 0 })).status).toBe(400);
    expect(await store.query('SELECT count(*)::INTEGER AS n FROM invitations')).toEqual([
      { n: 22 },
    ]);
  });

  it('refuses a closed or frozen year, a year without a campaign and an unknown community', async () => {
    expect((await issue({ count: 1 }, 'C9')).status).toBe(404);
    expect((await issue({ count: 1 }, 'C1', 2099)).status).toBe(404);
    await setCampaignState(store, 2026, 'closed');
    const closed = await issue({ count: 1 });
    expect(closed.status).toBe(409);
    expect(await closed.json()).toEqual({
      error:
        '2026 年度测评已结束,不再发放邀请 / the 2026 campaign is closed: no more invitations are issued',
    });
    await setCampaignState(store, 2026, 'finalized');
    const frozen = await issue({ count: 1, format: 'json' });
    expect(frozen.status).toBe(409);
    expect(await frozen.json()).toEqual({ error: expect.stringMatching(/数据已冻结/) });
    expect(await store.query('SELECT count(*)::INTEGER AS n FROM invitations')).toEqual([{ n: 0 }]);
    expect((await poster('C1.svg')).status).toBe(200); // printing a poster writes nothing
  });

  it('keeps an evaluator to communities within their region, and others out', async () => {
    const east = await signIn(app, 'east');
    expect((await issue({ count: 1, format: 'json' }, 'C1', 2026, east)).status).toBe(201);
    expect((await issue({ count: 1, format: 'json' }, 'C3', 2026, east)).status).toBe(403);
    expect((await poster('C3.svg', 2026, east)).status).toBe(403);
    const boss = await signIn(app, 'boss');
    expect((await issue({ count: 1, format: 'json' }, 'C1', 2026, boss)).status).toBe(403);
    expect((await poster('C1.svg', 2026, boss)).status).toBe(403);
  });
});

describe('checking and using a token', () => {
  it('says whether a token is good for a community now, and that it was used', async () => {
    const [first, second] = (await issueJson(2)).invitations;
    expect(await checked(first!.token)).toEqual({ valid: true, reason: null, message: null });
    expect(await checked(first!.code.toLowerCase())).toMatchObject({ valid: true }); // typed
    expect(await checked(first!.token, 'C2')).toMatchObject({ valid: false, reason: 'unknown' });
    await useToken(first!.token);
    expect(await checked(first!.token)).toEqual({
      valid: false,
      reason: 'used',
      message: '此邀请已使用 / this invitation has been used',
    });
    await expect(useToken(first!.token)).rejects.toThrow('此邀请已使用');
    expect(await checked(second!.token)).toMatchObject({ valid: true });
    await setCampaignState(store, 2026, 'closed');
    expect(await checked(second!.token)).toMatchObject({ valid: false, reason: 'not-open' });
    expect((await check('')).status).toBe(400);
  });

  it('throttles unknown tokens per address: 429 after 10 in 10 minutes, used tokens not counted', async () => {
    const [good, used] = (await issueJson(2)).invitations;
    await useToken(used!.token);
    for (let i = 0; i < 15; i++)
      expect(await checked(used!.token)).toMatchObject({ reason: 'used' });
    for (let i = 0; i < 10; i++)
      expect(await checked(i % 2 ? 'not-a-token' : '0'.repeat(26))).toMatchObject({
        reason: 'unknown',
      });
    const throttled = await check(good!.token);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBe(600);
    expect(await throttled.json()).toEqual({
      error:
        '无效的邀请码尝试过多,请 10 分钟后再试 / too many invalid invitation codes: try again in 10 min',
    });
    expect((await check(good!.token, 'C1', '198.51.100.2')).status).toBe(200); // another address
    clock += 10 * 60_000 + 1;
    expect(await checked(good!.token)).toMatchObject({ valid: true });
  });

  it('gives a submission the hash to store it with, or the refusal', async () => {
    const [good, used] = (await issueJson(2)).invitations;
    await useToken(used!.token);
    const guesses = new InvitationGuessThrottle({ perAddress: 1 });
    const submit = new Hono().post('/', async (c) => {
      const { token, submissionId } = await c.req.json();
      const hash = await submissionInvitation(c, store, guesses, 'addr', {
        token,
        communityCode: 'C1',
        openYear: 2026,
        submissionId,
      });
      return hash instanceof Response ? hash : c.json({ hash });
    });
    const post = (body: unknown) =>
      submit.request('/', { method: 'POST', body: JSON.stringify(body) });
    expect(await (await post({ token: good!.token })).json()).toEqual({
      hash: hashInvitationToken(good!.token),
    });
    const again = await post({ token: used!.token });
    expect([again.status, await again.json()]).toEqual([
      409,
      { error: '此邀请已使用 / this invitation has been used', reason: 'used' },
    ]);
    const unknown = await post({ token: '0'.repeat(26) });
    expect([unknown.status, ((await unknown.json()) as { reason: string }).reason]).toEqual([
      403,
      'unknown',
    ]);
    expect((await post({ token: good!.token })).status).toBe(429);
  });
});

describe('posters', () => {
  it('draws the QR code of the community page, as SVG, PNG and PDF', async () => {
    const svg = await poster('C1.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const text = await svg.text();
    const qr = await QRCode.toString('http://localhost/s/C1', {
      type: 'svg',
      margin: 0,
      errorCorrectionLevel: 'Q',
    });
    expect(text).toContain(/<path[^>]*stroke[^>]*>/.exec(qr)![0]); // the modules of that very code
    for (const words of [
      '2026年度测评',
      'C1社区',
      'D1区 · S1街道',
      '扫码参与居民满意度测评',
      '约 3 分钟',
      'http://localhost/s/C1',
    ])
      expect(text).toContain(words);

    const png = Buffer.from(await (await poster('C1.png')).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(pngSignature);
    expect(pngSize(png)).toEqual(a4Pixels);
    expect(png.length).toBeGreaterThan(20_000); // drawn, not blank

    const pdf = await poster('C1.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfText = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(pdfText.startsWith('%PDF-')).toBe(true);
    expect(pdfText).toMatch(/\/Count 1\b/);

    expect((await poster('C1.gif')).status).toBe(404);
    expect((await poster('C9.svg')).status).toBe(404);
    expect((await poster('C1.svg', 2099)).status).toBe(404);
  });

  it('keeps names from imported files as text: <script> and & are escaped', async () => {
    const hostile = '<script>1</script> & "社区"';
    await replaceRegions(
      store,
      unitsFromRegionRows(
        twoDistricts.map((r) =>
          r.community_code === 'C1' ? { ...r, community_name: hostile } : r,
        ),
      ),
    );
    await createCampaign(
      store,
      { year: 2027, title: '2027 <b>年度</b>', opensAt: null, closesAt: null },
      machineActor(),
    );
    const text = await (await poster('C1.svg', 2027)).text();
    expect(text).toContain('&lt;script&gt;1&lt;/script&gt; &amp; &quot;社区&quot;');
    expect(text).toContain('2027 &lt;b&gt;年度&lt;/b&gt;');
    expect(text).not.toMatch(/<script|<b>/);
    expect((await poster('C1.png', 2027)).status).toBe(200); // and librsvg reads it
  });
});
