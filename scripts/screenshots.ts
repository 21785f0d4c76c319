/**
 * Renders the login-screen mockups in scripts/screenshots/mockups/<name>.html to
 * public/screenshots/<name>.png at twice their CSS size, and writes each
 * `data-region` element's position into the `box` of the same region in
 * src/content/screenshots/<name>.yaml (everything else in that file is kept). A box placed
 * by hand is kept, with a line that says so (scripts/lib/screenshot-boxes.ts): the PNG records
 * the boxes written, and only a box that still equals its record follows the mockup.
 *
 *   npm run screenshots -- velg-buypass-id                   only the screens named
 *   npm run screenshots -- --all                             every screen
 *   npm run screenshots -- --reset-boxes velg-buypass-id     the mockup's boxes, also over boxes placed by hand
 *   npm run screenshots -- --accept-size-change velg-buypass-id
 *                                                            also when the PNG would change size
 *
 * With no screen named it only prints this usage and the screens (exit 0): another machine's
 * fonts redraw every screen a little differently. A screen whose PNG would change size is not
 * written, neither PNG nor YAML, unless --accept-size-change: then every region of that
 * screen is listed, to check in the region picker (/_editor/regions/ of `npm run dev`).
 *
 * The PNGs are committed, so building the site never needs Chromium for them.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { LineIndex } from '../src/guide/source-text.ts';
import { parseYaml } from '../src/guide/yaml-source.ts';
import { PIXEL_RATIO, SCREENSHOT_DIR } from '../src/lib/images.ts';
import type { Problem } from '../src/lib/checks/problems.ts';
import { ChromiumNotFoundError, launchChromium } from './lib/chromium.ts';
import { keptMessage, mergeBoxes, recordedBoxes, withRecordedBoxes, type Box, type KeptBox, type WrittenBox } from './lib/screenshot-boxes.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MOCKUP_DIR = 'scripts/screenshots/mockups';
const DESCRIPTION_DIR = 'src/content/screenshots';
/** CSS px added around each region, so a callout frames the element instead of covering its edge. */
const REGION_MARGIN = 4;
/** Wide and tall enough for any mockup; only the `.screen` element is captured. */
const VIEWPORT = { width: 800, height: 1400 };

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Measured {
  screens: number;
  screen: Rect;
  regions: { name: string; inside: boolean; rect: Rect }[];
}

/** A problem with one screenshot, reported in source terms; the run goes on with the others. */
class ScreenshotProblem extends Error {
  override name = 'ScreenshotProblem';
}

const mockupPath = (name: string) => `${MOCKUP_DIR}/${name}.html`;
const pngPath = (name: string) => `${SCREENSHOT_DIR}/${name}.png`;
const yamlPath = (name: string) => `${DESCRIPTION_DIR}/${name}.yaml`;

function availableScreens(): string[] {
  return readdirSync(join(ROOT, MOCKUP_DIR))
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.slice(0, -'.html'.length))
    .sort();
}

/** A region's box in the PNG's pixels, widened by REGION_MARGIN and kept inside the image. */
function regionBox(rect: Rect, screen: Rect, size: { width: number; height: number }): Box {
  const left = Math.max(0, rect.left - screen.left - REGION_MARGIN);
  const top = Math.max(0, rect.top - screen.top - REGION_MARGIN);
  const right = Math.min(size.width, rect.right - screen.left + REGION_MARGIN);
  const bottom = Math.min(size.height, rect.bottom - screen.top + REGION_MARGIN);
  const px = (css: number) => Math.round(css * PIXEL_RATIO);
  return [px(left), px(top), px(right) - px(left), px(bottom) - px(top)];
}

