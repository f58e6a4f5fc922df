import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { CampaignState } from '@manyi/domain/campaign';
import { isFrozen } from '@manyi/domain/lifecycle';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import { importObjectiveFigures } from '@manyi/scoring/objectiveFigures';
import { frozenYearError } from '@manyi/store/frozenYears';
import type { Store } from '@manyi/store/Store';
import { readTableFile, writeTableFile, type ReadTable } from '@manyi/store/tableFile';
import { sortProblems, TableRejectedError } from '@manyi/store/TableRejectedError';
import { dbOption } from './import.ts';
import { withStore } from './withStore.ts';

/** The columns of an objective figures file. */
const figureColumns = ['unit_code', 'year', 'value'] as const;

/**
 * `manyi import figures FILE --figure NAME`: one objective figure of a framework (e.g. complaint
 * 办结率) per unit and year, from .csv or .xlsx with columns `unit_code,year,value`; an empty value
 * is no figure. As with the other imports, a file with any bad row imports nothing; a frozen
 * year takes none. Earlier values of the figure for the same units and years are replaced.
 */
export function figuresCommand(): Command {
  return new Command('figures')
    .description(
      '导入客观指标数据(如投诉办结率),替换同一单位同一年度的旧值 / import an objective figure per unit and year, replacing earlier values',
    )
    .argument('<file>', '指标数据表 / figures file (.csv or .xlsx): unit_code,year,value')
    .requiredOption(
      '--figure <name>',
      '指标数据名,与指标体系中的 figure 一致 / the figure name the framework binds, e.g. closure_rate',
      parseFigure,
    )
    .addOption(dbOption())
    .action((file: string, options: { figure: string; db?: string }) =>
      withStore(options.db, async (open) => {
        const table = await readTableFile(file);
        const store = await open();
        const rows = await checkedFigures(store, table);
        // the import reads a plain CSV: the checked rows, whatever the evaluator's file looked like
        const dir = mkdtempSync(join(tmpdir(), 'manyi-figures-'));
        try {
          const csv = join(dir, 'figures.csv');
          await writeTableFile(csv, { columns: [...figureColumns], rows });
          const imported = await importObjectiveFigures(store, options.figure, csv);
          console.log(
            bilingual(
              `已导入指标数据 ${options.figure}:${imported} 个值`,
              `imported ${imported} values of ${options.figure}`,
            ),
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
    );
}

/** `--figure`: as a framework names it (1–64 characters). */
function parseFigure(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 64)
    throw new InvalidArgumentError(bilingual('应为 1–64 个字符', '1–64 characters'));
  return name;
}

/**
 * The rows to import (`unit_code, year, value`, rows without a value left out), or a
 * `TableRejectedError` with every bad row: a missing column, a unit that is no community or
 * street, a year that is not one, a value that is no number, a unit and year given twice. A
 * frozen year refuses the file.
 */
async function checkedFigures(store: Store, table: ReadTable): Promise<string[][]> {
  const missing = figureColumns.filter((c) => !table.columns.includes(c));
  if (missing.length)
    throw new TableRejectedError([
      {
        row: 1,
        field: 'file',
        message: bilingual(
          `缺少列:${missing.join('、')}`,
          `missing column(s): ${missing.join(', ')}`,
        ),
      },
    ]);
  const at = Object.fromEntries(figureColumns.map((c) => [c, table.columns.indexOf(c)]));
  const units = new Set(
    (
      await store.query<{ code: string }>(
        `SELECT code FROM units WHERE level IN ('community', 'street')
         UNION SELECT code FROM campaign_units WHERE level IN ('community', 'street')`,
      )
    ).map((u) => u.code),
  );
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  const rows: string[][] = [];
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const [code, yearText, valueText] = figureColumns.map((c) => cells[at[c]!]!.trim()) as [
      string,
      string,
      string,
    ];
    const problem = (field: string, zh: string, en: string) =>
      problems.push({ row, field, message: bilingual(zh, en) });
    if (!units.has(code))
      problem(
        'unit_code',
        `没有编码为"${code}"的社区/村或街道/乡镇`,
        `no community or street has the code "${code}"`,
      );
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100)
      problem(
        'year',
        `年度应为 2000–2100 之间的整数,而不是"${yearText}"`,
        `not a year: "${yearText}"`,
      );
    if (valueText !== '' && !Number.isFinite(Number(valueText)))
      problem('value', `应为数值,而不是"${valueText}"`, `not a number: "${valueText}"`);
    const key = `${code}\u0000${yearText}`;
    const first = seen.get(key);
    if (first !== undefined)
      problem('unit_code', `与第 ${first} 行重复`, `repeats row ${first} (same unit and year)`);
    else seen.set(key, row);
    if (valueText !== '') rows.push([code, yearText, String(Number(valueText))]);
  });
  if (problems.length) throw new TableRejectedError(sortProblems(problems, table.columns));
  const years = new Set(rows.map(([, year]) => Number(year)));
  const campaigns = await store.query<{ year: number; state: CampaignState }>(
    'SELECT year, state FROM campaigns ORDER BY year',
  );
  for (const { year, state } of campaigns)
    if (years.has(year) && isFrozen(state)) throw frozenYearError(year, state);
  return rows;
}
