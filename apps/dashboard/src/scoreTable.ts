import type { CommunityResidentScore } from '@manyi/charts/residentScoresByStreet';
import { formatCount, formatScore } from '@manyi/charts/chartStyle';

/**
 * The chart's numbers as a table, for screen readers and for reading exact values: community,
 * street, responses, score and a note. Built from text nodes only, never from HTML strings.
 */
export function scoreTable(
  rows: readonly CommunityResidentScore[],
  minSample: number,
): HTMLTableElement {
  const table = document.createElement('table');
  table.createCaption().textContent = `各社区(村)居民满意度得分(${formatCount(rows.length)}个)`;
  const head = table.createTHead().insertRow();
  for (const [label, numeric] of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    if (numeric) th.className = 'numeric';
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.code = r.code;
    const note = r.score == null ? '尚无答卷' : r.n < minSample ? '样本不足' : '';
    const cells = [r.name, r.streetName, formatCount(r.n), formatScore(r.score), note];
    cells.forEach((text, i) => {
      const cell = i === 0 ? document.createElement('th') : document.createElement('td');
      if (i === 0) (cell as HTMLTableCellElement).scope = 'row';
      cell.textContent = text;
      if (columns[i]![1]) cell.className = 'numeric';
      tr.append(cell);
    });
  }
  return table;
}

/** Column headers, and whether the column holds numbers (right-aligned). */
const columns: [string, boolean][] = [
  ['社区(村)', false],
  ['街道(乡镇)', false],
  ['答卷数', true],
  ['得分', true],
  ['备注', false],
];