async function measure(browser: Browser, name: string): Promise<{ png: Buffer; width: number; height: number; boxes: Map<string, Box> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: PIXEL_RATIO });
  try {
    // The mockups are self-contained; refusing every other request keeps the render offline.
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(ROOT, mockupPath(name))).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    const measured: Measured = await page.evaluate(() => {
      const toRect = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
      };
      const screens = document.querySelectorAll('.screen');
      const screen = screens[0];
      return {
        screens: screens.length,
        screen: screen ? toRect(screen) : { left: 0, top: 0, right: 0, bottom: 0 },
        regions: [...document.querySelectorAll('[data-region]')].map((el) => ({
          name: el.getAttribute('data-region') ?? '',
          inside: screen?.contains(el) ?? false,
          rect: toRect(el),
        })),
      };
    });

    if (measured.screens !== 1) {
      throw new ScreenshotProblem(`${mockupPath(name)}  has ${measured.screens} elements with class="screen"; it needs exactly one (the part that is captured)`);
    }
    const { screen } = measured;
    const size = { width: Math.round(screen.right - screen.left), height: Math.round(screen.bottom - screen.top) };
    if (screen.left !== Math.round(screen.left) || screen.top !== Math.round(screen.top)) {
      throw new ScreenshotProblem(`${mockupPath(name)}  .screen starts at ${screen.left},${screen.top}; place it on whole CSS pixels (body margin 0)`);
    }

    const boxes = new Map<string, Box>();
    for (const { name: region, inside, rect } of measured.regions) {
      if (!/^[a-z0-9-]+$/.test(region)) {
        throw new ScreenshotProblem(`${mockupPath(name)}  data-region="${region}" is not a region name: use a-z, 0-9 and -`);
      }
      if (!inside) {
        throw new ScreenshotProblem(`${mockupPath(name)}  data-region="${region}" is outside the .screen element, so it is not in the screenshot`);
      }
      if (boxes.has(region)) {
        throw new ScreenshotProblem(`${mockupPath(name)}  data-region="${region}" is used twice; each region marks one element`);
      }
      if (rect.right <= rect.left || rect.bottom <= rect.top) {
        throw new ScreenshotProblem(`${mockupPath(name)}  data-region="${region}" marks an element with no size`);
      }
      boxes.set(region, regionBox(rect, screen, size));
    }

    const raw = await page.screenshot({
      clip: { x: screen.left, y: screen.top, width: size.width, height: size.height },
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
    });
    // Flat UI colours fit a 256-colour palette without visible loss and shrink the file several times.
    const png = await sharp(raw)
      .removeAlpha()
      .png({ palette: true, colours: 256, quality: 100, dither: 0, compressionLevel: 9, effort: 10 })
      .toBuffer();
    return { png, width: size.width * PIXEL_RATIO, height: size.height * PIXEL_RATIO, boxes };
  } finally {
    await context.close();
  }
}

/**
 * Writes the measured boxes into the screenshot's YAML, keeping its comments, alt texts and
 * labels, and every box placed by hand unless `reset` (see mergeBoxes).
 */
