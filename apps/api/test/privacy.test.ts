// Issue 6 §6: no phone, ID, card number or e-mail address is stored with a resident's answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { innocentTexts, personalTexts } from '../../../packages/domain/test/personalData.ts';
import { validSubmission, testStore } from './fixture.ts';
import { appOn } from './people.ts';

let store: Store;
let app: ReturnType<typeof appOn>;
beforeAll(async () => {
  store = await testStore();
  app = appOn(store);
});
afterAll(() => store.close());

/** Submits a resident's form with this suggestion; returns the stored id. */
async function submitSuggestion(suggestion: string): Promise<string> {
  const body = validSubmission();
  body.answers.suggestion = suggestion;
  const res = await app.request('/api/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** What the database holds of a response's suggestion: the raw answers and the long row. */
async function stored(id: string): Promise<{ raw: string; long: string | null }> {
  const [row] = await store.query<{ raw: string; long: string | null }>(
    `SELECT r.answers AS raw, a.text AS long
       FROM responses r LEFT JOIN answers a ON a.response_id = r.id AND a.question = 'suggestion'
      WHERE r.id = ?`,
    [id],
  );
  return row!;
}

describe('personal data in free-text answers', () => {
  it(`is scrubbed before it is stored (${personalTexts.length} texts)`, async () => {
    for (const [text, secret] of personalTexts) {
      const { raw, long } = await stored(await submitSuggestion(text));
      const suggestion = (JSON.parse(raw) as { suggestion: string }).suggestion;
      for (const kept of [suggestion, long!]) {
        expect(kept, text).toContain('[已隐去]');
        expect(kept, text).not.toContain(secret);
        expect(kept.normalize('NFKC'), text).not.toMatch(/\d{7}|@/);
      }
      expect(raw.normalize('NFKC')).not.toMatch(/\d{7}/);
    }
  });

  it(`leaves innocent text as it was written (${innocentTexts.length} texts)`, async () => {
    for (const text of innocentTexts.filter(Boolean)) {
      const { raw, long } = await stored(await submitSuggestion(text));
      expect((JSON.parse(raw) as { suggestion: string }).suggestion).toBe(text);
      expect(long).toBe(text);
    }
  });
});
