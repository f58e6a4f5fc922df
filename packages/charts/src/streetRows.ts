import * as Plot from '@observablehq/plot';
import { labelMargin } from './textWidth.ts';

const rowHeight = 28;
/** More streets than this and the x axis is repeated above the rows. */
const tallRows = 12;

/** What `streetRows` gives a chart: its size and margins, its y scale, its first marks. */
export interface StreetRows {
  frame: {
    height: number;
    marginLeft: number;
    marginRight: number;
    marginTop: number;
    marginBottom: number;
  };
  y: Plot.ScaleOptions;
  axes: Plot.Markish[];
}

/**
 * The frame of a chart with one row per street (街道/乡镇), as the resident scores by street and
 * the streets side by side draw it, so both read alike: 28 px a row, the street names on the
 * left with room for the longest, a grid, the x axis at the bottom (and on top too for a long
 * list, in view without scrolling) and a rule along each row. `streets` in row order.
 */
export function streetRows(
  streets: readonly { code: string }[],
  labels: ReadonlyMap<string, string>,
  xLabel: string,
): StreetRows {
  return {
    frame: {
      height: 72 + Math.max(1, streets.length) * rowHeight,
      // room for the longest street name, and for the axis label above them
      marginLeft: labelMargin(labels.values(), 64),
      marginRight: 56,
      marginTop: 28,
      marginBottom: 40,
    },
    y: {
      label: '街道/乡镇',
      labelAnchor: 'top',
      labelArrow: false,
      domain: streets.map((s) => s.code),
      tickFormat: (code: string) => labels.get(code) ?? code,
      tickSize: 0,
    },
    axes: [
      Plot.gridX(),
      streets.length > tallRows ? Plot.axisX({ anchor: 'top', label: null }) : null,
      Plot.axisX({ anchor: 'bottom', label: xLabel, labelAnchor: 'right' }),
      Plot.ruleY(streets, { y: 'code', stroke: '#e5e7eb' }),
    ],
  };
}
