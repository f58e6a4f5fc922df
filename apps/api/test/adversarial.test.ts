// Adversarial input (issue 6, point 2): generated payloads to `POST /api/v1/responses` through the
// real app on a `:memory:` store. Every answer is a 201 for a valid submission, whose answers then
// read back unchanged, or a 4xx with a JSON body naming the problem in Chinese and English, and
// nothing stored; never a 5xx.
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '@manyi/store/Store';
import { createApp } from '../src/app.ts';
import { testStore, validSubmission } from './fixture.ts';
import { scratchStorePath, testsOnPostgres } from '@manyi/store/testing/scratchStore';

let store: Store;
let app: Hono;
const figures = { payloads: 0, accepted: 0, refused: 0, failures: 0 };

beforeAll(async () => {
  // no group-commit wait: thousands of submissions one after another
  store = await testStore(scratchStorePath(), 'open', { commitDelayMs: 0 });
  // thousands of payloads from one address: no submission limit here (it has its own test)
  app = createApp({ store, submissionLimit: { perAddress: Infinity } });
});
afterAll(async () => {
  console.info(
    `adversarial payloads sent: ${figures.payloads} (${figures.accepted} accepted, ` +
      `${figures.refused} refused with 4xx), failures ${figures.failures}`,
  );
  await store.close();
});

/** Strings meant to trip up parsers, storage and display. */
const strangeUnicode = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\uD800', // lone high surrogate
        '\uDFFF', // lone low surrogate
        '\u202E', // right-to-left override
        '\u200F', // right-to-left mark
        '\u200B', // zero width space
        '\uFEFF', // byte order mark
        '\u0000', // NUL
        '\u0301', // combining accent with nothing to combine
        '😀',
        '👩‍👩‍👧',
        '𠀀',
        '\n\r\t',
        '"\\',
        '<script>alert(1)</script>',
        "'; DROP TABLE responses; --",
        '满意',
      ),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Numbers JSON can say and a form should not take at face value. */
const oddNumberText = fc.constantFrom(
  '1e309',
  '-1e309',
  '-0',
  '0.0000000000000000000001',
  '4.000000000000001',
  '9007199254740993',
  '1E2',
  '"NaN"',
  '"Infinity"',
  '"-0"',
  '" 4"',
  '"4"',
  'true',
  'null',
  '[]',
  '{}',
);

/** The fields of a submission, top-level and in its answers. */
const fields = [
  'submissionId',
  'community',
  'startedAt',
  'invitation',
  'answers',
  'answers.grid',
  'answers.overall',
  'answers.clean',
  'answers.topics',
  'answers.years',
  'answers.suggestion',
] as const;

const keyAbuse = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
);

let serial = 0;
/** A fresh submission id each call, so that a valid payload is a new submission. */
const nextId = () => `adv-${(serial++).toString(36).padStart(8, '0')}`;

it('refuses arbitrary JSON bodies with a 4xx and stores nothing', async () => {
  await check(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    2000,
  );
}, 120_000);

it('refuses arbitrary JSON answers in a valid envelope', async () => {
  await check(
    fc
      .dictionary(fc.oneof(fc.string(), keyAbuse), fc.jsonValue({ maxDepth: 3 }))
      .map((answers) => JSON.stringify({ ...validSubmission(nextId()), answers })),
    1500,
  );
}, 120_000);

it('refuses deep nesting', async () => {
  await check(
    fc
      .tuple(
        fc.integer({ min: 1, max: 30_000 }),
        fc.constantFrom('[', '{"a":'),
        fc.constantFrom(...fields),
      )
      .map(([depth, open, field]) => {
        const close = open === '[' ? ']' : '}';
        const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
        return withFieldText(validSubmission(nextId()), field, deep);
      }),
    500,
  );
}, 120_000);

it('refuses __proto__ keys at every level, and keeps constructor and prototype keys as data', async () => {
  await check(
    fc
      .tuple(fc.constantFrom('', ...fields), keyAbuse, fc.jsonValue({ maxDepth: 2 }))
      .map(([field, key, value]) => {
        // written as JSON text: JSON.parse makes `__proto__` an own key, as a hostile client sends it
        const base = JSON.stringify(validSubmission(nextId()));
        const injected = `{${JSON.stringify(key)}:${JSON.stringify(value)},`;
        if (field === '') return base.replace('{', injected);
        const name = field.split('.').pop()!;
        return base.replace(
          `"${name}":`,
          `${JSON.stringify(key)}:${JSON.stringify(value)},"${name}":`,
        );
      }),
    1500,
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}, 120_000);

it('refuses a wrong type in any one field of a valid submission', async () => {
  await check(
    fc
      .tuple(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }))
      .map(([field, value]) => withField(validSubmission(nextId()), field, value)),
    3000,
  );
}, 120_000);

it('handles strange Unicode in every text field and answer key', async () => {
  await check(
    fc.tuple(fc.constantFrom(...fields, 'answerKey'), strangeUnicode).map(([field, text]) =>
      field === 'answerKey'
        ? JSON.stringify({
            ...validSubmission(nextId()),
            answers: { ...validSubmission().answers, [text]: 1 },
          })
        : withField(validSubmission(nextId()), field, text),
    ),
    1500,
  );
}, 120_000);

