import type { APIRoute, GetStaticPaths } from 'astro';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { locales } from '../../i18n/locales.ts';
import { findScreenshot, renderVariant, SCREENSHOT_DIR, variantName, type ScreenshotFile } from '../../lib/images.ts';

/**
 * Every screenshot PNG (shared and per-locale overrides) as AVIF at 1× and 2×. The route's
 * file name ends in .avif so that the dev server, too, serves /img/<name>.avif without the
 * trailing slash the site's pages have.
 */
export const getStaticPaths = (async () => {
  const paths = [];
  const dir = join(process.cwd(), SCREENSHOT_DIR);
  const shared = readdirSync(dir).filter((f) => f.endsWith('.png'));
  const files: ScreenshotFile[] = [];
  for (const name of shared) files.push((await findScreenshot(name.slice(0, -4), 'nb'))!);
  for (const locale of locales) {
    let own: string[] = [];
    try {
      own = readdirSync(join(dir, locale)).filter((f) => f.endsWith('.png'));
    } catch {
      continue;
    }
    for (const name of own) files.push((await findScreenshot(name.slice(0, -4), locale))!);
  }
  for (const file of files) {
    for (const scale of [1, 2] as const) {
      paths.push({ params: { variant: variantName(file, scale).replace(/\.avif$/, '') }, props: { file, scale } });
      // Astro writes these files one after another; started now, the encodings share the cores.
      renderVariant(file, scale).catch(() => undefined);
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { file, scale } = props as { file: ScreenshotFile; scale: 1 | 2 };
  const body = await renderVariant(file, scale);
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': 'image/avif' } });
};