function updateDescription(
  name: string,
  boxes: Map<string, Box>,
  recorded: Map<string, Box> | undefined,
  reset: boolean,
): { text: string; changed: boolean; kept: KeptBox[] } {
  const file = yamlPath(name);
  const absolute = join(ROOT, file);
  if (!existsSync(absolute)) {
    throw new ScreenshotProblem(
      `${file}  does not exist: create it with alt (nb, nn, en) and the regions ${[...boxes.keys()].join(', ') || '(none)'} of ${mockupPath(name)}, each with a label`,
    );
  }
  const before = readFileSync(absolute, 'utf8');
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(before, { lineCounter });
  if (doc.errors.length > 0) {
    // In the words of `npm run check` (a key written twice: which, and on which lines).
    const found: Problem[] = [];
    parseYaml(before, 0, new LineIndex(file, before), 'screenshot/invalid-data', 'this file', found);
    const lines = found.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}  ${p.message}`);
    throw new ScreenshotProblem(lines.join('\n') || `${file}  is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }

  const regions = doc.get('regions', true);
  const declared = new Map<string, number>();
  const written = new Map<string, WrittenBox>();
  const values = doc.toJS() as { regions?: Record<string, { box?: unknown } | null> };
  if (isMap(regions)) {
    for (const pair of regions.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
      declared.set(key, lineCounter.linePos(offset).line);
      const box = doc.getIn(['regions', key, 'box'], true) as { range?: number[] } | undefined;
      written.set(key, { box: values.regions?.[key]?.box, line: lineCounter.linePos(box?.range?.[0] ?? offset).line });
    }
  } else if (regions !== undefined && regions !== null) {
    throw new ScreenshotProblem(`${file}  "regions" must be a mapping of region names to { box, label }`);
  }

  const problems: string[] = [];
  for (const [region, line] of declared) {
    if (!boxes.has(region)) {
      problems.push(`${file}:${line}  region "${region}" has no element with data-region="${region}" in ${mockupPath(name)}: mark the element, or remove the region`);
    }
  }
  for (const region of boxes.keys()) {
    if (!declared.has(region)) {
      problems.push(`${mockupPath(name)}  data-region="${region}" is not a region in ${file}: add it there with a label in nb, nn and en`);
    }
  }
  if (problems.length > 0) throw new ScreenshotProblem(problems.join('\n'));

  const { write, kept } = mergeBoxes(written, boxes, recorded, reset);
  if (write.size === 0) return { text: before, changed: false, kept };
  for (const [region, box] of write) {
    const node = doc.createNode(box);
    node.flow = true;
    doc.setIn(['regions', region, 'box'], node);
  }
  // Keep long alt texts and labels on one line and boxes as `[l, t, w, h]`, as editors write them.
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return { text, changed: text !== before, kept };
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pixelSize = ({ width, height }: { width: number; height: number }) => `${width}×${height} px`;

const OPTIONS = {
  all: '--all',
  reset: '--reset-boxes',
  acceptSize: '--accept-size-change',
  help: '--help',
} as const;

function usage(screens: string[]): string {
  const forms: [string, string][] = [
    ['<screen> …', 'the screens named'],
    [OPTIONS.all, 'every screen'],
    [`${OPTIONS.reset} <screen> …`, "the mockup's boxes, also over boxes placed by hand"],
    [`${OPTIONS.acceptSize} <screen> …`, 'also when the PNG changes size (then check its regions)'],
  ];
  const width = Math.max(...forms.map(([form]) => form.length));
  return [
    'Name the screens to draw again (another machine may draw every screen a little differently):',
    ...forms.map(([form, what]) => `  npm run screenshots -- ${form.padEnd(width)}   ${what}`),
    `The screens (${MOCKUP_DIR}/<screen>.html): ${screens.join(', ')}`,
  ].join('\n');
}

/** The PNG's size in pixels, or undefined when there is none (or it cannot be read, so there is nothing to keep). */
async function pngSize(png: Buffer | undefined): Promise<{ width: number; height: number } | undefined> {
  if (!png) return undefined;
  try {
    const { width, height } = await sharp(png).metadata();
    return { width, height };
  } catch {
    return undefined;
  }
}

/** Writes every file to a temporary name first, then renames them, so a failed write leaves no half-written pair. */
function writeTogether(files: { path: string; content: string | Buffer }[]): void {
  const temporary = files.map(({ path }) => `${join(ROOT, path)}.${process.pid}.tmp`);
  try {
    files.forEach(({ content }, i) => writeFileSync(temporary[i]!, content));
  } catch (error) {
    for (const path of temporary) rmSync(path, { force: true });
    throw error;
  }
  files.forEach(({ path }, i) => renameSync(temporary[i]!, join(ROOT, path)));
}

