import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { bilingual } from '@manyi/domain/messages';
import { estimateFile } from '@manyi/scoring/estimateFile';
import { reportFailure } from './import.ts';

/**
 * `manyi estimate FILE --out FILE`: for respondent-level scores from a third-party survey firm
 * (第三方评估): design-based estimates per community, by the same SQL as `manyi score`. Works in
 * memory; no database is read or written.
 */
export function estimateCommand(): Command {
  return new Command('estimate')
    .description(
      '由受访者得分计算各社区的设计加权估计(第三方评估数据)/ design-based community estimates from respondent-level scores',
    )
    .argument(
      '<file>',
      '受访者得分 CSV / respondent scores CSV: respondent,community,grid,grid_population,score,weight',
    )
    .requiredOption(
      '--out <file>',
      '输出 CSV / output CSV: community,n,score,se,satisfied_rate,satisfied_se',
    )
    .action(async (file: string, options: { out: string }) => {
      try {
        if (!existsSync(file))
          throw new Error(bilingual(`找不到文件 ${file}`, `no such file: ${file}`));
        const communities = await estimateFile(file, options.out);
        console.log(
          bilingual(
            `已写入 ${communities} 个社区的估计到 ${options.out}`,
            `wrote the estimates of ${communities} communities to ${options.out}`,
          ),
        );
      } catch (error) {
        reportFailure(error);
      }
    });
}
