import { openStore } from '@manyi/store/Store';
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../src/demoRegion.ts';
import { generateYear } from '../src/generateResponses.ts';
import { seedDemo } from '../src/seedDemo.ts';

describe('seedDemo', () => {
  it('loads the demo into a real store: region, 2025 closed, 2026 open, every response', async () => {
    const store = await openStore({ path: ':memory:' });
    try {
      const seeded = await seedDemo(store, { chunkSize: 7_000 });
      const expected = [2025, 2026].map(
        (year) => generateYear({ year, options: { satisfiedRateTruth: false } }).responses,
      );
      const count = async (sql: string, params: (string | number)[] = []) =>
        Number((await store.query<{ n: bigint }>(sql, params))[0]!.n);

      expect(seeded.communities).toBe(new Set(generateRegion().map((r) => r.community_code)).size);
      expect(await count('SELECT count(*) AS n FROM units')).toBe(seeded.units);
      expect(await store.query('SELECT year, state FROM campaigns ORDER BY year')).toEqual([
        { year: 2025, state: 'closed' },
        { year: 2026, state: 'open' },
      ]);
      for (const [i, year] of [2025, 2026].entries()) {
        const counts = seeded.years[i]!;
        expect(counts).toMatchObject({ year, state: year === 2025 ? 'closed' : 'open' });
        expect(counts.responses).toBe(expected[i]!.length);
        expect(await count('SELECT count(*) AS n FROM responses WHERE year = ?', [year])).toBe(
          counts.responses,
        );
        expect(await count('SELECT count(*) AS n FROM answers WHERE year = ?', [year])).toBe(
          counts.answers,
        );
        // One long row per answered question.
        expect(counts.answers).toBe(
          expected[i]!.reduce((n, r) => n + Object.keys(r.answers).length, 0),
        );
        expect(await count('SELECT count(*) AS n FROM campaign_units WHERE year = ?', [year])).toBe(
          seeded.units,
        );
        expect(await count('SELECT count(*) AS n FROM instruments WHERE year = ?', [year])).toBe(3);
        expect(
          await count(
            "SELECT count(*) AS n FROM responses WHERE year = ? AND instrument = 'community_to_street'",
            [year],
          ),
        ).toBe(seeded.communities);
      }
      // The store holds exactly what was generated: the same client ids and answers.
      const [first] = await store.query<{ client_id: string; answers: string }>(
        'SELECT client_id, answers FROM responses WHERE client_id = ?',
        [expected[0]![0]!.clientId],
      );
      expect(JSON.parse(first!.answers)).toEqual(expected[0]![0]!.answers);

      await expect(seedDemo(store)).rejects.toThrow(/already has campaigns/);
    } finally {
      await store.close();
    }
  }, 30_000);
});
