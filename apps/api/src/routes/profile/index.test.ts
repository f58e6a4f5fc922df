import { describe, expect, it } from 'vitest';
import type { UnitProfile } from '@manyi/scoring/unitProfile';
import { setCampaignState } from '@manyi/store/campaigns';
import { call } from '../../../test/people.ts';
import { sharedScoredRegion, type Reader } from '../../../test/scoredRegion.ts';

const region = sharedScoredRegion();

const get = (reader: Reader, path: string) =>
  call(region.app, 'GET', path, { cookie: region.cookies[reader] });
const body = async (res: Response) =>
  (await res.json()) as { profile: UnitProfile; summary: string };

describe('GET /api/v1/profile/:year/:code', () => {
  it("gives leadership a community's stored figures, trend, peers and summary", async () => {
    const ranked = region.stored.find((r) => r.level === 'community' && r.rankInDistrict)!;
    const res = await get('leader', `/profile/2026/${ranked.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { profile, summary } = await body(res);
    expect(profile.unit).toEqual(ranked);
    expect(profile.trend.map((t) => t.year)).toEqual([2025, 2026]);
    expect(profile.street?.code).toBe(ranked.streetCode);
    // the resident form's dimension names, not codes
    expect(profile.dimensions.map((d) => d.name).join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(
      summary.startsWith(`${ranked.name}2026年度综合得分${ranked.composite!.toFixed(1)}`),
    ).toBe(true);
    const { rank, low, high, of } = ranked.rankInDistrict!;
    expect(summary).toContain(`排名第${rank}(90%区间${low}–${high},共${of}个)`);
  });

  it('says 样本不足 for a small community, and profiles a street', async () => {
    const small = region.stored.find(
      (r) => r.level === 'community' && r.flags.includes('样本不足'),
    )!;
    const { summary } = await body(await get('chief', `/profile/2026/${small.code}`));
    expect(summary).toContain('样本不足');
    expect(summary).not.toContain('排名第');
    const street = await body(await get('chief', '/profile/2026/D01S01'));
    expect(street.profile.unit.level).toBe('street');
    expect(street.profile.street).toBeNull();
    expect(street.summary).toContain('对其评价');
  });

  it('keeps evaluators to their region and answers 404 for what is not there', async () => {
    expect((await get('west', '/profile/2026/D01S01C01')).status).toBe(403);
    expect((await get('west', '/profile/2026/D02S01')).status).toBe(200);
    const missing = await get('chief', '/profile/2026/NOWHERE');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: '2026 年度没有 NOWHERE 的评分结果 / no 2026 results for NOWHERE',
    });
    expect((await get('chief', '/profile/2031/D01S01')).status).toBe(404);
  });

  it('shows staff their own unit only, once the year is published', async () => {
    const before = await get('communityStaff', '/profile/2026/D01S01C01');
    expect(before.status).toBe(403);
    expect(((await before.json()) as { error: string }).error).toContain('尚未公布');
    await setCampaignState(region.store, 2026, 'finalized');
    await setCampaignState(region.store, 2026, 'published');
    const own = await get('communityStaff', '/profile/2026/D01S01C01');
    expect(own.status).toBe(200);
    const { profile } = await body(own);
    expect(profile.unit).toEqual(region.stored.find((r) => r.code === 'D01S01C01'));
    // their street as the public site shows it: no dimensions, ratings or SE
    expect(profile.street).toMatchObject({
      dimensions: {},
      communityRating: null,
      compositeSe: null,
    });
    expect((await get('communityStaff', '/profile/2026/D01S01C02')).status).toBe(403);
    expect((await get('streetStaff', '/profile/2026/D01S01')).status).toBe(200);
    expect((await get('streetStaff', '/profile/2026/D01S01C01')).status).toBe(403);
  });
});
