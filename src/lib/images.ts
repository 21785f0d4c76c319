import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Locale } from '../i18n/locales.ts';

/** Where screenshot PNGs live, relative to the project. */
export const SCREENSHOT_DIR = 'public/screenshots';
/** Screenshots are rendered at twice their CSS size; the page shows them at half their pixels. */
export const PIXEL_RATIO = 2;
/**
 * AVIF quality per scale. UI screenshots are flat colours that palette PNGs already
 * compress well (lossy WebP came out larger than the PNG); AVIF keeps text sharp at a
 * third of the PNG's bytes. The 2× image can take a lower quality: its pixels are half
 * the size on screen.
 */
export const AVIF_QUALITY: Record<1 | 2, number> = { 1: 48, 2: 27 };
/**
 * Encoder effort (0–9). At 2 the seven screenshots encode in about 2 s instead of 10 s at
 * the default 4; at these qualities the files are as small (31 % / 36 % of the PNG bytes)
 * and look the same.
 */
const AVIF_EFFORT = 2;
/** Encoded images are kept here between builds, keyed by the PNG's hash and the encoder settings. */
const CACHE_DIR = 'node_modules/.cache/guide-screenshots';

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
/** Where a screenshot's PNG may be, under public/screenshots, in the order they are preferred. */
export function screenshotCandidates(name: string, locale: Locale): string[] {
  return [`${locale}/${name}.png`, `${name}.png`];
}

export async function findScreenshot(name: string, locale: Locale, root = process.cwd()): Promise<ScreenshotFile | undefined> {
  const publicPath = screenshotCandidates(name, locale)
    .map((p) => `screenshots/${p}`)
    .find((p) => existsSync(join(root, 'public', p)));
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

/**
 * What a variant's bytes depend on: the PNG and the encoder settings. Its file name holds a
 * hash of it, so browsers that keep the images for a year get new ones when either changes.
 */
const variantKey = (file: ScreenshotFile, scale: 1 | 2) => `${file.hash}.q${AVIF_QUALITY[scale]}.e${AVIF_EFFORT}.${scale}x`;

/** The optimised variants of a screenshot: AVIF at 1× and 2×, named by content hash. */
export function variantName(file: ScreenshotFile, scale: 1 | 2): string {
  const stem = file.publicPath.replace(/^screenshots\//, '').replace(/\.png$/, '').replaceAll('/', '--');
  const hash = createHash('sha256').update(variantKey(file, scale)).digest('hex').slice(0, 10);
  return `${stem}.${hash}.${scale}x.avif`;
}

/** Each variant's encoding in this process, started once; the build starts them all at once. */
const encodings = new Map<string, Promise<Buffer>>();

/** A screenshot variant's AVIF bytes: from the cache between builds, else encoded (once per process). */
export function renderVariant(file: ScreenshotFile, scale: 1 | 2, root = process.cwd()): Promise<Buffer> {
  const cached = join(root, CACHE_DIR, `${variantKey(file, scale)}.avif`);
  let encoding = encodings.get(cached);
  if (!encoding) {
    encoding = encodeVariant(file, scale, cached);
    encodings.set(cached, encoding);
    // A failed encoding is tried again when asked for again.
    encoding.catch(() => encodings.delete(cached));
  }
  return encoding;
}

async function encodeVariant(file: ScreenshotFile, scale: 1 | 2, cached: string): Promise<Buffer> {
  if (existsSync(cached)) return readFileSync(cached);
  const width = scale === PIXEL_RATIO ? file.width : Math.round(file.width / PIXEL_RATIO);
  const image = await sharp(file.absolutePath).resize({ width }).avif({ quality: AVIF_QUALITY[scale], effort: AVIF_EFFORT }).toBuffer();
  mkdirSync(dirname(cached), { recursive: true });
  // Written beside and renamed into place: another build reading the cache never sees half a file.
  const partial = `${cached}.${process.pid}.partial`;
  writeFileSync(partial, image);
  renameSync(partial, cached);
  return image;
}
