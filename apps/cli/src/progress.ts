import cliProgress from 'cli-progress';

export interface ProgressOptions {
  /** Fewer rows than this finish in a moment and get no bar. Default 2,000. */
  minRows?: number;
  /** Where the bar goes. Default stderr, so that stdout carries only results. */
  stream?: NodeJS.WriteStream;
}

/** Labels of the stages a long command reports. */
const stageLabels: Record<string, string> = {
  check: '检查 checking',
  write: '写入 writing',
  read: '读取 reading',
};

/**
 * A progress bar for work over many rows, drawn on stderr, only when stderr is a terminal and the
 * work is large enough to take more than a moment; otherwise it does nothing (logs and pipes stay
 * clean). Pass its `update` as an `onProgress` callback.
 *
 * @example const progress = rowProgress(); await importResponses(store, table, { ..., onProgress: progress.update }); progress.stop();
 */
export function rowProgress(options: ProgressOptions = {}) {
  const stream = options.stream ?? process.stderr;
  const minRows = options.minRows ?? 2000;
  let bar: cliProgress.SingleBar | null = null;
  let stage = '';
  return {
    update(nextStage: string, done: number, total: number): void {
      if (!stream.isTTY || total < minRows) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: '{stage} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { stage: stageLabels[nextStage] ?? nextStage });
      } else if (nextStage !== stage) bar.setTotal(total);
      stage = nextStage;
      bar.update(done, { stage: stageLabels[nextStage] ?? nextStage });
    },
    stop(): void {
      bar?.stop();
      bar = null;
    },
  };
}
