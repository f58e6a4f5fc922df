import { describe, expect, it } from 'vitest';
import type { UnitResult } from '@manyi/scoring/unitResult';
import { setCampaignState } from '@manyi/store/campaigns';
import { call } from '../../../test/people.ts';
import { sharedScoredRegion, type Reader } from '../../../test/scoredRegion.ts';

const region = sharedScoredRegion();

const get = (reader: Reader) =>
  call(region.app, 'GET', '/results/2026', { cookie: region.cookies[reader] });
type Body = { own?: string; rows: UnitResult[] };

describe('GET /api/v1/results/:year for street and community staff', () => {
  it('refuses them a year not yet published', async () => {
    const res = await get('streetStaff');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toContain('尚未公布');
  });

  it('gives them their own unit whole and the public figures of the published units', async () => {
    await setCampaignState(region.store, 2026, 'finalized');
    await setCampaignState(region.store, 2026, 'published');
    for (const [reader, own] of [
      ['streetStaff', 'D01S01'],
      ['communityStaff', 'D01S01C01'],
    ] as const) {
      const res = await get(reader);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Body;
      expect(body.own).toBe(own);
      expect(body.rows[0]).toEqual(region.stored.find((r) => r.code === own));
      const others = body.rows.slice(1);
      // the public site's units, and no other: every one with 10 responses or more
      expect(others.length).toBeGreaterThan(3);
      expect(others.every((r) => r.resident.n >= 10)).toBe(true);
      const small = region.stored
        .filter((r) => r.resident.n < 10 && r.code !== own)
        .map((r) => r.code);
      expect(small.length).toBeGreaterThan(0);
      expect(others.some((r) => small.includes(r.code))).toBe(false);
      for (const r of others) {
        expect(r).toMatchObject({ dimensions: {}, compositeSe: null, streetRating: null });
        expect(r.resident.se).toBeNull();
        if (r.composite !== null)
          expect(r.composite * 10).toBeCloseTo(Math.round(r.composite * 10), 9);
      }
    }
  });

  it('leaves leadership its full rows, without `own`', async () => {
    const body = (await (await get('leader')).json()) as Body;
    expect(body.own).toBeUndefined();
    expect(body.rows).toEqual(region.stored);
  });
});
