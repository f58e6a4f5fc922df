import { fontFamily } from '@manyi/charts/chartStyle';

/** What a chart panel holds: the Plot figure, a file name for its SVG, and its data table. */
export interface ChartPanelParts {
  /** The figure a chart function returned (a `<figure>` with title, or a bare `<svg>`). */
  figure: Element;
  /** The title written into the downloaded SVG, e.g. 2026年 各街道综合得分. */
  title: string;
  /** The downloaded file's name without `.svg`, e.g. manyi-overview-2026. */
  fileName: string;
  /**
   * The figures as a table, folded under the chart; its summary says how many rows. A function
   * builds it when first unfolded: a table of 2,000 units costs time the chart should not wait for.
   */
  table?: HTMLTableElement | (() => HTMLTableElement);
  /** The summary line of the folded table, e.g. 数据表(40个街道). */
  tableSummary?: string;
}

/**
 * A chart with 打印 / Print (only this chart: the page's print style hides everything else while
 * the panel is marked `printing`) and 下载 SVG (the chart's own `<svg>`, standalone, with its
 * title and fonts), and its data table folded underneath for screen readers and exact values.
 */
export function chartPanel(parts: ChartPanelParts): HTMLElement {
  const panel = document.createElement('section');
  panel.className = 'chart-panel';
  const tools = document.createElement('div');
  tools.className = 'chart-tools';
  const print = button('打印', `打印此图 / Print this chart`, () => printOnly(panel));
  const download = button('下载 SVG', `下载此图的 SVG 文件 / Download SVG`, () =>
    downloadSvg(parts.figure, parts.title, parts.fileName),
  );
  tools.append(print, download);
  const chart = document.createElement('div');
  chart.className = 'chart';
  chart.append(parts.figure);
  panel.append(tools, chart);
  if (parts.table) {
    const details = document.createElement('details');
    details.className = 'table-section';
    const summary = document.createElement('summary');
    summary.textContent = parts.tableSummary ?? '数据表';
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    const { table } = parts;
    if (typeof table === 'function')
      details.addEventListener('toggle', () => {
        if (details.open && !scroll.firstChild) scroll.append(table());
      });
    else scroll.append(table);
    details.append(summary, scroll);
    panel.append(details);
  }
  return panel;
}

/**
 * The width a chart can take in a panel placed in `element`: measured on a probe panel, so the
 * panel's padding and border (style.css) are taken off; at least 300 px.
 */
export function chartWidth(element: HTMLElement): number {
  const probe = document.createElement('div');
  probe.className = 'chart';
  probe.style.visibility = 'hidden';
  element.append(probe);
  const style = getComputedStyle(probe);
  const inner = probe.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  probe.remove();
  return Math.max(300, Math.floor(inner));
}

/** A small button. */
function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.title = label;
  element.addEventListener('click', onClick);
  return element;
}

/** Prints `panel` alone: marks it and the page for the print style until printing is over. */
function printOnly(panel: HTMLElement): void {
  document.body.classList.add('print-one');
  panel.classList.add('printing');
  const done = () => {
    document.body.classList.remove('print-one');
    panel.classList.remove('printing');
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}

/**
 * Saves the chart's `<svg>` as a file: a copy with the SVG namespace, a `<title>`, and the
 * chart fonts, serialized by the browser (which escapes what the data holds).
 */
function downloadSvg(figure: Element, title: string, fileName: string): void {
  // the chart's own <svg> is the figure's last (legends come first, some as <svg>s)
  const own =
    figure.localName === 'svg' ? figure : [...figure.querySelectorAll(':scope > svg')].at(-1);
  const svg = own?.cloneNode(true);
  if (!(svg instanceof SVGSVGElement)) return;
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.style.fontFamily = fontFamily;
  svg.style.background = 'white';
  const titleElement = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  titleElement.textContent = title;
  svg.prepend(titleElement);
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName}.svg`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
