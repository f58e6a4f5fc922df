import { spawn } from 'node:child_process';
import { parseHTML } from 'linkedom';
import { fontFamily } from './chartStyle.ts';
import { serialize } from './renderToSvg.ts';
import { textWidth } from './textWidth.ts';

export interface PngOptions {
  /** Pixels per chart pixel: 2 (default) prints sharply on A4; 1 for the screen. */
  scale?: number;
}

/** The rasterizer: Debian's librsvg2-bin; Chinese text needs fonts-noto-cjk beside it. */
const rsvgConvert = 'rsvg-convert';

const svgNamespace = 'http://www.w3.org/2000/svg';

/** How each text part of a figure is set: size, weight, colour, line height. */
const textStyles = {
  title: { size: 16, weight: 'bold', fill: '#111827' },
  subtitle: { size: 13, weight: 'normal', fill: '#4b5563' },
  caption: { size: 12, weight: 'normal', fill: '#4b5563' },
  swatch: { size: 12, weight: 'normal', fill: '#111827' },
} as const;
type TextStyle = (typeof textStyles)[keyof typeof textStyles];
const lineHeight = 1.45;
const gap = 6;
/** White margin around a figure, so that a printed chart's title does not touch the edge. */
const padding = 12;

/**
 * Renders a chart in Node to a PNG (e.g. for a year-end report), through `rsvg-convert`: the
 * chart as one standalone SVG (`renderToStandaloneSvg`), rasterized at `scale` on white.
 *
 * @example await writeFile('streets.png', await renderToPng(residentScoresByStreet, rows, { width: 800 }));
 */
export async function renderToPng<Row, Options extends { document?: Document }>(
  figure: (rows: readonly Row[], options: Options) => Element,
  rows: readonly Row[],
  options: NoInfer<Omit<Options, 'document'>>,
  png: PngOptions = {},
): Promise<Buffer> {
  return svgToPng(renderToStandaloneSvg(figure, rows, options), png);
}

/**
 * Renders a chart in Node to one standalone SVG document. Plot wraps a chart that has a title,
 * subtitle, caption or legend in an HTML `<figure>`, which no SVG viewer or rasterizer draws:
 * here the title, subtitle and caption become SVG text (wrapped to the chart's width), swatch
 * legends are drawn as SVG, and the plot's own `<svg>` is nested below them.
 *
 * @example await writeFile('streets.svg', renderToStandaloneSvg(residentScoresByStreet, rows, {}));
 */
export function renderToStandaloneSvg<Row, Options extends { document?: Document }>(
  figure: (rows: readonly Row[], options: Options) => Element,
  rows: readonly Row[],
  options: NoInfer<Omit<Options, 'document'>>,
): string {
  return standaloneSvgOf((document) => figure(rows, { ...options, document } as Options));
}

/**
 * The standalone SVG document of whatever `build` draws into a Node (linkedom) document: for
 * charts whose data is more than one list of rows, as the chart registry draws them.
 *
 * @example standaloneSvgOf((document) => chartRegistry.burden.draw(data, { document }))
 */
export function standaloneSvgOf(build: (document: Document) => Element): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const dom = document as unknown as Document;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(standalone(build(dom), dom))}\n`;
}

/**
 * Rasterizes an SVG document with `rsvg-convert`, on a white background.
 *
 * @example const png = await svgToPng(svg, { scale: 1 });
 */
export function svgToPng(svg: string, { scale = 2 }: PngOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      rsvgConvert,
      ['--format=png', `--zoom=${scale}`, '--background-color=white'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(
        new Error(
          `无法运行 ${rsvgConvert}(请安装 librsvg2-bin)/ cannot run ${rsvgConvert} (install librsvg2-bin): ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new Error(
            `${rsvgConvert} 转换失败 / ${rsvgConvert} failed (${code}): ${Buffer.concat(err).toString().trim()}`,
          ),
        );
    });
    child.stdin.end(svg);
  });
}

/** The chart as one `<svg>`: a bare plot as it is, a figure laid out top to bottom. */
function standalone(element: Element, document: Document): Element {
  if (element.localName === 'svg') return element;
  const parts = [...element.children];
  const width = Math.max(
    320,
    ...parts.filter((p) => p.localName === 'svg').map((p) => Number(p.getAttribute('width')) || 0),
  );
  const root = document.createElementNS(svgNamespace, 'svg');
  const body = document.createElementNS(svgNamespace, 'g');
  body.setAttribute('transform', `translate(${padding},${padding})`);
  root.append(body);
  let y = 0;
  for (const part of parts) {
    const tag = part.localName;
    if (tag === 'svg') {
      part.setAttribute('x', '0');
      part.setAttribute('y', String(y));
      body.append(part);
      y += (Number(part.getAttribute('height')) || 0) + gap;
    } else if (tag === 'div' && /-swatches\b/.test(part.getAttribute('class') ?? '')) {
      y = swatches(part, body, document, y, width) + gap;
    } else if (tag !== 'style') {
      const style =
        tag === 'h2' ? textStyles.title : tag === 'h3' ? textStyles.subtitle : textStyles.caption;
      for (const line of wrap(part.textContent?.trim() ?? '', width, style.size)) {
        body.append(text(document, line, 0, y, style));
        y += style.size * lineHeight;
      }
      y += tag === 'figcaption' ? 0 : gap / 2;
    }
  }
  const height = Math.ceil(y) + 2 * padding;
  root.setAttribute('width', String(width + 2 * padding));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width + 2 * padding} ${height}`);
  root.setAttribute('font-family', fontFamily);
  const ariaLabel = parts.find((p) => p.localName === 'h2')?.textContent;
  if (ariaLabel) root.setAttribute('aria-label', ariaLabel);
  return root;
}

/** Draws a swatch legend (colour box, label; wrapping to the width) from `y`; returns the new y. */
function swatches(legend: Element, root: Element, document: Document, y: number, width: number) {
  const { size } = textStyles.swatch;
  const row = size * lineHeight + 4;
  let x = 0;
  // Plot names its classes plot-<hash>-swatch
  const items = [...legend.querySelectorAll('span')].filter((s) =>
    /-swatch$/.test(s.getAttribute('class') ?? ''),
  );
  for (const swatch of items) {
    const box = swatch.querySelector('svg');
    const label = swatch.textContent?.trim() ?? '';
    const boxWidth = Number(box?.getAttribute('width')) || 15;
    const itemWidth = boxWidth + 6 + (textWidth(label) * size) / 12 + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += row;
    }
    if (box) {
      box.setAttribute('x', String(x));
      box.setAttribute('y', String(y + (row - (Number(box.getAttribute('height')) || 15)) / 2));
      root.append(box);
    }
    root.append(
      text(document, label, x + boxWidth + 6, y + (row - size * lineHeight) / 2, textStyles.swatch),
    );
    x += itemWidth;
  }
  return y + row;
}

/** One line of text whose top is at `top`. */
function text(document: Document, content: string, x: number, top: number, style: TextStyle) {
  const node = document.createElementNS(svgNamespace, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(Math.round((top + style.size * 1.1) * 10) / 10));
  node.setAttribute('font-size', String(style.size));
  node.setAttribute('font-weight', style.weight);
  node.setAttribute('fill', style.fill);
  node.textContent = content;
  return node;
}

/** Lines of at most `width` pixels at `size` (estimated as `textWidth` does), broken anywhere. */
function wrap(content: string, width: number, size: number): string[] {
  if (!content) return [];
  const lines: string[] = [];
  let line = '';
  for (const ch of content) {
    if (line && (textWidth(line + ch) * size) / 12 > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  return [...lines, line];
}
