import type { UnitResult } from './unitResult.ts';

/** One column of the results CSV/XLSX: its key (CSV header), Chinese header (XLSX) and value. */
export interface ResultColumn {
  key: string;
  header: string;
  value: (r: UnitResult) => string | number | boolean | null;
}

/**
 * The columns of the results file (PRODUCT.md, "File formats"): one row per unit and year with
 * codes, names, n, scores, SEs, intervals, composite, stars, ranks, rank intervals and flags,
 * then each dimension's score and SE (the dimensions found in `results`, in order of first
 * appearance). Codes stay text. `dimensionNames` gives the Chinese headers of the dimensions
 * (e.g. service → 便民服务); a dimension without a name is headed by its code.
 *
 * @example resultColumns(results).map((c) => c.key) // → ['year', 'level', 'code', ...]
 */
export function resultColumns(
  results: readonly UnitResult[],
  dimensionNames: Readonly<Record<string, string>> = {},
): ResultColumn[] {
  const dimensions = [...new Set(results.flatMap((r) => Object.keys(r.dimensions)))];
  return [
    ...fixedColumns,
    ...dimensions.flatMap((d): ResultColumn[] => [
      {
        key: `${d}_score`,
        header: `${dimensionNames[d] ?? d}得分`,
        value: (r) => r.dimensions[d]?.score ?? null,
      },
      {
        key: `${d}_se`,
        header: `${dimensionNames[d] ?? d}标准误`,
        value: (r) => r.dimensions[d]?.se ?? null,
      },
    ]),
  ];
}

/**
 * Results as flat records keyed by column, ready for a CSV or XLSX writer.
 *
 * @example resultRecords(results)[0] // → { year: 2026, level: 'street', code: 'S01', ... }
 */
export function resultRecords(
  results: readonly UnitResult[],
): Record<string, string | number | boolean | null>[] {
  const columns = resultColumns(results);
  return results.map((r) => Object.fromEntries(columns.map((c) => [c.key, c.value(r)])));
}

const fixedColumns: ResultColumn[] = [
  { key: 'year', header: '年度', value: (r) => r.year },
  {
    key: 'level',
    header: '层级',
    value: (r) => (r.level === 'street' ? '街道(乡镇)' : '社区(村)'),
  },
  { key: 'code', header: '编码', value: (r) => r.code },
  { key: 'name', header: '名称', value: (r) => r.name },
  { key: 'kind', header: '类型', value: (r) => r.kind },
  { key: 'district_code', header: '区县编码', value: (r) => r.districtCode },
  { key: 'district_name', header: '区县', value: (r) => r.districtName },
  { key: 'street_code', header: '街道编码', value: (r) => r.streetCode },
  { key: 'street_name', header: '街道(乡镇)', value: (r) => r.streetName },
  { key: 'n', header: '有效样本', value: (r) => r.resident.n },
  { key: 'resident_score', header: '居民满意度', value: (r) => r.resident.score },
  { key: 'resident_se', header: '居民满意度标准误', value: (r) => r.resident.se },
  { key: 'resident_low', header: '95%区间下限', value: (r) => r.resident.low },
  { key: 'resident_high', header: '95%区间上限', value: (r) => r.resident.high },
  { key: 'satisfied_rate', header: '满意率', value: (r) => r.resident.satisfiedRate },
  { key: 'satisfied_se', header: '满意率标准误', value: (r) => r.resident.satisfiedSe },
  { key: 'street_rating', header: '街道评价', value: (r) => r.streetRating?.score ?? null },
  {
    key: 'street_rating_raters',
    header: '街道评价人数',
    value: (r) => r.streetRating?.raters ?? null,
  },
  { key: 'community_rating', header: '社区评价', value: (r) => r.communityRating?.score ?? null },
  {
    key: 'community_rating_raters',
    header: '参评社区数',
    value: (r) => r.communityRating?.raters ?? null,
  },
  { key: 'burden_compliance', header: '减负达标率', value: (r) => r.burden?.compliance ?? null },
  { key: 'composite', header: '综合得分', value: (r) => r.composite },
  { key: 'composite_se', header: '综合得分标准误', value: (r) => r.compositeSe },
  { key: 'composite_low', header: '综合得分95%下限', value: (r) => r.compositeLow },
  { key: 'composite_high', header: '综合得分95%上限', value: (r) => r.compositeHigh },
  { key: 'stars', header: '星级', value: (r) => r.stars },
  { key: 'rank_district', header: '区县内排名', value: (r) => r.rankInDistrict?.rank ?? null },
  {
    key: 'rank_district_low',
    header: '区县内排名90%区间下限',
    value: (r) => r.rankInDistrict?.low ?? null,
  },
  {
    key: 'rank_district_high',
    header: '区县内排名90%区间上限',
    value: (r) => r.rankInDistrict?.high ?? null,
  },
  { key: 'rank_district_of', header: '区县内参评数', value: (r) => r.rankInDistrict?.of ?? null },
  { key: 'rank_class', header: '城乡分类排名', value: (r) => r.rankInClass?.rank ?? null },
  {
    key: 'rank_class_low',
    header: '城乡分类排名90%区间下限',
    value: (r) => r.rankInClass?.low ?? null,
  },
  {
    key: 'rank_class_high',
    header: '城乡分类排名90%区间上限',
    value: (r) => r.rankInClass?.high ?? null,
  },
  { key: 'rank_class_of', header: '城乡分类参评数', value: (r) => r.rankInClass?.of ?? null },
  {
    key: 'composite_change',
    header: '综合得分同比变化',
    value: (r) => r.compositeChange?.change ?? null,
  },
  {
    key: 'composite_change_significant',
    header: '变化显著',
    value: (r) => r.compositeChange?.significant ?? null,
  },
  {
    key: 'resident_change',
    header: '居民满意度同比变化',
    value: (r) => r.residentChange?.change ?? null,
  },
  {
    key: 'resident_change_significant',
    header: '满意度变化显著',
    value: (r) => r.residentChange?.significant ?? null,
  },
  { key: 'flags', header: '标记', value: (r) => r.flags.join(';') },
];
