import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { instrumentNames, type InstrumentName } from '@manyi/domain/instrument';
import { bilingual } from '@manyi/domain/messages';
import { exportRegions, exportResponses } from '@manyi/store/exportTables';
import { openStore, type Store } from '@manyi/store/Store';
import { tableFormatOf } from '@manyi/store/tableFile';
import { dbOption, parseYear, reportFailure } from './import.ts';

interface ExportOptions {
  format?: string;
  out: string;
  db?: string;
}

/**
 * `manyi export [what] --format csv|xlsx --out FILE`: `regions` and `responses` in the formats
 * `manyi import` reads, so that a file round-trips; `results` (the default, so that
 * `manyi export --year Y --out FILE` exports results) is the command passed in.
 *
 * @example program.addCommand(exportCommand(resultsExportCommand()));
 */
export function exportCommand(results: Command): Command {
  const command = new Command('export').description(
    '导出结果(.csv、.xlsx 或 .json)、区划或答卷(.csv 或 .xlsx)/ export results, regions or responses',
  );
  command.addCommand(results, { isDefault: true });
  command.addCommand(
    withFileOptions(new Command('regions'))
      .description(
        '导出区划表(与 import regions 格式相同)/ export the region tree in the format import regions reads',
      )
      .option(
        '--year <year>',
        '导出该年度测评开始时的区划快照 / the snapshot taken when that year opened',
        parseYear,
      )
      .action((options: ExportOptions & { year?: number }) =>
        run(options, (store) => exportRegions(store, options.out, options.year)),
      ),
  );
  command.addCommand(
    withFileOptions(new Command('responses'))
      .description(
        '导出答卷宽表(与 import responses 格式相同)/ export responses, one row per response, as import responses reads them',
      )
      .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
      .addOption(
        new Option('--instrument <name>', '问卷 / instrument')
          .choices(instrumentNames)
          .makeOptionMandatory(),
      )
      .action((options: ExportOptions & { year: number; instrument: InstrumentName }) =>
        run(options, (store) =>
          exportResponses(store, options.out, options.year, options.instrument),
        ),
      ),
  );
  return command;
}

/** `--format`, `--out` and `--db`. */
function withFileOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', '文件格式 / file format (default: from --out)').choices([
        'csv',
        'xlsx',
      ]),
    )
    .requiredOption('--out <file>', '输出文件 / output file (.csv or .xlsx)')
    .addOption(dbOption());
}

/** Checks `--format` against the file name, opens the store, writes, reports. */
async function run(
  options: ExportOptions,
  write: (store: Store) => Promise<number>,
): Promise<void> {
  let store: Store | undefined;
  try {
    const format = tableFormatOf(options.out);
    if (options.format && options.format !== format)
      throw new Error(
        bilingual(
          `--format ${options.format} 与文件扩展名 ${extname(options.out)} 不一致`,
          `--format ${options.format} does not match the file extension ${extname(options.out)}`,
        ),
      );
    store = await openStore({ path: options.db });
    const rows = await write(store);
    console.log(
      bilingual(`已导出 ${rows} 行到 ${options.out}`, `exported ${rows} rows to ${options.out}`),
    );
  } catch (error) {
    reportFailure(error, 'export');
  } finally {
    await store?.close();
  }
}
