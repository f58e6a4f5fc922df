// Issue 6 §6: paper questionnaires go through the same scrubbing as web submissions.
import { afterEach, describe, expect, it } from 'vitest';
import { innocentTexts, personalTexts } from '../../domain/test/personalData.ts';
import { importResponses } from '../src/importResponses.ts';
import type { Store } from '../src/Store.ts';
import { importStore, residentColumns, residentRow } from './importFixture.ts';

let store: Store;
afterEach(() => store.close());

describe('importing paper questionnaires', () => {
  it('stores no phone, ID, card number or e-mail address from free text, and innocent text as it was', async () => {
    store = await importStore();
    const texts = [...personalTexts.map(([text]) => text), ...innocentTexts.filter(Boolean)];
    const rows = texts.map((suggestion, i) =>
      residentRow(`PRIV-${String(i).padStart(3, '0')}`, { suggestion }),
    );
    const rowNumbers = rows.map((_, i) => i + 2);
    await importResponses(
      store,
      { columns: residentColumns, rows, rowNumbers },
      { year: 2026, instrument: 'resident' },
    );
    const stored = await store.query<{ client_id: string; raw: string; long: string | null }>(
      `SELECT r.client_id, r.answers AS raw, a.text AS long
         FROM responses r LEFT JOIN answers a ON a.response_id = r.id AND a.question = 'suggestion'
        ORDER BY r.client_id`,
    );
    expect(stored).toHaveLength(texts.length);
    stored.forEach((row, i) => {
      const suggestion = (JSON.parse(row.raw) as { suggestion: string }).suggestion;
      if (i < personalTexts.length) {
        const [text, secret] = personalTexts[i]!;
        for (const kept of [suggestion, row.long!]) {
          expect(kept, text).toContain('[已隐去]');
          expect(kept, text).not.toContain(secret);
          expect(kept.normalize('NFKC'), text).not.toMatch(/\d{7}|@/);
        }
      } else {
        expect(suggestion).toBe(texts[i]);
        expect(row.long).toBe(texts[i]);
      }
    });
  });
});
