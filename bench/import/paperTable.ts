import { seedDemo } from '@manyi/demo/seedDemo';
import { demoYearOptions } from '@manyi/demo/yearOptions';
import { responsesTable } from '@manyi/store/exportTables';
import { openStore } from '@manyi/store/Store';
import type { Table } from '@manyi/store/tableFile';
import type { XlsxOptions } from '@manyi/store/xlsxTable';

/**
 * `rows` paper questionnaires of the demo's resident instrument for `year`, as the wide table of
 * PRODUCT.md that `manyi import responses` reads (and `manyi export` writes): the demo's synthetic
 * answers for the 示范市 region, drawn in a scratch in-memory store with enough residents per
 * community and written out by `responsesTable`, each row given a new `response_id` (`paper-…`)
 * so that none clashes with the demo's own responses of the year in the store it goes to.
 *
 * @example const { table, options } = await paperTable(2026, 200_000);
 */
export async function paperTable(
  year: number,
  rows: number,
): Promise<{ table: Table; options: XlsxOptions }> {
  const scratch = await openStore({ path: ':memory:' });
  try {
    // the demo region has ~239 communities; ~5% more than asked for, then cut to size
    const median = Math.max(30, Math.ceil((rows * 1.05) / 239));
    await seedDemo(scratch, {
      seed: 'bench-import',
      years: [year],
      yearOptions: {
        responsesPerCommunity: {
          ...demoYearOptions.responsesPerCommunity,
          median,
          max: 4 * median,
        },
        smallSampleShare: 0,
        twoWay: false,
        speederRate: 0,
        straightLinerRate: 0,
        satisfiedRateTruth: false,
      },
    });
    const table = await responsesTable(scratch, year, 'resident');
    if (table.rows.length < rows)
      throw new Error(`drew ${table.rows.length} responses, fewer than the ${rows} asked for`);
    const width = String(rows).length;
    return {
      table: {
        columns: table.columns,
        rows: table.rows
          .slice(0, rows)
          .map((row, i) => [`paper-${String(i + 1).padStart(width, '0')}`, ...row.slice(1)]),
      },
      options: table.options,
    };
  } finally {
    await scratch.close();
  }
}
