import QRCode from 'qrcode';

const cache = new Map<string, string>();

/**
 * A QR code for `url` as SVG markup, made at build time (no network). Error
 * correction M survives a crease or a smudge on a printed page; the quiet zone of
 * four modules is what phone scanners expect.
 */
export async function qrSvg(url: string): Promise<string> {
  const cached = cache.get(url);
  if (cached) return cached;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  cache.set(url, svg);
  return svg;
}
