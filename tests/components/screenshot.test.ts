import { getCollection } from 'astro:content';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import Screenshot from '../../src/components/Screenshot.astro';
import { useTranslations } from '../../src/i18n/index.ts';
import { typesetText } from '../../src/guide/typography.ts';
import type { ScreenshotData } from '../../src/lib/schemas.ts';
import { editDistance } from '../../src/lib/suggest.ts';
import { pageContext, render, renderToString } from '../support/render.ts';

// The screenshots are the real ones in src/content/screenshots and public/screenshots,
// which editors replace; the expectations are read from them, not written here.
let screens: { name: string; data: ScreenshotData }[];
/** The screenshot with the most regions, and its regions in reverse file order. */
let screen: { name: string; data: ScreenshotData; regions: string[] };

beforeAll(async () => {
  screens = (await getCollection('screenshots')).map((e) => ({ name: e.id, data: e.data }));
  const richest = [...screens].sort((a, b) => Object.keys(b.data.regions).length - Object.keys(a.data.regions).length)[0]!;
  screen = { ...richest, regions: Object.keys(richest.data.regions).reverse() };
  expect(screen.regions.length, 'a screenshot with at least two regions').toBeGreaterThanOrEqual(2);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('<Screenshot>: the image', () => {
  test('shows the PNG at half its pixel size, with width and height set so the page does not jump', async () => {
    const png = await sharp(`public/screenshots/${screen.name}.png`).metadata();
    const img = (await render(Screenshot, { props: { src: screen.name }, page: pageContext() })).querySelector('img');
    expect(img?.getAttribute('width')).toBe(String(Math.round(png.width / 2)));
    expect(img?.getAttribute('height')).toBe(String(Math.round(png.height / 2)));
  });

  test.each(['nb', 'nn', 'en'] as const)('on a %s page the alt text is the one its YAML file gives for that language, its quotes and apostrophes set', async (locale) => {
    const img = (await render(Screenshot, { props: { src: screen.name }, page: pageContext({ locale }) })).querySelector('img');
    expect(img?.getAttribute('alt')).toBe(typesetText(screen.data.alt[locale], locale));
  });

  test('an English page showing the Norwegian original gets the Norwegian alt text', async () => {
    const page = pageContext({ locale: 'en', contentLocale: 'nb' });
    const img = (await render(Screenshot, { props: { src: screen.name }, page })).querySelector('img');
    expect(img?.getAttribute('alt')).toBe(screen.data.alt.nb);
  });

  test('an alt override replaces the alt text from the YAML file', async () => {
    const props = { src: screen.name, alt: 'Skjermen der du velger smartkort' };
    const img = (await render(Screenshot, { props, page: pageContext() })).querySelector('img');
    expect(img?.getAttribute('alt')).toBe('Skjermen der du velger smartkort');
  });

  test('the screenshot the build marks as a page\'s first loads with the page; the others load when scrolled to', async () => {
    const loading = async (props: Record<string, unknown>) =>
      (await render(Screenshot, { props: { src: screen.name, ...props }, page: pageContext() })).querySelector('img')?.getAttribute('loading');
    expect(await loading({ first: true })).toBe('eager');
    expect(await loading({})).toBe('lazy');
  });

  test('a caption is shown under the image', async () => {
    const html = await render(Screenshot, { props: { src: screen.name, caption: 'Slik ser skjermen ut.' }, page: pageContext() });
    expect(html.querySelector('figcaption')?.text).toContain('Slik ser skjermen ut.');
  });
});

describe('<Screenshot>: numbered markers over its regions', () => {
  const listed = async (locale: 'nb' | 'nn' | 'en', contentLocale = locale) => {
    const page = pageContext({ locale, contentLocale });
    const html = await render(Screenshot, { props: { src: screen.name, regions: screen.regions }, page });
    return html.querySelectorAll('figcaption ol > li');
  };

  test('the marked regions are listed as text in the order the page gives them', async () => {
    const items = await listed('nb');
    expect(items.map((li) => li.getAttribute('data-region'))).toEqual(screen.regions);
    expect(items.map((li) => li.querySelector('[aria-hidden="true"]')?.text)).toEqual(screen.regions.map((_, i) => String(i + 1)));
  });

  test.each(['nb', 'nn', 'en'] as const)('on a %s page each callout is read as "Marker n:" and its label in that language', async (locale) => {
    const t = useTranslations(locale);
    const items = await listed(locale);
    expect(items.map((li) => li.querySelector('.visually-hidden')?.text)).toEqual(
      screen.regions.map((_, i) => `${t('screenshot.markerNumber', { n: i + 1 })}: `),
    );
    expect(items.map((li) => li.text.trim())).toEqual(
      screen.regions.map((r) => expect.stringMatching(new RegExp(`${escape(typesetText(screen.data.regions[r]!.label[locale], locale))}$`))),
    );
  });

  test('an English page showing the Norwegian original labels the markers in Norwegian', async () => {
    const items = await listed('en', 'nb');
    expect(items.map((li) => li.text.trim())).toEqual(
      screen.regions.map((r) => expect.stringMatching(new RegExp(`${escape(typesetText(screen.data.regions[r]!.label.nb, 'nb'))}$`))),
    );
    expect(items[0]?.querySelector('.visually-hidden')?.text).toBe('Markering 1: ');
  });

  test('each number is drawn on the image too, hidden from screen readers who have the list', async () => {
    const html = await render(Screenshot, { props: { src: screen.name, regions: screen.regions }, page: pageContext() });
    const svg = html.querySelector('figure svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect(svg?.querySelectorAll('text').map((t) => t.text.trim())).toEqual(screen.regions.map((_, i) => String(i + 1)));
  });

  test('a screenshot that marks no region draws and lists none', async () => {
    const html = await render(Screenshot, { props: { src: screen.name }, page: pageContext() });
    expect(html.querySelectorAll('svg, ol')).toHaveLength(0);
  });
});

describe('<Screenshot>: mistakes an editor can make', () => {
  const page = pageContext({ sourceFile: 'src/content/guides/en/buypass-smartkort.mdx', path: '/en/buypass-smartkort/', locale: 'en' });

  test('a misspelt region is an error naming the page and the YAML file and suggesting the region', async () => {
    // A typo that is one letter from exactly one region.
    const region = screen.regions.find((r) => r.length >= 4 && screen.regions.every((o) => o === r || editDistance(r.slice(0, -1), o) > 1));
    expect(region, 'a region whose name a one-letter typo points to alone').toBeDefined();
    const typo = region!.slice(0, -1);
    const error = renderToString(Screenshot, { props: { src: screen.name, regions: [typo] }, page });
    await expect(error).rejects.toThrow('<Screenshot> in src/content/guides/en/buypass-smartkort.mdx (/en/buypass-smartkort/)');
    await expect(error).rejects.toThrow(`"${typo}" is not a region of "${screen.name}" (did you mean "${region}"?)`);
    await expect(error).rejects.toThrow(`(src/content/screenshots/${screen.name}.yaml)`);
  });

  test('a screenshot whose PNG is missing is an error naming the file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-screenshots-'));
    // The PNGs are looked up from the project root; point it at a folder without them.
    vi.spyOn(process, 'cwd').mockReturnValue(empty);
    try {
      await expect(renderToString(Screenshot, { props: { src: screen.name }, page })).rejects.toThrow(
        `<Screenshot> in src/content/guides/en/buypass-smartkort.mdx (/en/buypass-smartkort/): "${screen.name}" is not in public/screenshots: correct the name, or add the image`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a misspelt screenshot name is an error suggesting the screenshot, as the terminal\'s check does, not a file to add', async () => {
    // A typo one letter from exactly one screenshot: a letter left out, as in velg-bypass-id.
    const names = screens.map((s) => s.name);
    const meant = names.find((n) => n.length >= 6 && names.every((o) => o === n || editDistance(n, o) > 3));
    expect(meant, 'a screenshot whose name a one-letter typo points to alone').toBeDefined();
    const typo = `${meant!.slice(0, 5)}${meant!.slice(6)}`;
    const error = renderToString(Screenshot, { props: { src: typo }, page });
    await expect(error).rejects.toThrow(
      `<Screenshot> in src/content/guides/en/buypass-smartkort.mdx (/en/buypass-smartkort/): "${typo}" is not in public/screenshots (did you mean "${meant}"?)`,
    );
    await expect(error).rejects.not.toThrow('add src/content/screenshots');
  });

  test('a screenshot with its PNG and no YAML description is an error saying which file to add', async () => {
    const project = mkdtempSync(join(tmpdir(), 'no-description-'));
    mkdirSync(join(project, 'public/screenshots'), { recursive: true });
    copyFileSync(`public/screenshots/${screen.name}.png`, join(project, 'public/screenshots/velg-bankid.png'));
    vi.spyOn(process, 'cwd').mockReturnValue(project);
    try {
      await expect(renderToString(Screenshot, { props: { src: 'velg-bankid' }, page })).rejects.toThrow(
        '"velg-bankid" has no description: add src/content/screenshots/velg-bankid.yaml',
      );
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('an empty alt override is an error, since it would hide the image from screen readers', async () => {
    await expect(renderToString(Screenshot, { props: { src: screen.name, alt: ' ' }, page })).rejects.toThrow(
      '<Screenshot> in src/content/guides/en/buypass-smartkort.mdx (/en/buypass-smartkort/): alt is empty: write alt="what the screenshot is for"',
    );
  });

  test('a missing src is an error saying what to write', async () => {
    await expect(renderToString(Screenshot, { props: {}, page })).rejects.toThrow('<Screenshot> needs src="…"');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
