import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCampaignState } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { createApp } from '../../app.ts';
import { testStore } from '../../../test/fixture.ts';

let store: Store;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  store = await testStore();
  app = createApp({ store });
});
afterEach(() => store.close());

describe('GET /api/v1/surveys/resident', () => {
  it("gives the open campaign's form for the community, asking the grid first", async () => {
    const res = await app.request('/api/v1/surveys/resident?community=C1');
    expect(res.status).toBe(200);
    const survey = (await res.json()) as {
      title: string;
      description: string;
      pages: { elements: { name: string; choices?: { value: string }[] }[] }[];
    };
    expect(survey.title).toBe('2026年度测评');
    expect(survey.description).toContain('C1社区');
    const [greeting, grid, first] = survey.pages[0]!.elements;
    expect(greeting!.name).toBe('hello'); // the greeting stays first
    expect(grid!.name).toBe('grid');
    expect(grid!.choices!.map((c) => c.value)).toEqual(['C1G1', 'C1G2']);
    expect(first!.name).toBe('overall');
  });

  it('does not ask the grid of a one-grid community', async () => {
    const survey = (await (await app.request('/api/v1/surveys/resident?community=C2')).json()) as {
      pages: { elements: { name: string }[] }[];
    };
    expect(survey.pages[0]!.elements.map((e) => e.name)).toEqual([
      'hello',
      'overall',
      'clean',
      'topics',
      'years',
      'suggestion',
    ]);
  });

  it('answers 404 with a message for an unknown community', async () => {
    const res = await app.request('/api/v1/surveys/resident?community=NOPE');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/社区.* \/ no community/);
  });

  it('answers 409 when no campaign is open', async () => {
    await setCampaignState(store, 2026, 'closed');
    expect((await app.request('/api/v1/surveys/resident?community=C1')).status).toBe(409);
  });
});

describe('GET /api/v1/health and /communities', () => {
  it('says ok', async () => {
    expect(await (await app.request('/api/v1/health')).json()).toEqual({ status: 'ok' });
  });
  it('lists the communities with street and district', async () => {
    const list = await (await app.request('/api/v1/communities')).json();
    expect(list).toEqual([
      {
        code: 'C1',
        name: 'C1社区',
        kind: 'urban',
        streetCode: 'S1',
        streetName: '东街道',
        districtCode: 'D1',
        districtName: '东区',
      },
      {
        code: 'C2',
        name: 'C2社区',
        kind: 'urban',
        streetCode: 'S1',
        streetName: '东街道',
        districtCode: 'D1',
        districtName: '东区',
      },
    ]);
  });
  it('answers 404 in JSON for an unknown path', async () => {
    const res = await app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('找不到');
  });
});
