// Adversarial input to the imports (issue 6, point 2): generated .csv and .xlsx bytes through
// `readTable` into `importRegions` and `importResponses`. A file is either imported or refused with
// a `TableRejectedError` (every problem with its row and column), never another exception, and a
// refused file writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importRegions } from '../src/importRegions.ts';
import { importResponses } from '../src/importResponses.ts';
import { openStore, type Store } from '../src/Store.ts';
import { readTable, tableBytes, type Table, type TableFormat } from '../src/tableFile.ts';
import { TableRejectedError } from '../src/TableRejectedError.ts';
import { importStore, regionTable, residentColumns, residentRow } from './importFixture.ts';

let regionStore: Store;
let responseStore: Store;
const figures = { cases: 0, imported: 0, refused: 0, failures: 0 };

beforeAll(async () => {
  regionStore = await openStore({ path: ':memory:' });
  responseStore = await importStore();
});
afterAll(async () => {
  console.info(
    `adversarial import files: ${figures.cases} (${figures.imported} imported, ` +
      `${figures.refused} refused with TableRejectedError), failures ${figures.failures}`,
  );
  await regionStore.close();
  await responseStore.close();
});

/** Cells that trip up sheet parsers and checks. */
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  fc.constantFrom(
    '=1+1',
    '=cmd|"/c calc"!A1',
    '+SUM(A1:A2)',
    '@now',
    '"',
    '""',
    '"a,b"',
    'a\nb',
    '\r',
    '\uFEFF',
    '\uD800',
    '\u0000',
    '\u202E',
    '01',
    '1e309',
    'NaN',
    '-0',
    '  ',
    '满意',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 1, max: 3000 }).map((n) => 'x'.repeat(n)),
);

let serial = 0;
/** A fresh response id each call, so that a good row is a new response. */
const nextId = () => `ADV-${serial++}`;

/** A table with one change: a cell, a column missing or added, a row cut short or grown. */
function mutated(table: () => Table) {
  return fc
    .tuple(
      fc.constantFrom('cell', 'drop column', 'extra column', 'short row', 'long row', 'none'),
      fc.nat(),
      fc.nat(),
      cell,
      fc.array(cell, { maxLength: 40 }),
    )
    .map(([change, i, j, value, extra]): Table => {
      const { columns, rows } = table();
      const c = i % columns.length;
      const r = j % rows.length;
      if (change === 'cell') rows[r]![c] = value;
      if (change === 'drop column') {
        columns.splice(c, 1);
        rows.forEach((row) => row.splice(c, 1));
      }
      if (change === 'extra column') columns.push(value);
      if (change === 'short row') rows[r] = rows[r]!.slice(0, c);
      if (change === 'long row') rows[r]!.push(...extra);
      return { columns, rows };
    });
}

/** Random tables: any header, any cells, rows of any length. */
const randomTable = fc.record({
  columns: fc.array(cell, { maxLength: 15 }),
  rows: fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 8 }),
});

