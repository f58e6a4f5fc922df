import { cellOfInstant } from '@manyi/store/responseTable';
import {
  publicMinimumResponses,
  type PublicDistrict,
  type PublicResults,
} from './publicResults.ts';
import { tooFewResponses, type RankResult, type UnitResult } from './unitResult.ts';
import { unitKindName } from './unitKindName.ts';

export interface PublicPageOptions {
  /** The campaign's title, as evaluators entered it. */
  title: string;
  /** The file name of the CSV download, beside the page. */
  csvName: string;
  /** Chart markup per district code (already escaped SVG); a district without one gets none. */
  figures: ReadonlyMap<string, string>;
}

/**
 * The public results page of a year: zh-CN, self-contained (inline style and SVG, no script, no
 * request to anywhere), one section per district with its streets' and communities' rankings and
 * chart, then the method note. Every text from the data is escaped; only `published` units appear.
 *
 * @example await writeFile('index.html', publicPage(published, { title, csvName, figures }));
 */
export function publicPage(published: PublicResults, options: PublicPageOptions): string {
  const { year, districts, suppressed } = published;
  const heading = `${year} 年度城乡社区(村)与街道(乡镇)满意度测评结果`;
  const navigation = districts
    .map((d, i) => `<a href="#district-${i + 1}">${escapeHtml(d.name)}</a>`)
    .concat('<a href="#method">说明</a>')
    .join('');
  const sections = districts.length
    ? districts.map((d, i) => districtSection(d, i + 1, options.figures.get(d.code))).join('\n')
    : '<p class="empty">本年度没有可公布的单位。</p>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading)}</h1>
<p class="subtitle">${escapeHtml(options.title)}</p>
<p>按区县公布各街道(乡镇)和社区(村)的综合得分、星级与排名。得分后括号内为 95% 置信区间,名次后括号内为 ${percent(published.settings.rankIntervalLevel)} 排名区间:区间重叠的单位不宜简单比较高低。</p>
${suppressed ? `<p class="suppressed">${suppressed} 个单位因样本少于 ${publicMinimumResponses} 份未公布。</p>` : ''}
<p><a class="download" href="${escapeHtml(options.csvName)}" download>下载结果表(CSV,${escapeHtml(options.csvName)})</a></p>
<nav>${navigation}</nav>
</header>
<main>
${sections}
${methodNote(published)}
</main>
<footer>评分运行 #${published.run.runId} · 随机种子 ${published.run.seed} · 计算时间 ${escapeHtml(shanghaiTime(published.run.createdAt))}(北京时间)</footer>
</body>
</html>
`;
}

/**
 * Escapes text for HTML, in element content and in quoted attributes alike.
 *
 * @example escapeHtml('<script>') // → '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A district's section: a summary line, the street and community tables, its chart. */
function districtSection(district: PublicDistrict, index: number, figure?: string): string {
  const note = district.suppressed
    ? `另有 ${district.suppressed} 个单位因样本少于 ${publicMinimumResponses} 份未公布。`
    : '';
  return `<section id="district-${index}">
<h2>${escapeHtml(district.name)}</h2>
<p>公布 ${district.streets.length} 个街道(乡镇)、${district.communities.length} 个社区(村)。${note}</p>
${unitTable('街道(乡镇)', district.streets, false)}
${unitTable('社区(村)', district.communities, true)}
${figure ? `<div class="chart">${figure}</div>` : ''}
</section>`;
}

/** The ranking table of one level; communities also show their street and resident score. */
function unitTable(caption: string, units: readonly UnitResult[], communities: boolean): string {
  if (!units.length) return '';
  const head = [
    '区内名次<br><small>(90%区间)/参评数</small>',
    '名称',
    ...(communities ? ['所属街道(乡镇)'] : []),
    '类型',
    '综合得分<br><small>(95%区间)</small>',
    ...(communities ? ['居民满意度'] : []),
    '星级',
    '全市同类名次<br><small>(90%区间)/参评数</small>',
    '有效样本',
  ];
  const rows = units.map((u) => {
    const cells = [
      `<td class="rank">${rankText(u.rankInDistrict, u)}</td>`,
      `<td>${escapeHtml(u.name)}</td>`,
      ...(communities ? [`<td>${escapeHtml(u.streetName ?? '')}</td>`] : []),
      `<td class="kind">${escapeHtml(unitKindName(u.kind) ?? '')}</td>`,
      `<td class="num">${scoreText(u.composite)} <small>${intervalText(u.compositeLow, u.compositeHigh)}</small></td>`,
      ...(communities ? [`<td class="num">${scoreText(u.resident.score)}</td>`] : []),
      `<td class="stars">${starsText(u.stars)}</td>`,
      `<td class="rank">${rankText(u.rankInClass, u)}</td>`,
      `<td class="num">${u.resident.n}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="table"><table>
<caption>${caption}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** The method note: how scores are made, what the intervals mean, 样本不足 and suppression. */
function methodNote({ settings }: PublicResults): string {
  const level = percent(settings.rankIntervalLevel);
  return `<section id="method" class="method">
<h2>说明</h2>
<h3>得分如何计算</h3>
<p>居民通过手机或纸质问卷匿名作答。每道评分题按"很不满意"至"很满意"换算为 0–100 分,"不了解/不适用"不计入;每位居民的得分为各维度得分的加权平均。社区(村)的居民满意度是按网格人口加权的居民平均分。综合得分按本年度指标体系加权计算,居民满意度占一半以上权重:社区(村)另计街道(乡镇)对其的评价,街道(乡镇)为所辖社区(村)居民满意度(按人口加权)与各社区(村)对其评价的加权。星级:综合得分 90 分及以上五星,80 分及以上四星,70 分及以上三星,60 分及以上二星,其余一星。名次为区县内排名和全市同类(城市社区、农村社区/村分别)排名,同分并列。</p>
<h3>区间含义</h3>
<p>综合得分后括号内是 95% 置信区间(得分 ± 1.96 × 标准误),表示抽样带来的不确定性:两个单位的区间重叠较多时,得分差异可能只是抽样误差。名次后括号内是 ${level} 排名区间:按各单位得分的不确定性模拟 ${settings.rankDraws} 次,${level} 的模拟名次落在此范围内。例如"3(2–5)/8"表示 8 个参评单位中排第 3 名,实际名次可能在第 2 至第 5 名之间。</p>
<h3>样本不足</h3>
<p>有效样本(有得分的居民答卷)少于 ${settings.minResponses} 份的单位标注"${tooFewResponses}",不评星、不排名,得分仅供参考。样本少于 ${publicMinimumResponses} 份的单位不公布任何数据,只统计个数。本页和结果表不含任何答卷原文或单份答卷,也不含网格一级的数据。</p>
</section>`;
}

/** `3(2–5)/8`, or why there is no rank. */
function rankText(rank: RankResult | null, unit: UnitResult): string {
  if (rank) return `${rank.rank}<small>(${rank.low}–${rank.high})/${rank.of}</small>`;
  return unit.flags.includes(tooFewResponses)
    ? `<span class="flag">${tooFewResponses}</span>`
    : '—';
}

/** A score to one decimal, or a dash. */
function scoreText(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

/** `(80.1–84.5)`, or nothing when the interval is unknown. */
function intervalText(low: number | null, high: number | null): string {
  return low === null || high === null ? '' : `(${low.toFixed(1)}–${high.toFixed(1)})`;
}

/** Filled and hollow stars, with the number for screen readers. */
function starsText(stars: number | null): string {
  if (stars === null) return '—';
  return `<span title="${stars} 星" aria-label="${stars} 星">${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}</span>`;
}

/** 0.9 → 90%. */
function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A run's time as Beijing wall-clock time, e.g. 2026-12-20 09:30. */
function shanghaiTime(date: Date): string {
  return cellOfInstant(date).slice(0, 16).replace('T', ' ');
}

/** The page's only styling: system fonts (no web font), readable tables, charts that fit. */
const style = `
:root { color-scheme: light; --line: #d1d5db; --muted: #4b5563; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1080px; padding: 24px 20px 48px; color: #111827; background: #fff;
  font: 15px/1.6 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
  "Hiragino Sans GB", "Microsoft YaHei", system-ui, sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 20px 0 4px; }
.subtitle { color: var(--muted); margin-top: 0; }
.suppressed, .empty { color: var(--muted); }
a { color: var(--accent); }
.download { display: inline-block; padding: 6px 14px; border: 1px solid var(--accent); border-radius: 6px;
  text-decoration: none; font-weight: 600; }
nav { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 0; border-top: 1px solid var(--line);
  border-bottom: 1px solid var(--line); }
.table { overflow-x: auto; margin: 12px 0 20px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; white-space: nowrap; }
th small { font-weight: 400; color: var(--muted); }
tbody tr:nth-child(even) { background: #f9fafb; }
td.num, td.rank, td.kind { white-space: nowrap; }
td.num { text-align: right; }
td small { color: var(--muted); }
td.stars { color: #b45309; white-space: nowrap; letter-spacing: 1px; }
.flag { color: var(--muted); font-size: 0.85em; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
.chart { margin: 8px 0 16px; overflow-x: auto; }
.chart figure { margin: 0; }
.chart h2 { font-size: 1rem; border: 0; margin: 8px 0 0; padding: 0; }
.chart h3 { font-size: 0.85rem; font-weight: 400; color: var(--muted); margin: 0 0 4px; }
.chart svg { max-width: 100%; height: auto; }
.method p { max-width: 62em; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; }
`;
