/** Prints rows of cells as aligned columns: the first column left-aligned, the others right. */
export function printTable(rows: readonly (readonly string[])[], gap = '  '): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join(gap)
        .trimEnd(),
    );
}
