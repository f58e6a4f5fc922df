import type { DimensionComparison, UnitProfile } from './unitProfile.ts';
import type { RankResult, UnitResult } from './unitResult.ts';
import type { YearOverYear } from './yearOverYear.ts';

/**
 * A short Chinese paragraph about one unit's year that an evaluator can paste into a year-end
 * report: composite with its 95% interval and stars, ranks with their rank intervals (or, for a
 * 样本不足 unit, why there is none), resident satisfaction, the two-way rating, the change since
 * last year, the response rate, and the strongest and weakest dimensions against the peers.
 * Every figure is a stored one of the profile, rounded for print (scores to one decimal) —
 * nothing is recomputed here.
 *
 * @example
 * profileSummary(profile)
 * // → '书院苑社区2026年度综合得分70.0(95%区间67.9–72.1),三星;在东城区社区(村)中排名第4(90%区间4–5,共5个);…'
 */
export function profileSummary(profile: UnitProfile): string {
  const { unit, year } = profile;
  const sentences = [
    `${unit.name}${year}年度${compositeClause(unit)}${rankClause(profile)}`,
    residentClause(unit),
    twoWayClause(unit),
    changeClause(unit.compositeChange, '综合得分'),
    changeClause(unit.residentChange, '居民满意度'),
    comparisonClause(profile),
    rateClause(profile),
    dimensionClause('主要优势', profile.strongest, '高于'),
    dimensionClause('主要短板', profile.weakest, '低于'),
  ];
  return sentences.filter(Boolean).join('');
}

/** 综合得分82.4(95%区间79.1–85.7),四星 */
function compositeClause(unit: UnitResult): string {
  if (unit.composite === null) return '暂无综合得分';
  const stars = unit.stars === null ? '' : `,${starNames[unit.stars] ?? unit.stars}星`;
  return `综合得分${score(unit.composite)}${interval(95, unit.compositeLow, unit.compositeHigh)}${stars}`;
}

/** ;在某区社区(村)中排名第3(90%区间2–6,共20个),在全市城市社区中排名第5(…)。, or why not ranked. */
function rankClause(profile: UnitProfile): string {
  const { unit, settings } = profile;
  if (profile.tooFewResponses)
    return `;有效样本${unit.resident.n}份,少于${settings.minResponses}份,标注"样本不足",不评星、不排名,得分仅供参考。`;
  const level = Math.round(settings.rankIntervalLevel * 100);
  const within = unit.level === 'community' ? '社区(村)' : '街道(乡镇)';
  const ranks = [
    unit.rankInDistrict && `在${unit.districtName}${within}中${rank(unit.rankInDistrict, level)}`,
    unit.rankInClass && `在全市${className(unit)}中${rank(unit.rankInClass, level)}`,
  ].filter(Boolean);
  return ranks.length ? `;${ranks.join(',')}。` : '。';
}

/** 居民满意度74.4(95%区间73.1–75.7,有效样本93份),满意率43.6%。 */
function residentClause(unit: UnitResult): string {
  const { resident } = unit;
  if (resident.score === null) return `暂无居民满意度得分(有效样本${resident.n}份)。`;
  const range =
    resident.low === null || resident.high === null
      ? ''
      : `95%区间${score(resident.low)}–${score(resident.high)},`;
  const satisfied =
    resident.satisfiedRate === null ? '' : `,满意率${percent(resident.satisfiedRate)}`;
  return `居民满意度${score(resident.score)}(${range}有效样本${resident.n}份)${satisfied}。`;
}

/** The two-way rating: a community's by its street, a street's by its communities and its burden. */
function twoWayClause(unit: UnitResult): string {
  const parts: string[] = [];
  if (unit.streetRating) parts.push(`街道(乡镇)对其评价${score(unit.streetRating.score)}分`);
  if (unit.communityRating)
    parts.push(
      `所辖${unit.communityRating.raters}个社区(村)对其评价${score(unit.communityRating.score)}分`,
    );
  if (unit.burden)
    parts.push(
      `减负:${unit.burden.reporting}个社区(村)报送检查和会议次数,其中${unit.burden.over}个超过上限`,
    );
  return parts.length ? `${parts.join(';')}。` : '';
}

/** 综合得分较上年上升2.3分(超出抽样误差)。 */
function changeClause(change: YearOverYear | null, what: string): string {
  if (!change) return '';
  const rounded = score(Math.abs(change.change));
  if (rounded === '0.0') return `${what}与上年持平。`;
  const direction = change.change > 0 ? '上升' : '下降';
  return `${what}较上年${direction}${rounded}分(${change.significant ? '超出抽样误差' : '在抽样误差之内'})。`;
}

/** The street's composite, and the mean composite of the district's peers. */
function comparisonClause(profile: UnitProfile): string {
  const parts: string[] = [];
  if (profile.street?.composite != null)
    parts.push(`所属${profile.street.name}综合得分${score(profile.street.composite)}`);
  const { district } = profile;
  if (district.meanComposite !== null)
    parts.push(
      `${district.name}其他${district.peers}个同类${profile.unit.level === 'community' ? '社区(村)' : '街道(乡镇)'}综合得分均值${score(district.meanComposite)}`,
    );
  return parts.length ? `${parts.join(',')}。` : '';
}

/** 问卷回收率85.8%(发放1044份,有效回收896份)。 */
function rateClause(profile: UnitProfile): string {
  const rate = profile.responseRate;
  if (!rate || rate.responseRate === null) return '';
  return `问卷回收率${percent(rate.responseRate)}(发放${rate.distributed}份,有效回收${rate.validResponses}份)。`;
}

/** 主要短板:环境卫生(低于同类均值4.2分)、…。 */
function dimensionClause(
  label: string,
  dimensions: readonly DimensionComparison[],
  direction: string,
): string {
  if (!dimensions.length) return '';
  const items = dimensions.map(
    (d) =>
      `${d.name}(${direction}同类均值${score(Math.abs(d.difference!))}分${d.significant ? '' : ',在抽样误差之内'})`,
  );
  return `${label}:${items.join('、')}。`;
}

/** 排名第3(90%区间2–6,共20个) */
function rank(r: RankResult, level: number): string {
  return `排名第${r.rank}(${level}%区间${r.low}–${r.high},共${r.of}个)`;
}

/** The ranking class in words: 城市社区, 农村社区(村), 街道 or 乡镇. */
function className(unit: UnitResult): string {
  if (unit.level === 'street') return unit.rankingClass === 'urban' ? '街道' : '乡镇';
  return unit.rankingClass === 'urban' ? '城市社区' : '农村社区(村)';
}

/** (95%区间79.1–85.7), or nothing when the interval is unknown. */
function interval(level: number, low: number | null, high: number | null): string {
  return low === null || high === null ? '' : `(${level}%区间${score(low)}–${score(high)})`;
}

/** A score to one decimal, as every page prints it. */
function score(value: number): string {
  return value.toFixed(1);
}

/** A share as a percentage to one decimal: 0.4361 → 43.6%. */
function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

const starNames: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五' };
