import { bilingual, type FieldError } from '@manyi/domain/messages';

/**
 * What is wrong with a header row against the columns a format requires: each missing, unknown
 * or repeated column, reported on row 1. Column order is free.
 *
 * @example headerProblems(['a', 'x'], ['a', 'b']) // → [missing b, unknown x]
 */
export function headerProblems(
  columns: readonly string[],
  required: readonly string[],
): FieldError[] {
  const problems: FieldError[] = [];
  for (const name of required)
    if (!columns.includes(name))
      problems.push({
        row: 1,
        field: name,
        message: bilingual('缺少此列', 'this column is missing'),
      });
  columns.forEach((name, i) => {
    if (name === '')
      problems.push({
        row: 1,
        field: columnLetter(i),
        message: bilingual('此列没有列名', 'this column has no name'),
      });
    else if (!required.includes(name))
      problems.push({ row: 1, field: name, message: bilingual('未知的列', 'unknown column') });
    else if (columns.indexOf(name) !== i)
      problems.push({
        row: 1,
        field: name,
        message: bilingual('此列重复', 'this column appears twice'),
      });
  });
  return problems;
}

/** A row's cells by column name. */
export function cellsByColumn(
  columns: readonly string[],
  cells: readonly string[],
): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  columns.forEach((name, i) => {
    if (!(name in record)) record[name] = cells[i] ?? '';
  });
  return record;
}

/** The spreadsheet letter of a 0-based column: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
