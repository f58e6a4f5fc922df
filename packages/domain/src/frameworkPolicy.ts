import {
  compositeLeaves,
  compositeLevels,
  frameworkSchema,
  walkIndicators,
  type Composite,
  type CompositeLevel,
  type Framework,
  type Indicator,
} from './framework.ts';
import { checkSource } from './frameworkBindings.ts';
import type { Instrument, InstrumentName } from './instrument.ts';
import { bilingual } from './messages.ts';

/** The policy lines a framework is checked against (seeds 000–004), quoted in refusals. */
export const frameworkPolicy = {
  residentMajority: '以社区居民群众的满意度为主要评价标准',
  noFormalities: '禁止把台账、奖牌、挂牌以及建立组织机构、活动阵地等事项列为考核评价指标',
  noVeto: '不得对社区工作实行"一票否决"性考核',
} as const;

/** Declared categories of the items policy forbids as indicators. */
export const forbiddenCategories = ['ledger', 'plaque', 'award', 'organization', 'venue'] as const;

/** Words in an indicator's name that mark a ledger, plaque, award, organization set-up or venue item. */
export const forbiddenNameWords = [
  '台账',
  '挂牌',
  '牌匾',
  '奖牌',
  '奖杯',
  '组织机构',
  '机构设置',
  '机构建设',
  '建立机构',
  '成立机构',
  '设立机构',
  '阵地',
  'ledger',
  'plaque',
  'medal',
  'award',
] as const;

export type FrameworkRule =
  'structure' | 'weights' | 'resident_majority' | 'forbidden_item' | 'veto' | 'binding';

/** One reason a framework is refused; `path` names the composite and indicator codes. */
export interface FrameworkProblem {
  path: string;
  rule: FrameworkRule;
  message: string;
}

/** A framework refused by its schema or by policy; `problems` lists every reason. */
export class FrameworkError extends Error {
  constructor(readonly problems: FrameworkProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

/** Weights at a level may miss 1 by this much. */
export const weightTolerance = 1e-9;

/**
 * Parses a framework (e.g. a JSON file of data/frameworks/) and checks it against the policy and
 * the campaign's instruments. Throws a `FrameworkError` listing every problem.
 *
 * @example parseFramework(JSON.parse(readFileSync('data/frameworks/default.json', 'utf8')), instruments)
 */
export function parseFramework(
  input: unknown,
  instruments: Partial<Record<InstrumentName, Instrument>> = {},
): Framework {
  const parsed = frameworkSchema.safeParse(input);
  if (!parsed.success)
    throw new FrameworkError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('/') || '(framework)',
        rule: 'structure',
        message: bilingual(
          `指标体系格式错误:${issue.message}`,
          `malformed framework: ${issue.message}`,
        ),
      })),
    );
  const problems = frameworkProblems(parsed.data, instruments);
  if (problems.length) throw new FrameworkError(problems);
  return parsed.data;
}

/**
 * Every reason policy refuses a framework: resident satisfaction under half of a composite's
 * weight without a recorded override reason; a ledger, plaque, award, organization or venue item
 * (by declared category or by name); a veto-style rule (一票否决); weights at a level not summing
 * to 1; a leaf bound to a dimension or question its instrument lacks. Instruments not given are
 * not checked against.
 *
 * @example frameworkProblems(framework, { resident }) // → [] when acceptable
 */
export function frameworkProblems(
  framework: Framework,
  instruments: Partial<Record<InstrumentName, Instrument>> = {},
): FrameworkProblem[] {
  return compositeLevels.flatMap((level) =>
    compositeProblems(level, framework[level], instruments),
  );
}

