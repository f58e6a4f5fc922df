import { readFileSync } from 'node:fs';

/** A small CSV file (no quoted commas) as row objects of strings: enough for the fixtures. */
export function readCsvTable(path: string | URL): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(',').map(unquote);
  return lines.map((line) => {
    const cells = line.split(',').map(unquote);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** A cell without its surrounding quotes. */
function unquote(cell: string): string {
  return cell.replace(/^"(.*)"$/, '$1');
}

/** A numeric cell; NA and empty cells as null. */
export function num(cell: string | undefined): number | null {
  return cell === undefined || cell === '' || cell === 'NA' ? null : Number(cell);
}
