import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estimateFile, estimateFileColumns } from '../src/estimateFile.ts';
import { readCsvTable, num } from './csvTable.ts';

const reference = (file: string) =>
  fileURLToPath(new URL(`../../../../shared/reference/${file}`, import.meta.url));

describe('estimateFile', () => {
  it('reproduces R survey estimates of the shared reference to 1e-9', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'manyi-')), 'estimates.csv');
    const written = await estimateFile(reference('resident-scores.csv'), out);
    const expected = readCsvTable(reference('resident-scores-expected.csv'));
    const actual = readCsvTable(out);
    expect(written).toBe(expected.length);
    expect(Object.keys(actual[0]!)).toEqual([...estimateFileColumns]);
    expect(actual.map((r) => r.community)).toEqual(expected.map((r) => r.community));
    actual.forEach((row, i) => {
      for (const column of estimateFileColumns.slice(1))
        expect(num(row[column])).toBeCloseTo(num(expected[i]![column])!, 9);
    });
  });

  it('names the columns a file lacks', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'manyi-')), 'estimates.csv');
    await expect(estimateFile(reference('resident-scores-expected.csv'), out)).rejects.toThrow(
      /缺少列:respondent、grid、grid_population .* lacks column\(s\): respondent, grid, grid_population/,
    );
  });
});
