import { describe, expect, it } from 'vitest';
import type { CommentThemes } from '@manyi/scoring/commentThemes';
import { latestResults } from '@manyi/scoring/latestResults';
import { call } from '../../../test/people.ts';
import { sharedScoredRegion, type Reader } from '../../../test/scoredRegion.ts';

const region = sharedScoredRegion();

const get = (reader: Reader, path: string) =>
  call(region.app, 'GET', path, { cookie: region.cookies[reader] });

describe('GET /api/v1/comments/:year?unit=CODE', () => {
  it("gives a street's themes from all its communities' valid responses", async () => {
    const res = await get('leader', '/comments/2026?unit=D01S01');
    expect(res.status).toBe(200);
    const themes = (await res.json()) as CommentThemes & { year: number; unit: string };
    if (themes.suppressed) throw new Error('a street of the fixture has enough responses');
    const [valid] = await region.store.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM valid_responses
       WHERE year = 2026 AND instrument = 'resident' AND subject_code LIKE 'D01S01%'`,
    );
    expect(themes).toMatchObject({ year: 2026, unit: 'D01S01', n: valid!.n });
    expect(themes.themes.length).toBeGreaterThan(0);
    for (const theme of themes.themes) {
      expect(theme.comments).toBeGreaterThanOrEqual(2);
      expect(theme.examples.length).toBeGreaterThan(0);
      expect(theme.examples.every((e) => theme.words.every((w) => e.includes(w)))).toBe(true);
    }
  });

  it('sends nothing but the count for a community of fewer than 10 responses', async () => {
    const { results } = (await latestResults(region.store, 2026))!;
    const small = results.find((r) => r.level === 'community' && r.resident.n < 10)!;
    const res = await get('chief', `/comments/2026?unit=${small.code}`);
    expect(await res.json()).toEqual({
      year: 2026,
      unit: small.code,
      suppressed: true,
      n: small.resident.n,
    });
  });

  it('wants a unit of the reader region', async () => {
    expect((await get('chief', '/comments/2026')).status).toBe(400);
    expect((await get('chief', '/comments/2026?unit=NOWHERE')).status).toBe(404);
    expect((await get('west', '/comments/2026?unit=D01S01')).status).toBe(403);
    expect((await get('west', '/comments/2026?unit=D02')).status).toBe(200);
    expect((await get('streetStaff', '/comments/2026?unit=D01S01')).status).toBe(403);
  });
});
