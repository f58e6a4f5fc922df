/** One column of a data table: its header, the cell text of a row, and whether it holds numbers. */
export interface Column<Row> {
  label: string;
  value: (row: Row) => string;
  /** Right-aligned. */
  numeric?: boolean;
}

/**
 * The figures of a chart as a table, for screen readers and for reading exact values: the first
 * column heads each row. Built from text nodes only, never from HTML strings, so names from the
 * data cannot become markup.
 *
 * @example dataTable('各街道综合得分', streets, [{ label: '街道', value: (s) => s.name }])
 */
export function dataTable<Row>(
  caption: string,
  rows: readonly Row[],
  columns: readonly Column<Row>[],
): HTMLTableElement {
  const table = document.createElement('table');
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.label;
    if (column.numeric) th.className = 'numeric';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    columns.forEach((column, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) (cell as HTMLTableCellElement).scope = 'row';
      cell.textContent = column.value(row);
      if (column.numeric) cell.className = 'numeric';
      tr.append(cell);
    });
  }
  return table;
}
