import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRows } from '../src/appendRows.ts';
import { openStore, type Store } from '../src/Store.ts';
import { tempDir } from './importFixture.ts';

/** A run's rows much as scoring writes them: JSON alike enough for DuckDB to compress. */
const runRows = (runId: number) =>
  Array.from({ length: 4000 }, (_, i) => [
    runId,
    2026,
    `C${String(i).padStart(5, '0')}`,
    'community',
    JSON.stringify({ form: 2, code: `C${i}`, resident: [40 + (i % 9), 80 + (i % 7) / 3, 1.5] }),
  ]);

/** How DuckDB keeps the `row` column of results on disk, after a checkpoint. */
const rowCompression = async (store: Store) => {
  await store.query('CHECKPOINT');
  const segments = await store.query<{ compression: string }>(
    `SELECT DISTINCT compression FROM pragma_storage_info('results')
     WHERE column_name = 'row' AND compression <> 'Constant' ORDER BY 1`,
  );
  return segments.map((s) => s.compression);
};

const appendRun = (store: Store, runId: number) =>
  store.transaction((db) =>
    appendRows(
      db,
      'results',
      ['integer', 'integer', 'varchar', 'varchar', 'varchar'],
      runRows(runId),
    ),
  );

describe('migration 10', () => {
  it('keeps a run’s results and their key, and stores their rows uncompressed from then on', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.duckdb');
    let file = await openStore({ path });
    // as a file before migration 10 holds them: the rows left to DuckDB's compression
    await file.transaction((db) =>
      db.run(`DROP TABLE results;
        CREATE TABLE results (run_id INTEGER NOT NULL, year INTEGER NOT NULL,
          unit_code VARCHAR NOT NULL, level VARCHAR NOT NULL, row JSON NOT NULL,
          PRIMARY KEY (run_id, unit_code));
        DELETE FROM schema_migrations WHERE version = 10;`),
    );
    await appendRun(file, 1);
    expect(await rowCompression(file)).not.toEqual(['Uncompressed']); // FSST or a dictionary
    const before = await file.query('SELECT * FROM results ORDER BY run_id, unit_code');
    await file.close();

    file = await openStore({ path });
    try {
      expect(await file.query('SELECT * FROM results ORDER BY run_id, unit_code')).toEqual(before);
      await appendRun(file, 2);
      expect(await rowCompression(file)).toEqual(['Uncompressed']);
      const [{ rows }] = await file.query<{ rows: bigint }>('SELECT count(*) AS rows FROM results');
      expect(rows).toBe(8000n);
      // the key is kept: a run's unit has one result
      await expect(appendRun(file, 2)).rejects.toThrow(/PRIMARY KEY|duplicate key/i);
    } finally {
      await file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
