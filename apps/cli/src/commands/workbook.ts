import { Command } from 'commander';
import { bilingual } from '@manyi/domain/messages';
import { writeYearWorkbook } from '@manyi/scoring/yearWorkbook';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

/**
 * `manyi workbook --year Y --out FILE.xlsx`: the year-end workbook of the latest stored scoring
 * run (a summary sheet and one sheet per district), for evaluators; nothing is recomputed and
 * nothing is suppressed (the public output is `manyi publish`).
 */
export function workbookCommand(): Command {
  return new Command('workbook')
    .description(
      '导出年度测评工作簿(汇总表 + 每个区县一张表)/ write the year-end workbook: a summary sheet and one sheet per district',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .requiredOption('--out <file>', '输出文件 / output file (.xlsx)')
    .addOption(dbOption())
    .action((options: { year: number; out: string; db?: string }) =>
      withStore(options.db, async (open) => {
        if (!/\.xlsx$/i.test(options.out))
          throw new Error(
            bilingual(
              `输出文件应以 .xlsx 结尾:${options.out}`,
              `the output file must end in .xlsx: ${options.out}`,
            ),
          );
        const { run, sheets } = await writeYearWorkbook(await open(), options.year, options.out);
        console.log(
          bilingual(
            `已写入 ${options.year} 年度工作簿(评分运行 ${run.runId},${sheets.length} 张表:${sheets.join('、')})到 ${options.out}`,
            `wrote the ${options.year} workbook (run ${run.runId}, ${sheets.length} sheets) to ${options.out}`,
          ),
        );
      }),
    );
}