async function main(args: string[]): Promise<number> {
  const known = availableScreens();
  if (args.includes(OPTIONS.help)) {
    console.log(usage(known));
    return 0;
  }
  const options = new Set<string>(Object.values(OPTIONS));
  const unknownOptions = args.filter((arg) => arg.startsWith('-') && !options.has(arg));
  if (unknownOptions.length > 0) {
    console.error(`${unknownOptions.map((o) => `"${o}"`).join(', ')} is not an option of npm run screenshots\n${usage(known)}`);
    return 2;
  }
  const all = args.includes(OPTIONS.all);
  const reset = args.includes(OPTIONS.reset);
  const acceptSizeChange = args.includes(OPTIONS.acceptSize);
  const named = args.filter((arg) => !options.has(arg));
  if (named.length === 0 && !all) {
    // A list, asked for: nothing drawn, nothing failed.
    console.log(usage(known));
    return 0;
  }
  if (named.length > 0 && all) {
    console.error(`${OPTIONS.all} draws every screen: name screens, or write ${OPTIONS.all}, not both\n${usage(known)}`);
    return 2;
  }
  const requested = all ? known : [...new Set(named)];
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    // A mistake in the command, as an unknown option is.
    console.error(`No mockup for ${unknown.map((n) => `"${n}"`).join(', ')} in ${MOCKUP_DIR}; screens are: ${known.join(', ')}`);
    return 2;
  }

  let browser: Browser;
  try {
    browser = await launchChromium(undefined, ['--force-color-profile=srgb']);
  } catch (error) {
    if (error instanceof ChromiumNotFoundError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const problems: string[] = [];
  try {
    for (const name of requested) {
      try {
        const { png, width, height, boxes } = await measure(browser, name);
        const existing = existsSync(join(ROOT, pngPath(name))) ? readFileSync(join(ROOT, pngPath(name))) : undefined;
        const before = await pngSize(existing);
        const resized = before !== undefined && (before.width !== width || before.height !== height);
        if (resized && !acceptSizeChange) {
          throw new ScreenshotProblem(
            `${pngPath(name)}  would change size, ${pixelSize(before)} → ${pixelSize({ width, height })}, so neither it nor ${yamlPath(name)} was written: ` +
              `this machine most likely draws the fonts of ${mockupPath(name)} differently from the one the screenshots were made on. ` +
              `Run npm run screenshots -- ${name} there, or run npm run screenshots -- ${OPTIONS.acceptSize} ${name} and then check every region of ${name} in the region picker (npm run dev, then /_editor/regions/)`,
          );
        }
        // What the PNG about to be replaced says this command wrote last time.
        const previous = existing ? recordedBoxes(existing) : undefined;
        const description = updateDescription(name, boxes, previous, reset);
        const recorded = withRecordedBoxes(png, boxes);
        writeTogether([{ path: pngPath(name), content: recorded }, ...(description.changed ? [{ path: yamlPath(name), content: description.text }] : [])]);
        const regions = `${boxes.size} region${boxes.size === 1 ? '' : 's'}`;
        console.log(`${pngPath(name)}  ${pixelSize({ width, height })}  ${kilobytes(recorded.length)}  ${regions}${description.changed ? ', boxes updated' : ''}`);
        for (const kept of description.kept) console.log(keptMessage(yamlPath(name), name, kept));
        if (resized) {
          console.log(
            `${pngPath(name)}  changed size, ${pixelSize(before)} → ${pixelSize({ width, height })}: check the box of every region of ${name} in the region picker (npm run dev, then /_editor/regions/): ${[...boxes.keys()].join(', ')}`,
          );
        }
      } catch (error) {
        if (!(error instanceof ScreenshotProblem)) throw error;
        problems.push(error.message);
      }
    }
  } finally {
    await browser.close();
  }

  if (problems.length > 0) {
    console.error(problems.join('\n'));
    const count = problems.join('\n').split('\n').length;
    console.error(`✖ ${count} problem${count === 1 ? '' : 's'}; the screenshots with problems were not written`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
