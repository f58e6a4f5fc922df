import { bilingual, type FieldError } from '@manyi/domain/messages';

/** How the quality checks of resident responses judge them; stored with each run of the checks. */
export interface QualitySettings {
  /** A speeder took less than this share of the median duration of the year's resident responses. */
  speederShare: number;
  /** A straight line needs at least this many rated answers (不了解 is not a rating). */
  straightLineMinRated: number;
}

/** The defaults: under a third of the median time; a line over at least 8 rated items. */
export const defaultQualitySettings: QualitySettings = {
  speederShare: 0.33,
  straightLineMinRated: 8,
};

/** The flags the checks set, as stored in `quality_flags.flag`. */
export const qualityFlags = ['speeder', 'straight_line', 'duplicate_device'] as const;
export type QualityFlag = (typeof qualityFlags)[number];

/** Chinese names of the flags, for pages, exports and the CLI. */
export const qualityFlagNames: Record<QualityFlag, string> = {
  speeder: '答题过快',
  straight_line: '直线作答',
  duplicate_device: '同一设备重复作答',
};

/**
 * Why these settings cannot be used, one problem per bad field; empty when they can.
 *
 * @example qualitySettingsProblems({ speederShare: 2, straightLineMinRated: 8 }) // → [{ field: 'speederShare', … }]
 */
export function qualitySettingsProblems(settings: QualitySettings): FieldError[] {
  const problems: FieldError[] = [];
  const { speederShare, straightLineMinRated } = settings;
  if (!(typeof speederShare === 'number' && speederShare > 0 && speederShare < 1))
    problems.push({
      field: 'speederShare',
      message: bilingual('应为 0 与 1 之间的比例,例如 0.33', 'a share between 0 and 1, e.g. 0.33'),
    });
  if (!(
    Number.isInteger(straightLineMinRated) &&
    straightLineMinRated >= 2 &&
    straightLineMinRated <= 1000
  ))
    problems.push({
      field: 'straightLineMinRated',
      message: bilingual('应为 2–1000 的整数', 'a whole number from 2 to 1000'),
    });
  return problems;
}
