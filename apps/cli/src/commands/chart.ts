/// <reference lib="dom" />
// @manyi/charts types its figures with the DOM's Element; they are rendered here through linkedom.
import { rename, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { chartNames, chartRegistry } from '@manyi/charts/chartRegistry';
import { standaloneSvgOf, svgToPng } from '@manyi/charts/renderToPng';
import { bilingual } from '@manyi/domain/messages';
import { responseRates } from '@manyi/scoring/responseRates';
import { residentDimensionNames } from '@manyi/scoring/residentDimensionNames';
import { scoredResults } from '@manyi/scoring/scoredResults';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

interface ChartCommandOptions {
  year: number;
  chart: string;
  district?: string;
  format: 'png' | 'svg';
  out: string;
  width?: number;
  db?: string;
}

/**
 * `manyi chart --year Y --chart NAME [--district D] --format png|svg --out FILE`: draws one chart
 * of a year's stored results (`chartRegistry`) for a report: a standalone SVG, or a PNG at twice
 * the size (sharp in print) through rsvg-convert. The file appears whole or not at all.
 */
export function chartCommand(): Command {
  return new Command('chart')
    .description(
      '绘制年度结果图表(PNG 或 SVG),用于报告 / draw a chart of a year’s results (PNG or SVG) for a report',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .addOption(
      new Option('--chart <name>', `图表 / chart: ${chartNames.join(', ')}`)
        .choices(chartNames)
        .makeOptionMandatory(),
    )
    .option('--district <code>', '只画该区县的单位 / only this district’s units')
    .addOption(
      new Option('--format <format>', '文件格式 / file format')
        .choices(['png', 'svg'])
        .default('png'),
    )
    .requiredOption('--out <file>', '输出文件 / output file')
    .option('--width <px>', '宽度(像素)/ width in pixels', parseWidth)
    .addOption(dbOption())
    .action((options: ChartCommandOptions) =>
      withStore(options.db, async (open) => {
        const { year, chart, district, format, out, width } = options;
        const store = await open();
        const stored = await scoredResults(store, year);
        if (district && !stored.results.some((r) => r.districtCode === district))
          throw new Error(
            bilingual(
              `${year} 年度结果中没有区县 ${district}`,
              `the ${year} results have no district ${district}`,
            ),
          );
        const data = {
          year,
          results: stored.results,
          rates: chart === 'responseRateBars' ? await responseRates(store, year) : [],
          dimensionNames: await residentDimensionNames(store, year),
        };
        const svg = standaloneSvgOf((document) =>
          chartRegistry[chart]!.draw(data, { district: district ?? null, width, document }),
        );
        const partial = `${out}.${process.pid}.partial`;
        await writeFile(partial, format === 'png' ? await svgToPng(svg) : svg);
        await rename(partial, out);
        console.log(
          bilingual(
            `已绘制 ${year} 年度「${chartRegistry[chart]!.title}」:${out}`,
            `drew ${year} ${chartRegistry[chart]!.titleEn}: ${out}`,
          ),
        );
      }),
    );
}

/** A chart width between 320 and 2400 pixels. */
function parseWidth(value: string): number {
  const width = Number(value);
  if (!Number.isInteger(width) || width < 320 || width > 2400)
    throw new InvalidArgumentError(
      bilingual('宽度应为 320–2400 之间的整数', 'a width between 320 and 2400'),
    );
  return width;
}
