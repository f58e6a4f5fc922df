import QRCode from 'qrcode';

/** Where a QR code goes on the page and how much damage it survives. */
export interface QrPlacement {
  x: number;
  y: number;
  /** Width and height, quiet zone excluded (leave white around it). */
  size: number;
  /** M (15%) for slips; Q (25%) for posters, which hang outdoors. */
  errorCorrection?: 'L' | 'M' | 'Q' | 'H';
}

/**
 * A QR code of `url` as an SVG element to place on a page: qrcode's own SVG, nested at the
 * given place and size. The link is our server's own address, never another host's.
 *
 * @example await qrCodeSvg('https://manyi.example.cn/s/C0101', { x: 45, y: 104, size: 120 })
 */
export async function qrCodeSvg(url: string, placement: QrPlacement): Promise<string> {
  const svg = await QRCode.toString(url, {
    type: 'svg',
    margin: 0,
    errorCorrectionLevel: placement.errorCorrection ?? 'M',
  });
  const viewBox = /viewBox="([\d .]+)"/.exec(svg)?.[1];
  const body = /^<svg[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg)?.[1];
  if (!viewBox || body === undefined) throw new Error('unexpected SVG from qrcode');
  const { x, y, size } = placement;
  return `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="${viewBox}" shape-rendering="crispEdges">${body}</svg>`;
}
