/** What every results chart accepts besides its rows. */
export interface ChartOptions {
  /** Width in pixels; default 640. */
  width?: number;
  /** Replaces the default title, e.g. to name the year. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
  /** The document to build in; the browser's by default, linkedom's in Node. */
  document?: Document;
}

/** The width a chart is drawn at when none is given. */
export const defaultWidth = 640;
