/**
 * Reads the project's screenshot descriptions (src/content/screenshots/<name>.yaml) for
 * the benchmark's content generator: alt texts and region labels per locale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locales, type Locale } from '../../../src/i18n/locales.ts';
import { parse } from 'yaml';
import type { ScreenshotInfo } from './content.ts';

type Tree = { [key: string]: Tree | string };

function localized(node: Tree | string | undefined, what: string): Record<Locale, string> {
  if (!node || typeof node === 'string') throw new Error(`${what} needs one text per locale`);
  return Object.fromEntries(
    locales.map((l) => {
      const text = node[l];
      if (typeof text !== 'string') throw new Error(`${what} has no ${l} text`);
      return [l, text];
    }),
  ) as Record<Locale, string>;
}

/** Every screenshot described in `<root>/src/content/screenshots/`, by name. */
export function readScreenshots(root: string): ScreenshotInfo[] {
  const dir = join(root, 'src/content/screenshots');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.yaml'.length);
      const tree = (parse(readFileSync(join(dir, file), 'utf8')) ?? {}) as Tree;
      const regions = tree.regions && typeof tree.regions !== 'string' ? tree.regions : {};
      return {
        name,
        alt: localized(tree.alt, `${file}: alt`),
        regions: Object.entries(regions).map(([region, data]) => ({
          name: region,
          label: localized(typeof data === 'string' ? undefined : data.label, `${file}: regions.${region}.label`),
        })),
      };
    });
}
