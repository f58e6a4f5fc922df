import { bilingual, type FieldError } from '@manyi/domain/messages';

/**
 * A table file refused as a whole: every problem found, each with its sheet row (the header is
 * row 1, as Excel numbers them) and column where it has them. Nothing of the file was stored.
 */
export class TableRejectedError extends Error {
  constructor(readonly problems: readonly FieldError[]) {
    super(
      problems.length === 1
        ? problemLine(problems[0]!)
        : bilingual(`文件有 ${problems.length} 处错误`, `the file has ${problems.length} problems`),
    );
  }

  /** Rows with at least one problem. */
  get badRows(): number {
    return new Set(this.problems.flatMap((p) => (p.row === undefined ? [] : [p.row]))).size;
  }
}

/**
 * One problem as a line for people: where, then why.
 *
 * @example problemLine({ row: 3, field: 'grid_code', message: '… / …' })
 * // → '第 3 行 row 3, grid_code: … / …'
 */
export function problemLine(problem: FieldError): string {
  const where = problem.row === undefined ? '' : `第 ${problem.row} 行 row ${problem.row}, `;
  return `${where}${problem.field}: ${problem.message}`;
}

/** Problems in the order a reader fixes them: by row (file-level first), then by column. */
export function sortProblems(
  problems: FieldError[],
  columns: readonly string[] = [],
): FieldError[] {
  const column = (field: string) => {
    const i = columns.indexOf(field);
    return i === -1 ? columns.length : i;
  };
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || column(a.field) - column(b.field));
}
