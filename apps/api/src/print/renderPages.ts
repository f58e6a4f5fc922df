import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a printable page becomes: the SVG itself, a PNG of one page, or a PDF of all pages. */
export type PrintFormat = 'svg' | 'png' | 'pdf';

export interface RenderOptions {
  /** PNG resolution. Default 150 dpi (an A4 page: 1240 × 1754 pixels). */
  dpi?: number;
  /** The converter; default `rsvg-convert` (Debian's librsvg2-bin) on the PATH. */
  command?: string;
  /** Give up after this long (ms). Default 120 s. */
  timeoutMs?: number;
}

/** The Content-Type of each format. */
export const printMediaTypes: Record<PrintFormat, string> = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  pdf: 'application/pdf',
};

/**
 * Pages of SVG as a file: the SVG of a single page as it is; a PNG of the first page; a PDF
 * with one page per SVG. Converted by `rsvg-convert` (librsvg, with fonts-noto-cjk for the
 * Chinese), run as a child process on temporary files that are removed afterwards.
 *
 * @example const pdf = await renderPages(await slipPagesSvg(content), 'pdf');
 */
export async function renderPages(
  pages: readonly string[],
  format: PrintFormat,
  options: RenderOptions = {},
): Promise<Buffer> {
  if (!pages.length) throw new Error('nothing to render');
  if (format === 'svg') {
    if (pages.length > 1) throw new Error('an SVG holds one page');
    return Buffer.from(pages[0]!, 'utf8');
  }
  const dir = await mkdtemp(join(tmpdir(), 'manyi-print-'));
  try {
    const inputs = format === 'png' ? pages.slice(0, 1) : pages;
    const files = inputs.map((_, i) => join(dir, `page-${String(i).padStart(4, '0')}.svg`));
    await Promise.all(inputs.map((svg, i) => writeFile(files[i]!, svg, 'utf8')));
    const output = join(dir, `out.${format}`);
    const dpi = String(options.dpi ?? 150);
    const resolution = format === 'png' ? ['--dpi-x', dpi, '--dpi-y', dpi] : [];
    await run(
      options.command ?? 'rsvg-convert',
      [
        '--format',
        format,
        ...resolution,
        '--background-color',
        'white',
        '--output',
        output,
        ...files,
      ],
      options.timeoutMs ?? 120_000,
    );
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a command without a shell; rejects with its stderr when it fails. */
function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (error, _, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}
