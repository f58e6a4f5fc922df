import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url));

/**
 * Compares chart markup with `test/golden/<name>.svg`, in the manner of Observable Plot's
 * test/plot-snapshot: on a mismatch it writes `<name>-changed.svg` beside the golden file and
 * throws. `UPDATE_GOLDEN=1` rewrites the golden file on purpose; a missing one is written
 * (outside CI) so a new chart starts with a file to review and commit.
 */
export function assertGolden(name: string, markup: string): void {
  const actual = normalizeMarkup(markup);
  const goldenPath = `${goldenDir}${name}.svg`;
  const changedPath = `${goldenDir}${name}-changed.svg`;
  const update = process.env.UPDATE_GOLDEN === '1';
  if (update || (!existsSync(goldenPath) && process.env.CI !== 'true')) {
    writeFileSync(goldenPath, actual);
    rmSync(changedPath, { force: true });
    console.warn(`! wrote golden file ${goldenPath}`);
    return;
  }
  const expected = readFileSync(goldenPath, 'utf8');
  if (actual === expected) {
    rmSync(changedPath, { force: true });
    return;
  }
  writeFileSync(changedPath, actual);
  throw new Error(
    `${name} differs from test/golden/${name}.svg; see ${name}-changed.svg ` +
      '(run with UPDATE_GOLDEN=1 to accept the change)',
  );
}

/**
 * Makes markup comparable across runs and machines: Plot's generated class names and ids become
 * fixed names, long decimals are rounded to two places, and each tag starts a line so a
 * difference reads as a short diff.
 */
export function normalizeMarkup(markup: string): string {
  const ids = new Map<string, string>();
  return (
    markup
      .replace(/\bplot-(clip|marker|pattern)-\d+\b/g, (id, kind: string) => {
        if (!ids.has(id)) ids.set(id, `plot-${kind}-${ids.size + 1}`);
        return ids.get(id)!;
      })
      .replace(/\bplot-[0-9a-f]{6}\b/g, 'plot')
      .replace(/-?\d+\.\d{3,}/g, (number) => roundTo2(Number(number)))
      .replace(/>\s*</g, '>\n<') + '\n'
  );
}

/** Two decimals, without trailing zeros or a negative zero. */
function roundTo2(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
