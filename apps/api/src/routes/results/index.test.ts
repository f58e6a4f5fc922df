import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@manyi/demo/seedDemo';
import { latestResults } from '@manyi/scoring/latestResults';
import { scoreYear } from '@manyi/scoring/scoreYear';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { machineActor } from '@manyi/store/audit';
import { openStore, type Store } from '@manyi/store/Store';
import { createUser } from '@manyi/store/users';
import { createApp } from '../../app.ts';
import { call, signIn } from '../../../test/people.ts';
import { scratchStorePath } from '@manyi/store/testing/scratchStore';

interface Body {
  year: number;
  runId: number;
  createdAt: string;
  method: string;
  seed: number;
  rows: UnitResult[];
}

let store: Store;
let app: ReturnType<typeof createApp>;
let cookie: string;

beforeAll(async () => {
  store = await openStore({ path: scratchStorePath() });
  await seedDemo(store, { years: [2026] });
  app = createApp({ store });
  const password = 'password-of-kpb';
  await createUser(
    store,
    { username: 'kpb', displayName: null, role: 'evaluator', scope: null, password },
    machineActor(),
  );
  cookie = await signIn(app, 'kpb', password);
});
afterAll(() => store.close());

const get = (year: number) => call(app, 'GET', `/results/${year}`, { cookie });

describe('GET /api/v1/results/:year', () => {
  it('answers 404 with a message until the year is scored', async () => {
    const res = await get(2026);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error:
        '2026 年度尚无评分结果(请先运行 manyi score) / no results for 2026 yet (run manyi score first)',
    });
  });

  it("serves the latest run's stored rows, per street and community, without recomputing", async () => {
    await scoreYear(store, 2026, { seed: 1 });
    const second = await scoreYear(store, 2026, { seed: 7 });
    const res = await get(2026);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Body;
    expect(body).toEqual({
      year: 2026,
      runId: second.run.runId,
      createdAt: second.run.createdAt.toISOString(),
      method: second.run.method,
      seed: 7,
      rows: JSON.parse(JSON.stringify(second.results)),
    });
    expect(body.runId).toBe(2);
    const levels = body.rows.map((r) => r.level);
    expect(levels.filter((l) => l === 'street')).toHaveLength(25);
    expect(levels.filter((l) => l === 'community').length).toBeGreaterThan(200);
    expect(levels.indexOf('community')).toBe(levels.lastIndexOf('street') + 1);

    // new responses change nothing served until the year is scored again
    const [first] = body.rows.filter((r) => r.level === 'community');
    await store.query('DELETE FROM responses WHERE year = 2026 AND subject_code = ?', [
      first!.code,
    ]);
    expect(await (await get(2026)).json()).toEqual(body);
    expect((await latestResults(store, 2026))!.run.runId).toBe(2);
  });

  it('leaves out dimensions and indicators for ?detail=summary, and refuses another detail', async () => {
    const full = await (await get(2026)).text();
    const res = await call(app, 'GET', '/results/2026?detail=summary', { cookie });
    expect(res.status).toBe(200);
    const summary = await res.text();
    const fullRows = (JSON.parse(full) as Body).rows;
    const rows = (JSON.parse(summary) as Body).rows;
    expect(rows).toEqual(fullRows.map((r) => ({ ...r, dimensions: {}, indicators: {} })));
    expect(fullRows.some((r) => Object.keys(r.dimensions).length > 0)).toBe(true);
    expect(summary.length).toBeLessThan(full.length / 2);
    const bad = await call(app, 'GET', '/results/2026?detail=everything', { cookie });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error:
        'detail 应为 full 或 summary,收到 everything / detail is full or summary, not everything',
    });
  });

  it('answers 404 for another year and refuses a path that is no year', async () => {
    expect((await get(2025)).status).toBe(404);
    expect((await app.request('/api/v1/results/26')).status).toBe(404);
  });
});
