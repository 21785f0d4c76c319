import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Locale } from '../i18n/locales.ts';

/** Where screenshot PNGs live, relative to the project. */
export const SCREENSHOT_DIR = 'public/screenshots';
/** Screenshots are rendered at twice their CSS size; the page shows them at half their pixels. */
export const PIXEL_RATIO = 2;
/** WebP quality for screenshots: text stays sharp and files stay well under the PNG. */
export const WEBP_QUALITY = 82;

export interface ScreenshotFile {
  /** Name without extension, e.g. `velg-buypass-id`. */
  name: string;
  /** Path of the PNG relative to `public/`, e.g. `screenshots/nn/velg-buypass-id.png`. */
  publicPath: string;
  absolutePath: string;
  /** Pixel size of the PNG (twice the CSS size). */
  width: number;
  height: number;
  /** Short content hash, so optimised files can be cached for ever. */
  hash: string;
}

const cache = new Map<string, ScreenshotFile>();

/**
 * Finds a screenshot's PNG, preferring a per-locale override
 * (`public/screenshots/<locale>/<name>.png`), and reads its true size.
 * Returns undefined when there is no such file.
 */
export async function findScreenshot(name: string, locale: Locale, root = process.cwd()): Promise<ScreenshotFile | undefined> {
  const candidates = [`screenshots/${locale}/${name}.png`, `screenshots/${name}.png`];
  const publicPath = candidates.find((p) => existsSync(join(root, 'public', p)));
  if (!publicPath) return undefined;
  const absolutePath = join(root, 'public', publicPath);
  const cached = cache.get(absolutePath);
  if (cached) return cached;
  const bytes = readFileSync(absolutePath);
  const meta = await sharp(bytes).metadata();
  const file: ScreenshotFile = {
    name,
    publicPath,
    absolutePath,
    width: meta.width,
    height: meta.height,
    hash: createHash('sha256').update(bytes).digest('hex').slice(0, 10),
  };
  cache.set(absolutePath, file);
  return file;
}

/** The optimised variants of a screenshot: WebP at 1× and 2×. */
export function variantName(file: ScreenshotFile, scale: 1 | 2): string {
  const stem = file.publicPath.replace(/^screenshots\//, '').replace(/\.png$/, '').replaceAll('/', '--');
  return `${stem}.${file.hash}.${scale}x.webp`;
}

export async function renderVariant(file: ScreenshotFile, scale: 1 | 2): Promise<Buffer> {
  const width = scale === PIXEL_RATIO ? file.width : Math.round(file.width / PIXEL_RATIO);
  return sharp(file.absolutePath).resize({ width }).webp({ quality: WEBP_QUALITY, effort: 5, smartSubsample: true }).toBuffer();
}