/** Table bytes as an evaluator's tools might write them. */
async function bytesOf(table: Table, format: TableFormat, variant: number): Promise<Uint8Array> {
  if (format === 'xlsx') return tableBytes(table, 'xlsx');
  const text = [table.columns, ...table.rows]
    .map((row) =>
      row
        .map((c) => (variant % 3 === 0 && !/[",\r\n]/.test(c) ? c : `"${c.replaceAll('"', '""')}"`))
        .join(variant % 5 === 0 ? ';' : ','),
    )
    .join(variant % 2 === 0 ? '\r\n' : '\n');
  switch (variant % 4) {
    case 0:
      return new TextEncoder().encode(`\uFEFF${text}`); // UTF-8 with BOM, as Excel saves
    case 1:
      return new TextEncoder().encode(text);
    case 2: // UTF-16LE with BOM
      return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
    default: // a legacy single-byte encoding: not valid UTF-8 for anything past ASCII
      return new Uint8Array(Buffer.from(text, 'latin1'));
  }
}

/** Raw bytes: garbage, a cut-off .xlsx, a zip of nonsense. */
const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.nat().map((cut) => ({ cut })),
);

it('refuses or imports any regions file, and writes nothing when it refuses', async () => {
  const regions = () => structuredClone(regionTable()) as Table;
  await checkImports(regionStore, mutated(regions), 350, (table) =>
    importRegions(regionStore, table),
  );
  await checkImports(regionStore, randomTable, 250, (table) => importRegions(regionStore, table));
}, 180_000);

it('refuses or imports any responses file, and writes nothing when it refuses', async () => {
  const responses = (): Table => ({
    columns: [...residentColumns],
    rows: [residentRow(nextId()), residentRow(nextId())],
  });
  const options = { year: 2026, instrument: 'resident' } as const;
  await checkImports(responseStore, mutated(responses), 350, (table) =>
    importResponses(responseStore, table, options),
  );
  await checkImports(responseStore, randomTable, 250, (table) =>
    importResponses(responseStore, table, options),
  );
}, 180_000);

it('refuses garbage and cut-off spreadsheets with TableRejectedError', async () => {
  const good = await tableBytes(regionTable(), 'xlsx');
  await fc
    .assert(
      fc.asyncProperty(
        garbage,
        fc.constantFrom<TableFormat>('csv', 'xlsx'),
        async (input, format) => {
          figures.cases++;
          const bytes =
            input instanceof Uint8Array ? input : good.subarray(0, input.cut % good.length);
          const before = await snapshot(regionStore);
          try {
            await importRegions(regionStore, await withinSeconds(readTable(bytes, format)));
            figures.imported++;
          } catch (error) {
            expectRefusal(error);
            expect(await snapshot(regionStore)).toEqual(before);
          }
        },
      ),
      { numRuns: 200, seed: 6 },
    )
    .catch(countFailure);
}, 180_000);

/**
 * Writes each generated table as .csv (several dialects and encodings) or .xlsx, reads the bytes
 * back and imports them: success, or a TableRejectedError with the store unchanged.
 */
async function checkImports(
  store: Store,
  tables: fc.Arbitrary<Table>,
  numRuns: number,
  load: (table: Awaited<ReturnType<typeof readTable>>) => Promise<unknown>,
): Promise<void> {
  await fc
    .assert(
      fc.asyncProperty(
        tables,
        fc.constantFrom<TableFormat>('csv', 'csv', 'csv', 'xlsx'),
        fc.nat(59),
        async (table, format, variant) => {
          figures.cases++;
          const before = await snapshot(store);
          try {
            const bytes = await bytesOf(table, format, variant);
            await load(await withinSeconds(readTable(bytes, format)));
            figures.imported++;
          } catch (error) {
            expectRefusal(error);
            expect(await snapshot(store)).toEqual(before);
          }
        },
      ),
      { numRuns, seed: 6 },
    )
    .catch(countFailure);
}

/** A refusal as the imports promise it: TableRejectedError, each problem bilingual. */
function expectRefusal(error: unknown): void {
  if (!(error instanceof TableRejectedError)) throw error;
  figures.refused++;
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) expect(p.message).toMatch(/[\u4e00-\u9fff].* \/ /s);
}

/** Counts a failed property, then fails the test with it. */
function countFailure(error: unknown): never {
  figures.failures++;
  throw error;
}

/** What an import could change: the region tree and the responses, counted and summed up. */
async function snapshot(store: Store) {
  return store.query(
    `SELECT (SELECT count(*) FROM units) AS units,
            (SELECT md5(string_agg(code || '|' || name, ',' ORDER BY code)) FROM units) AS tree,
            (SELECT count(*) FROM responses) AS responses,
            (SELECT count(*) FROM answers) AS answers`,
  );
}

/** The promise's value, or an error if it has not settled within 10 s (a reader that hangs). */
function withinSeconds<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('reading the file did not finish in 10 s')), 10_000);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}
