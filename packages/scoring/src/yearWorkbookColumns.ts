import type { ResponseRate } from './responseRates.ts';
import { tooFewResponses, type RankResult, type UnitResult } from './unitResult.ts';
import { unitKindName } from './unitKindName.ts';

/** One column of a sheet: Chinese header, number format (`@` for text), width, value. */
export interface WorkbookColumn<Row> {
  header: string;
  format: string;
  width?: number;
  value: (row: Row) => string | number | null;
}

/** A row of a district sheet: a unit and its response rate. */
export interface UnitRow {
  unit: UnitResult;
  rate: ResponseRate | undefined;
}

/** A row of the summary sheet: a district or the city. */
export interface SummaryRow {
  code: string | null;
  name: string;
  streets: number;
  communities: number;
  tooFew: number;
  streetMean: number | null;
  communityMean: number | null;
  communityStars: number[];
  streetStars: number[];
  rate: ResponseRate | undefined;
}

const text = '@';
const score = '0.0';
const share = '0.0%';
const count = '0';

/** The summary sheet's table: one row per district, then the city. */
export const summaryColumns: WorkbookColumn<SummaryRow>[] = [
  { header: '区县编码', format: text, width: 14, value: (r) => r.code },
  { header: '区县', format: text, value: (r) => r.name },
  { header: '街道(乡镇)数', format: count, value: (r) => r.streets },
  { header: '社区(村)数', format: count, value: (r) => r.communities },
  { header: '其中样本不足', format: count, value: (r) => r.tooFew },
  { header: '街道平均综合得分', format: score, value: (r) => r.streetMean },
  { header: '社区平均综合得分', format: score, value: (r) => r.communityMean },
  ...[5, 4, 3, 2, 1].map((stars): WorkbookColumn<SummaryRow> => ({
    header: `社区${stars}星`,
    format: count,
    value: (r) => r.communityStars[stars]!,
  })),
  ...[5, 4, 3, 2, 1].map((stars): WorkbookColumn<SummaryRow> => ({
    header: `街道${stars}星`,
    format: count,
    value: (r) => r.streetStars[stars]!,
  })),
  { header: '发放问卷(份)', format: count, value: (r) => r.rate?.distributed ?? null },
  { header: '有效答卷(份)', format: count, value: (r) => r.rate?.validResponses ?? null },
  { header: '回收率', format: share, value: (r) => r.rate?.responseRate ?? null },
];

/** A district sheet's table: one row per street and community. */
export const unitColumns: WorkbookColumn<UnitRow>[] = [
  {
    header: '层级',
    format: text,
    value: ({ unit }) => (unit.level === 'street' ? '街道(乡镇)' : '社区(村)'),
  },
  {
    header: '街道编码',
    format: text,
    value: ({ unit }) => (unit.level === 'street' ? unit.code : unit.streetCode),
  },
  {
    header: '街道(乡镇)',
    format: text,
    value: ({ unit }) => (unit.level === 'street' ? unit.name : unit.streetName),
  },
  { header: '编码', format: text, value: ({ unit }) => unit.code },
  { header: '名称', format: text, value: ({ unit }) => unit.name },
  { header: '类型', format: text, value: ({ unit }) => unitKindName(unit.kind) },
  { header: '有效样本', format: count, value: ({ unit }) => unit.resident.n },
  { header: '居民满意度', format: score, value: ({ unit }) => unit.resident.score },
  { header: '满意度95%下限', format: score, value: ({ unit }) => unit.resident.low },
  { header: '满意度95%上限', format: score, value: ({ unit }) => unit.resident.high },
  { header: '满意率', format: share, value: ({ unit }) => unit.resident.satisfiedRate },
  {
    header: '街道对社区评价',
    format: score,
    value: ({ unit }) => unit.streetRating?.score ?? null,
  },
  {
    header: '社区对街道评价',
    format: score,
    value: ({ unit }) => unit.communityRating?.score ?? null,
  },
  { header: '减负达标率', format: share, value: ({ unit }) => unit.burden?.compliance ?? null },
  { header: '综合得分', format: score, value: ({ unit }) => unit.composite },
  { header: '综合得分95%下限', format: score, value: ({ unit }) => unit.compositeLow },
  { header: '综合得分95%上限', format: score, value: ({ unit }) => unit.compositeHigh },
  { header: '星级', format: count, value: ({ unit }) => unit.stars },
  {
    header: '区县内排名(90%区间)',
    format: text,
    width: 20,
    value: ({ unit }) => rankText(unit.rankInDistrict, unit),
  },
  {
    header: '区县内参评数',
    format: count,
    value: ({ unit }) => unit.rankInDistrict?.of ?? null,
  },
  {
    header: '城乡分类排名(90%区间)',
    format: text,
    width: 22,
    value: ({ unit }) => rankText(unit.rankInClass, unit),
  },
  { header: '城乡分类参评数', format: count, value: ({ unit }) => unit.rankInClass?.of ?? null },
  { header: '发放问卷(份)', format: count, value: ({ rate }) => rate?.distributed ?? null },
  { header: '有效答卷(份)', format: count, value: ({ rate }) => rate?.validResponses ?? null },
  { header: '回收率', format: share, value: ({ rate }) => rate?.responseRate ?? null },
  { header: '标记', format: text, value: ({ unit }) => unit.flags.join(';') || null },
];

/** `3(2–5)`: a rank never without its interval; why there is none otherwise. */
function rankText(rank: RankResult | null, unit: UnitResult): string {
  if (rank) return `${rank.rank}(${rank.low}–${rank.high})`;
  return unit.flags.includes(tooFewResponses) ? `未排名(${tooFewResponses})` : '未排名';
}
