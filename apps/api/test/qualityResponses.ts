import type { NewResponse } from '@manyi/store/ResponseWriter';
import type { Store } from '@manyi/store/Store';

/** Spreads submissions a second apart, in the order they are made. */
let responseCount = 0;

/**
 * Resident responses of 2026 for quality tests on `peopleStore`'s two districts (D1: C1, C2; D2:
 * C3), against the test form's two items (overall, clean): in each community three ordinary ones
 * of about three minutes with differing ratings, one speeder (20 s) and one straight line (all
 * 5s); in C1 and C3 two more from one device. Returns the stored ids by client id.
 */
export async function qualityResponses(store: Store): Promise<Record<string, string>> {
  const responses: NewResponse[] = [];
  for (const community of ['C1', 'C2', 'C3']) {
    for (const [i, seconds] of [170, 180, 190].entries())
      responses.push(resident(`${community}-ok-${i}`, community, seconds, [4 - i, 3 + i]));
    responses.push(resident(`${community}-fast`, community, 20, [3, 4]));
    responses.push(resident(`${community}-line`, community, 200, [5, 5]));
  }
  for (const community of ['C1', 'C3'])
    for (const k of [1, 2])
      responses.push(resident(`${community}-device-${k}`, community, 160 + k, [2, 4]));
  const ids = await store.responses.appendAll(responses);
  const byClient = Object.fromEntries(responses.map((r, i) => [r.clientId, ids[i]!]));
  await store.transaction(async (db) => {
    for (const community of ['C1', 'C3'])
      for (const k of [1, 2])
        await db.run('INSERT INTO response_devices VALUES (?, ?)', [
          byClient[`${community}-device-${k}`]!,
          'same-phone',
        ]);
  });
  return byClient;
}

/** A resident response to the test form, submitted `seconds` after it was opened. */
function resident(
  clientId: string,
  community: string,
  seconds: number,
  [overall, clean]: [number, number],
): NewResponse {
  const submittedAt = new Date(Date.UTC(2026, 10, 20, 2, 0, responseCount++));
  return {
    clientId,
    year: 2026,
    instrument: 'resident',
    subjectCode: community,
    raterCode: null,
    gridCode: `${community}G1`,
    source: 'web',
    startedAt: new Date(submittedAt.getTime() - seconds * 1000),
    submittedAt,
    answers: { overall, clean, suggestion: '电话 13800000000' },
    long: [
      { question: 'overall', value: overall, text: null },
      { question: 'clean', value: clean, text: null },
      { question: 'suggestion', value: null, text: '电话 13800000000' },
    ],
  };
}
