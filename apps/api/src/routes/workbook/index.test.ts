import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreYear } from '@manyi/scoring/scoreYear';
import type { Store } from '@manyi/store/Store';
import { call } from '../../../test/people.ts';
import { yearEndStore, type YearEndAccount } from '../../../test/yearEndStore.ts';

let store: Store;
let app: Awaited<ReturnType<typeof yearEndStore>>['app'];
let cookies: Record<YearEndAccount, string>;

beforeAll(async () => {
  ({ store, app, cookies } = await yearEndStore());
}, 60_000);
afterAll(() => store.close());

const download = (who: YearEndAccount, file = '2026.xlsx') =>
  call(app, 'GET', `/workbook/${file}`, { cookie: cookies[who] });

describe('GET /api/v1/workbook/:year.xlsx', () => {
  it('answers 404 before the year is scored, or for a year without a campaign', async () => {
    expect((await download('chief')).status).toBe(404);
    expect((await download('chief', '2031.xlsx')).status).toBe(404);
  });

  it('sends the workbook of the latest run under a Chinese file name', async () => {
    await scoreYear(store, 2026, { seed: 3 });
    const res = await download('chief');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="manyi-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('2026年度测评结果.xlsx')}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(Number(res.headers.get('content-length')));
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK'); // a zip, as XLSX files are
    expect((await download('leader')).status).toBe(200);
  });

  it('is for city-wide evaluators and leadership', async () => {
    expect((await download('district')).status).toBe(403);
    expect((await call(app, 'GET', '/workbook/2026.xlsx')).status).toBe(401);
  });
});
