import { Command, InvalidArgumentError, Option } from 'commander';
import { instrumentNames, type InstrumentName } from '@manyi/domain/instrument';
import { bilingual } from '@manyi/domain/messages';
import { importRegions } from '@manyi/store/importRegions';
import { CampaignRefusedError } from '@manyi/store/CampaignRefusedError';
import { importResponses } from '@manyi/store/importResponses';
import { openStore, type Store } from '@manyi/store/Store';
import { readTableFile, type ReadTable } from '@manyi/store/tableFile';
import { problemLine, TableRejectedError } from '@manyi/store/TableRejectedError';
import { rowProgress } from '../progress.ts';

/** `--db`, which every command takes. */
export const dbOption = () =>
  new Option(
    '--db <path>',
    '数据库:DuckDB 文件或 postgres:// 地址 / database: a DuckDB file or a postgres:// URL (default: MANYI_DATABASE_URL, MANYI_DB, data/manyi.duckdb)',
  );

/**
 * `manyi import regions FILE` and `manyi import responses FILE --year Y --instrument NAME`:
 * .csv or .xlsx in the formats of PRODUCT.md. A file with any bad row imports nothing; each
 * problem goes to stderr with its row (as Excel numbers it), column and reason.
 */
export function importCommand(): Command {
  const command = new Command('import').description(
    '导入区划、纸质问卷答卷或客观指标(.csv 或 .xlsx)/ import regions, responses or objective figures from .csv or .xlsx',
  );
  command
    .command('regions')
    .description('导入区划并替换现有区划树 / import the region tree, replacing the current one')
    .argument(
      '<file>',
      '区划表 / regions file: district_code,district_name,street_code,…,grid_name,population',
    )
    .addOption(dbOption())
    .action((file: string, options: { db?: string }) =>
      withTable(file, options.db, async (store, table) => {
        const counts = await importRegions(store, table);
        console.log(
          bilingual(
            `已导入区划:${counts.district} 个区/县、${counts.street} 个街道/乡镇、${counts.community} 个社区/村、${counts.grid} 个网格`,
            `imported the region tree: ${counts.district} districts, ${counts.street} streets, ${counts.community} communities, ${counts.grid} grids`,
          ),
        );
      }),
    );
  command
    .command('responses')
    .description(
      '导入答卷(纸质问卷录入表),全部成功或全部不导入 / import responses (e.g. paper questionnaires): all rows or none',
    )
    .argument(
      '<file>',
      '答卷表 / responses file: response_id,campaign_year,instrument,community_code,grid_code,submitted_at,<questions…>',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .addOption(
      new Option('--instrument <name>', '问卷 / instrument')
        .choices(instrumentNames)
        .makeOptionMandatory(),
    )
    .addOption(dbOption())
    .action((file: string, options: { year: number; instrument: InstrumentName; db?: string }) =>
      withTable(file, options.db, async (store, table) => {
        const progress = rowProgress();
        const summary = await importResponses(store, table, {
          year: options.year,
          instrument: options.instrument,
          source: 'paper',
          onProgress: progress.update,
        }).finally(() => progress.stop());
        console.log(
          bilingual(
            `已导入 ${summary.responses} 份答卷(${options.year} 年度 ${options.instrument}),涉及 ${summary.communities} 个社区/村`,
            `imported ${summary.responses} responses (${options.year} ${options.instrument}) for ${summary.communities} communities`,
          ),
        );
      }),
    );
  return command;
}

/**
 * Reports why a command failed on stderr and sets a failing exit code: every problem of a
 * refused file, or one message (with a hint when another process holds the database).
 */
export function reportFailure(error: unknown, action: 'import' | 'export' = 'import'): void {
  process.exitCode = 1;
  if (error instanceof TableRejectedError) {
    for (const problem of error.problems) console.error(problemLine(problem));
    const rows = error.badRows;
    console.error(
      bilingual(
        `共 ${error.problems.length} 处错误${rows ? `(${rows} 行)` : ''},${action === 'import' ? '未导入任何数据' : '未导出'}`,
        `${error.problems.length} problem(s)${rows ? ` in ${rows} row(s)` : ''}: nothing was ${action}ed`,
      ),
    );
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not set lock on file/i.test(message))
    console.error(
      bilingual(
        '数据库正被另一个进程使用(例如 manyi serve),请先停止它',
        'the database is in use by another process (manyi serve, say): stop it first',
      ),
    );
  console.error(
    error instanceof CampaignRefusedError ? message : `${bilingual('失败', 'failed')}: ${message}`,
  );
}

/** Reads the file, then opens the store and runs `work`; reports any failure and closes the store. */
async function withTable(
  file: string,
  db: string | undefined,
  work: (store: Store, table: ReadTable) => Promise<void>,
): Promise<void> {
  let store: Store | undefined;
  try {
    if (process.stderr.isTTY) console.error(bilingual(`正在读取 ${file}…`, `reading ${file}…`));
    const table = await readTableFile(file);
    store = await openStore({ path: db });
    await work(store, table);
  } catch (error) {
    reportFailure(error);
  } finally {
    await store?.close();
  }
}

/** `--year`: a campaign year. */
export function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new InvalidArgumentError(
      bilingual('年度应为 2000–2100 之间的整数', 'a year between 2000 and 2100'),
    );
  return year;
}
