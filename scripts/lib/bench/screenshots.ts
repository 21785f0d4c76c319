/**
 * Reads the project's screenshot descriptions (src/content/screenshots/<name>.yaml) for
 * the benchmark's content generator: alt texts and region labels per locale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locales, type Locale } from '../../../src/i18n/locales.ts';
import type { ScreenshotInfo } from './content.ts';

type Tree = { [key: string]: Tree | string };

/**
 * Parses the YAML the screenshot files are written in: nested maps by two-space
 * indentation, plain or quoted scalars, comments. Flow lists (`box: [..]`) stay text.
 * Anything else is an error naming the line, so a new construct is not read wrongly.
 */
export function parseSimpleYaml(text: string, file = 'yaml'): Tree {
  const root: Tree = {};
  const stack: { indent: number; node: Tree }[] = [{ indent: -1, node: root }];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const match = /^( *)([A-Za-z0-9_-]+):(?: (.*))?$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: not a "key: value" line the benchmark can read: ${raw.trim()}`);
    const indent = match[1]!.length;
    const key = match[2]!;
    const value = match[3]?.trim();
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    if (value === undefined || value === '') {
      const child: Tree = {};
      parent[key] = child;
      stack.push({ indent, node: child });
    } else {
      parent[key] = unquote(value);
    }
  });
  return root;
}

function unquote(value: string): string {
  if (value.startsWith('"') && value.endsWith('"')) return JSON.parse(value) as string;
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  return value;
}

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
      const tree = parseSimpleYaml(readFileSync(join(dir, file), 'utf8'), file);
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
