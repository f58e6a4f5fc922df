import { writeFileSync } from 'node:fs';
import { bilingual } from '@manyi/domain/messages';
import { openStore } from '@manyi/store/Store';
import { estimateResidentScores, type ResidentEstimateOptions } from './residentEstimates.ts';
import { residentSampleColumns, residentSampleFromCsv } from './residentSampleFromCsv.ts';
import { csvLine } from './csv.ts';
import type { Queryable } from './queryable.ts';

/** The columns `estimateFile` writes (those of reference/resident-scores-expected.csv). */
export const estimateFileColumns = [
  'community',
  'n',
  'score',
  'se',
  'satisfied_rate',
  'satisfied_se',
] as const;

/**
 * `manyi estimate FILE --out FILE`: respondent-level scores in, design-based estimates per
 * community out, computed by the same SQL as a scoring run. Numbers are written with full
 * precision. Returns the number of communities written.
 *
 * @example await estimateFile('firm-2026.csv', 'estimates-2026.csv') // → 6
 */
export async function estimateFile(
  inputCsv: string,
  outputCsv: string,
  options: ResidentEstimateOptions = {},
): Promise<number> {
  const store = await openStore({ path: ':memory:' });
  try {
    await assertColumns(store, inputCsv);
    const estimates = await estimateResidentScores(store, residentSampleFromCsv(inputCsv), options);
    const lines = estimates.map((e) =>
      csvLine([e.community, e.n, e.score, e.se, e.satisfiedRate, e.satisfiedSe]),
    );
    writeFileSync(outputCsv, [csvLine(estimateFileColumns), ...lines].join('\n') + '\n');
    return estimates.length;
  } finally {
    await store.close();
  }
}

/** Refuses a file lacking a required column, naming it (DuckDB's own error would not). */
async function assertColumns(store: Queryable, path: string): Promise<void> {
  const described = await store.query<{ column_name: string }>(
    'DESCRIBE SELECT * FROM read_csv(?, header = true, all_varchar = true)',
    [path],
  );
  const present = new Set(described.map((c) => c.column_name));
  const missing = residentSampleColumns.filter((c) => !present.has(c));
  if (missing.length)
    throw new Error(
      bilingual(
        `文件 ${path} 缺少列:${missing.join('、')}`,
        `${path} lacks column(s): ${missing.join(', ')}`,
      ),
    );
}