/** The problems of one composite. */
function compositeProblems(
  level: CompositeLevel,
  composite: Composite,
  instruments: Partial<Record<InstrumentName, Instrument>>,
): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const add = (path: string[], rule: FrameworkRule, zh: string, en: string) =>
    problems.push({ path: [level, ...path].join('/'), rule, message: bilingual(zh, en) });

  checkWeights(composite.indicators, [], composite.name, add);
  checkRules(composite.rules, [], composite.name, add);
  const codes = new Set<string>();
  for (const { indicator, path } of walkIndicators(composite.indicators)) {
    if (codes.has(indicator.code))
      add(
        path,
        'structure',
        `指标编码 ${indicator.code} 重复`,
        `indicator code ${indicator.code} is used twice`,
      );
    codes.add(indicator.code);
    if (!indicator.children === !indicator.source)
      add(
        path,
        'structure',
        `指标“${indicator.name}”须有下级指标或数据来源之一`,
        `indicator “${indicator.name}” needs either children or a source, not both or neither`,
      );
    if (indicator.children) checkWeights(indicator.children, path, indicator.name, add);
    checkForbiddenItem(indicator, path, add);
    checkRules(indicator.rules, path, indicator.name, add);
    if (indicator.source) checkSource(level, indicator, indicator.source, path, instruments, add);
  }

  const residentShare = compositeLeaves(composite)
    .filter((leaf) => leaf.indicator.source.kind === 'resident')
    .reduce((sum, leaf) => sum + leaf.weight, 0);
  if (residentShare < 0.5 - weightTolerance && !composite.overrideReason)
    add(
      [],
      'resident_majority',
      `居民满意度仅占“${composite.name}”权重的 ${percent(residentShare)},不足一半。政策要求“${frameworkPolicy.residentMajority}”;如确需例外,须在 overrideReason 中记录理由`,
      `resident satisfaction carries ${percent(residentShare)} of “${composite.name}”, under half. Policy: resident satisfaction is the main standard of evaluation; record an overrideReason to depart from it`,
    );
  return problems;
}

/** Records a problem at a path of indicator codes, in Chinese and English. */
export type Add = (path: string[], rule: FrameworkRule, zh: string, en: string) => void;

/** Sibling weights must sum to 1. */
function checkWeights(
  indicators: readonly Indicator[],
  path: string[],
  parentName: string,
  add: Add,
): void {
  const sum = indicators.reduce((s, i) => s + i.weight, 0);
  if (Math.abs(sum - 1) > weightTolerance)
    add(
      path,
      'weights',
      `“${parentName}”下各指标权重之和为 ${round(sum)},应为 1`,
      `the weights under “${parentName}” sum to ${round(sum)}, not 1`,
    );
}

/** No rule may act on a composite besides its weights: every known rule kind is a veto, cap or zeroing. */
function checkRules(rules: Indicator['rules'], path: string[], name: string, add: Add): void {
  for (const rule of rules ?? [])
    add(
      path,
      'veto',
      `“${name}”的规则 ${rule.kind} 会使综合得分归零或封顶。政策要求“${frameworkPolicy.noVeto}”`,
      `rule ${rule.kind} of “${name}” would zero or cap a composite on its own. Policy: no veto-style (一票否决) evaluation of community work`,
    );
  if (/一票否决|否决/.test(name))
    add(
      path,
      'veto',
      `指标“${name}”是一票否决项。政策要求“${frameworkPolicy.noVeto}”`,
      `indicator “${name}” is a veto item. Policy: no veto-style (一票否决) evaluation of community work`,
    );
}

/** Ledgers, plaques, awards, organization set-up and activity venues are no indicators. */
function checkForbiddenItem(indicator: Indicator, path: string[], add: Add): void {
  const byCategory = forbiddenCategories.includes(indicator.category as never);
  const word = forbiddenNameWords.find((w) => indicator.name.toLowerCase().includes(w));
  if (!byCategory && !word) return;
  const why = byCategory ? `类别 ${indicator.category}` : `名称含“${word}”`;
  const whyEn = byCategory ? `category ${indicator.category}` : `name contains “${word}”`;
  add(
    path,
    'forbidden_item',
    `指标“${indicator.name}”(${why})属台账、挂牌、奖牌、组织机构或活动阵地类事项。政策要求“${frameworkPolicy.noFormalities}”`,
    `indicator “${indicator.name}” (${whyEn}) is a ledger, plaque, award, organization set-up or activity-venue item, which policy forbids as an evaluation indicator`,
  );
}

/** 0.4 → '40%'. */
function percent(share: number): string {
  return `${round(share * 100)}%`;
}

/** A number for a message: at most 6 decimals. */
function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
