import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import type { Framework } from '@manyi/domain/framework';
import { FrameworkError } from '@manyi/domain/frameworkPolicy';
import { bilingual } from '@manyi/domain/messages';
import { defaultFrameworkPath, readFramework } from '@manyi/scoring/frameworkFile';
import { scoreYear, scoringSteps, type ScoringStep } from '@manyi/scoring/scoreYear';
import { tooFewResponses } from '@manyi/scoring/unitResult';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

interface ScoreOptions {
  year: number;
  framework?: string;
  seed?: number;
  db?: string;
}

/** What each step of a scoring run is called on screen. */
const stepLabels: Record<ScoringStep, [zh: string, en: string]> = {
  check: ['检查测评与指标体系', 'checking the campaign and framework'],
  residents: ['居民满意度', 'resident scores'],
  twoWay: ['双向评价', 'two-way ratings'],
  composite: ['综合得分、星级与排名区间', 'composites, stars and rank intervals'],
  reliability: ['信度(Cronbach α)', "reliability (Cronbach's α)"],
  write: ['保存结果', 'storing the results'],
};

/**
 * `manyi score --year Y [--framework FILE] [--seed N]`: scores a campaign year and stores the
 * results as a new run (the latest run is what `manyi export` and the API serve). Progress goes
 * to stderr, the summary to stdout.
 */
export function scoreCommand(): Command {
  return new Command('score')
    .description(
      '计算年度评分结果并保存为新的评分运行 / score a campaign year and store its results as a new run',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .option(
      '--framework <file>',
      '指标体系文件 / indicator framework JSON (default: data/frameworks/default.json)',
    )
    .option(
      '--seed <n>',
      '排名区间模拟的随机种子 / seed of the rank-interval simulation (default: the year)',
      parseSeed,
    )
    .addOption(dbOption())
    .action((options: ScoreOptions) =>
      withStore(options.db, async (open) => {
        // a bad framework file fails before the database is opened (and locked)
        const framework = frameworkOf(options.framework);
        const store = await open();
        const progress = stepProgress();
        const started = performance.now();
        const { run, results } = await scoreYear(store, options.year, {
          framework,
          seed: options.seed,
          onStep: progress.step,
        }).then(
          (scored) => (progress.stop(true), scored),
          (error: unknown) => {
            progress.stop(false);
            throw error;
          },
        );
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const communities = results.filter((r) => r.level === 'community').length;
        const streets = results.length - communities;
        const few = results.filter((r) => r.flags.includes(tooFewResponses)).length;
        console.log(
          bilingual(
            `已完成 ${options.year} 年度评分:${communities} 个社区/村、${streets} 个街道/乡镇,其中 ${few} 个${tooFewResponses}(不参与排名);运行编号 ${run.runId},用时 ${seconds} 秒`,
            `scored ${options.year}: ${communities} communities, ${streets} streets, ${few} with too few responses (not ranked); run ${run.runId}, ${seconds} s`,
          ),
        );
        console.log(
          bilingual(
            `导出结果:npx manyi export --year ${options.year} --format xlsx --out 结果.xlsx`,
            `export: npx manyi export --year ${options.year} --format xlsx --out results.xlsx`,
          ),
        );
      }),
    );
}

/** `--seed`: a non-negative integer. */
function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed))
    throw new InvalidArgumentError(bilingual('随机种子应为非负整数', 'a non-negative integer'));
  return seed;
}

/** Reads `--framework` (or the default), turning an unreadable file or a refusal into one message. */
function frameworkOf(path: string = defaultFrameworkPath): Framework {
  try {
    return readFramework(path);
  } catch (error) {
    if (error instanceof FrameworkError)
      throw new Error(
        [
          bilingual(`指标体系 ${path} 不符合要求`, `the framework ${path} is refused`),
          ...error.problems.map((p) => `  ${p.path}: ${p.message}`),
        ].join('\n'),
      );
    throw new Error(
      bilingual(
        `无法读取指标体系文件 ${path}`,
        `cannot read the framework file ${path} (${(error as Error).message})`,
      ),
    );
  }
}

/**
 * Shows the steps of a scoring run on stderr: a bar when stderr is a terminal, otherwise one
 * plain line per step (logs keep a record of how far a run got).
 */
function stepProgress(stream: NodeJS.WriteStream = process.stderr) {
  const total = scoringSteps.length;
  let bar: cliProgress.SingleBar | null = null;
  return {
    step(step: ScoringStep): void {
      const done = scoringSteps.indexOf(step);
      const [zh, en] = stepLabels[step];
      if (!stream.isTTY) {
        stream.write(`[${done + 1}/${total}] ${bilingual(zh, en)}…\n`);
        return;
      }
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: '评分 scoring [{bar}] {value}/{total} {step} | {duration_formatted}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { step: zh });
      } else bar.update(done, { step: zh });
    },
    /** Ends the display; a completed run fills the bar. */
    stop(completed: boolean): void {
      if (completed) bar?.update(total, { step: '' });
      bar?.stop();
      bar = null;
    },
  };
}
