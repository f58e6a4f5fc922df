import { Command, InvalidArgumentError, Option } from 'commander';
import { bilingual } from '@manyi/domain/messages';
import { flagYear } from '@manyi/scoring/qualityChecks';
import type { QualityRun } from '@manyi/scoring/qualityRuns';
import { qualityReview } from '@manyi/scoring/qualityReview';
import {
  qualityFlagNames,
  qualityFlags,
  type QualityFlag,
  type QualitySettings,
} from '@manyi/scoring/qualitySettings';
import { machineActor } from '@manyi/store/audit';
import {
  decideResponse,
  decisionActionNames,
  decisionActions,
  isCounted,
  responseStatuses,
  type ResponseStatus,
} from '@manyi/store/exclusions';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

/**
 * `manyi quality flag --year Y [--speeder-share S] [--min-rated N]`: runs the quality checks;
 * `manyi quality list --year Y [--flag F] [--status S] [--community C] [--limit N] [--offset N]`:
 * the flagged or decided resident responses, one per line;
 * `manyi quality exclude|reinstate --id ID --reason R --year Y`: an evaluator's decision.
 * Every write is logged as the operating-system account that ran it.
 */
export function qualityCommand(): Command {
  const command = new Command('quality').description(
    '答卷质量:标记、查看、排除与恢复 / data quality: flag, list, exclude and reinstate responses',
  );
  command
    .command('flag')
    .description(
      '检查该年度居民答卷(答题过快、直线作答、同一设备重复作答)/ run the quality checks over the year',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .option(
      '--speeder-share <share>',
      '用时低于中位数的此比例即为答题过快(默认 0.33)/ speeder: under this share of the median time',
      parseShare,
    )
    .option(
      '--min-rated <n>',
      '直线作答至少需要的评分题数(默认 8)/ rated answers a straight line needs',
      parseCount,
    )
    .addOption(dbOption())
    .action((options: { year: number; speederShare?: number; minRated?: number; db?: string }) =>
      withStore(options.db, async (open) => {
        const settings: Partial<QualitySettings> = {};
        if (options.speederShare !== undefined) settings.speederShare = options.speederShare;
        if (options.minRated !== undefined) settings.straightLineMinRated = options.minRated;
        const run = await flagYear(await open(), options.year, {
          actor: machineActor(),
          settings,
        });
        console.log(runLine(run));
      }),
    );
  command
    .command('list')
    .description('列出被标记或已处理的居民答卷 / list flagged or decided resident responses')
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .addOption(new Option('--flag <flag>', '只看此标记 / only this flag').choices(qualityFlags))
    .addOption(
      new Option('--status <status>', '只看此状态 / only this status').choices(
        responseStatuses.filter((s) => s !== 'valid'),
      ),
    )
    .option('--community <code>', '只看此社区 / only this community')
    .option('--limit <n>', '最多列出 / at most this many (default 100)', parseCount)
    .option('--offset <n>', '跳过前几条 / skip this many', parseCount)
    .addOption(dbOption())
    .action(
      (options: {
        year: number;
        flag?: QualityFlag;
        status?: Exclude<ResponseStatus, 'valid'>;
        community?: string;
        limit?: number;
        offset?: number;
        db?: string;
      }) =>
        withStore(options.db, async (open) => {
          const page = await qualityReview(await open(), options.year, {
            within: null,
            flag: options.flag,
            status: options.status,
            community: options.community,
            limit: options.limit || 100,
            offset: options.offset ?? 0,
          });
          for (const r of page.responses)
            console.log(
              [
                r.id,
                r.clientId,
                `${r.community.code} ${r.community.name ?? ''}`.trim(),
                r.status,
                r.flags.map((f) => f.flag).join(',') || '-',
                r.durationSeconds === null ? '-' : `${r.durationSeconds}s`,
                r.decisions[0]?.reason ?? '-',
              ].join('\t'),
            );
          console.log(
            bilingual(
              `共 ${page.total} 份,显示第 ${page.offset + 1}–${page.offset + page.responses.length} 份`,
              `${page.total} in all, showing ${page.offset + 1}–${page.offset + page.responses.length}`,
            ),
          );
        }),
    );
  for (const action of decisionActions)
    command
      .command(action)
      .description(
        action === 'exclude'
          ? '排除一份答卷(不计入评分)/ exclude a response from scoring'
          : '恢复一份答卷(计入评分)/ reinstate a response into scoring',
      )
      .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
      .requiredOption('--id <id>', '答卷编号 / response id')
      .requiredOption('--reason <reason>', '理由(记入审计日志)/ reason, kept in the audit log')
      .addOption(dbOption())
      .action((options: { year: number; id: string; reason: string; db?: string }) =>
        withStore(options.db, async (open) => {
          const { before, after } = await decideResponse(
            await open(),
            { year: options.year, responseId: options.id, action, reason: options.reason },
            machineActor(),
          );
          console.log(
            bilingual(
              `已${decisionActionNames[action]}答卷 ${options.id}(${before} → ${after},${isCounted(after) ? '计入' : '不计入'}评分)`,
              `${action === 'exclude' ? 'excluded' : 'reinstated'} response ${options.id} (${before} → ${after}, ${isCounted(after) ? 'counted' : 'not counted'} in scoring)`,
            ),
          );
        }),
      );
  return command;
}

/** What a run of the checks found, in one line. */
function runLine(run: QualityRun): string {
  const { speederShare, straightLineMinRated } = run.settings;
  return bilingual(
    `${run.year} 年度检查了 ${run.checked} 份居民答卷,${run.flagged} 份被标记(${qualityFlags.map((f) => `${qualityFlagNames[f]} ${run.counts[f]}`).join('、')})`,
    `checked ${run.checked} resident responses of ${run.year}: ${run.flagged} flagged (${qualityFlags.map((f) => `${f} ${run.counts[f]}`).join(', ')}; speeder share ${speederShare}, lines from ${straightLineMinRated} rated items; ${run.durationMs} ms)`,
  );
}

/** A share between 0 and 1. */
function parseShare(value: string): number {
  const share = Number(value);
  if (!(share > 0 && share < 1))
    throw new InvalidArgumentError(bilingual('应为 0 与 1 之间的比例', 'a share between 0 and 1'));
  return share;
}

/** A whole number, 0 or more. */
function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d{1,9}$/.test(value) || !Number.isInteger(n))
    throw new InvalidArgumentError(bilingual('应为非负整数', 'a whole number, 0 or more'));
  return n;
}
