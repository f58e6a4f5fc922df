/** Star ratings 1–5 as the charts colour them: a sequential scale, so more stars read darker. */
export const starDomain = ['1星', '2星', '3星', '4星', '5星', '未评星'];

/** One colour per entry of `starDomain`; 未评星 (no composite, e.g. 样本不足) grey. */
export const starRange = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c', '#d1d5db'];

/** The star label of a unit, e.g. 4 → 4星, null → 未评星. */
export function starLabel(stars: number | null | undefined): string {
  return stars == null ? '未评星' : `${stars}星`;
}