it('handles odd numbers in every field', async () => {
  await check(
    fc
      .tuple(fc.constantFrom(...fields), oddNumberText)
      .map(([field, text]) => withFieldText(validSubmission(nextId()), field, text)),
    500,
  );
}, 120_000);

it('refuses huge strings near and over the body limit', async () => {
  await check(
    fc
      .tuple(
        fc.constantFrom(...fields),
        fc.integer({ min: 60 * 1024, max: 70 * 1024 }),
        fc.constantFrom('a', '满', '😀', '\\u0000'),
      )
      .map(([field, length, unit]) =>
        withFieldText(validSubmission(nextId()), field, `"${unit.repeat(length / unit.length)}"`),
      ),
    100,
  );
}, 120_000);

it('accepts valid submissions and reads their answers back unchanged', async () => {
  await check(
    fc
      .record({
        community: fc.constantFrom('C1', 'C2'),
        overall: fc.integer({ min: 1, max: 5 }),
        clean: fc.constantFrom(5, 4, 3, 2, 1, 'na'),
        topics: fc.subarray(['环境', '治安', '服务'], { minLength: 1 }),
        years: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        suggestion: fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }), {
          nil: undefined,
        }),
      })
      .map(({ community, ...answers }) =>
        JSON.stringify({
          submissionId: nextId(),
          community,
          answers: { ...(community === 'C1' && { grid: 'C1G1' }), ...answers },
        }),
      ),
    800,
    { mustAccept: true },
  );
}, 120_000);

/**
 * Sends each generated body and checks the answer: 201 with the answers stored unchanged, or a
 * 4xx with a bilingual JSON problem and no row added. Counts the payloads.
 */
async function check(
  bodies: fc.Arbitrary<string>,
  numRuns: number,
  { mustAccept = false } = {},
): Promise<void> {
  // the rows stored after the last payload: nothing else writes, so one count per payload
  let before = await rowCounts();
  await fc
    .assert(
      fc.asyncProperty(bodies, async (body) => {
        figures.payloads++;
        const res = await app.request('/api/v1/responses', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const json = (await res.json()) as Record<string, unknown>;
        if (res.status === 201) {
          figures.accepted++;
          expect(await storedAnswers(json.id as string)).toBe(expectedAnswers(body));
          const after = await rowCounts();
          // a new response stored once; a repeated submission id (`"Infinity"` twice) answered
          // from the stored one, adding nothing
          const added = res.headers.get('idempotent-replayed') === 'true' ? 0n : 1n;
          expect(after!.responses).toBe(before!.responses + added);
          before = after;
          return;
        }
        figures.refused++;
        if (mustAccept)
          throw new Error(`a valid submission got ${res.status}: ${JSON.stringify(json)}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(namesTheProblem(json)).toBe(true);
        expect(await rowCounts()).toEqual(before); // a failure ends the run (endOnFailure)
      }),
      // the full count on DuckDB; PostgreSQL gets the same payloads' first quarter (its run is
      // about what the second store does with them, and each read synchronizes a copy)
      {
        numRuns: testsOnPostgres() ? Math.ceil(numRuns / 4) : numRuns,
        seed: 6,
        endOnFailure: true,
      },
    )
    .catch((error: unknown) => {
      figures.failures++;
      throw error;
    });
}

/** A 4xx body as the API words them: `{ error }` or `{ errors: [{ field, message }] }`, bilingual. */
function namesTheProblem(json: Record<string, unknown>): boolean {
  const bilingual = (m: unknown) =>
    typeof m === 'string' && /[\u4e00-\u9fff]/.test(m) && / \/ /.test(m);
  if ('error' in json) return bilingual(json.error);
  const errors = json.errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e: { field?: unknown; message?: unknown }) =>
        typeof e.field === 'string' && bilingual(e.message),
    )
  );
}

/** Rows in the response tables. */
async function rowCounts() {
  const [row] = await store.query<{ responses: bigint; answers: bigint }>(
    'SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM answers) AS answers',
  );
  return row;
}

/** The raw answers stored for a response, as JSON text. */
async function storedAnswers(id: string): Promise<string> {
  const [row] = await store.query<{ answers: string }>(
    'SELECT answers::VARCHAR AS answers FROM responses WHERE id = ?',
    [id],
  );
  return JSON.stringify(JSON.parse(row!.answers));
}

/** The answers a body submitted, minus the grid (kept in its own column), as JSON text. */
function expectedAnswers(body: string): string {
  const { grid: _grid, ...answers } = (JSON.parse(body) as { answers: Record<string, unknown> })
    .answers;
  return JSON.stringify(answers);
}

/** A submission as JSON text with one field (`answers.x` for an answer) set to `value`. */
function withField(submission: object, field: string, value: unknown): string {
  return withFieldText(submission, field, JSON.stringify(value) ?? 'null');
}

/** A submission as JSON text with one field replaced by raw JSON text. */
function withFieldText(submission: object, field: string, text: string): string {
  const copy = structuredClone(submission) as Record<string, Record<string, unknown>>;
  const [top, inner] = field.split('.') as [string, string | undefined];
  if (inner) copy[top]![inner] = '\u0001MARK\u0001';
  else copy[top] = '\u0001MARK\u0001' as never;
  return JSON.stringify(copy).replace(JSON.stringify('\u0001MARK\u0001'), text);
}
