import { posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { generateContent, markdownFileOf, mdxFileOf, pathOf, seededRandom, starlightHeadingId, type ScreenshotInfo } from '../../scripts/lib/bench/content.ts';
import { readScreenshots } from '../../scripts/lib/bench/screenshots.ts';

const root = resolve(import.meta.dirname, '../..');
const text = (s: string) => ({ nb: s, nn: s, en: s });
const shots: ScreenshotInfo[] = [
  { name: 'velg-buypass-id', alt: text('Velg Buypass ID'), regions: [{ name: 'app', label: text('App') }, { name: 'fortsett', label: text('Fortsett') }] },
  { name: 'sikkerhetskode', alt: text('Sikkerhetskode'), regions: [{ name: 'sikkerhetskode', label: text('Koden') }] },
];

describe('the benchmark content generator', () => {
  const pages = generateContent({ pagesPerLocale: 25, seed: 3, screenshots: shots });

  it('writes N pages in every locale, with the same slugs in each', () => {
    for (const locale of locales) {
      const slugs = pages.filter((p) => p.locale === locale).map((p) => p.slug);
      expect(slugs).toHaveLength(25);
      expect(new Set(slugs).size).toBe(25);
      expect(slugs).toContain('index');
    }
    expect(pages.filter((p) => p.locale === 'nn').map((p) => p.slug)).toEqual(pages.filter((p) => p.locale === 'nb').map((p) => p.slug));
  });

  it('is the same for the same seed and different for another', () => {
    expect(generateContent({ pagesPerLocale: 25, seed: 3, screenshots: shots })).toEqual(pages);
    expect(generateContent({ pagesPerLocale: 25, seed: 4, screenshots: shots })).not.toEqual(pages);
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('links only to pages and steps that exist, in the page’s own locale', () => {
    const byPath = new Map(pages.map((p) => [p.path, p]));
    let links = 0;
    for (const page of pages) {
      for (const [, href] of page.mdx.matchAll(/\]\((\/[^)]*)\)/g)) {
        links++;
        const [path, fragment] = href!.split('#') as [string, string | undefined];
        const target = byPath.get(path);
        expect(target, `${page.path} links to ${href}`).toBeDefined();
        expect(target!.locale).toBe(page.locale);
        if (fragment) expect(target!.mdx).toContain(`id="${fragment}"`);
      }
      for (const [, href] of page.markdown.matchAll(/\]\((\/[^)]*)\)/g)) {
        const [path, fragment] = href!.split('#') as [string, string | undefined];
        expect(byPath.get(path)?.locale).toBe(page.locale);
        if (fragment) {
          const headings = [...byPath.get(path)!.markdown.matchAll(/^## (.+)$/gm)].map((m) => starlightHeadingId(m[1]!));
          expect(headings).toContain(fragment);
        }
      }
    }
    expect(links).toBeGreaterThan(25 * 3 * 2 - 1);
  });

  it('uses the guide’s components, with translations for labels on English pages', () => {
    const nb = pages.find((p) => p.locale === 'nb' && p.slug !== 'index')!;
    expect(nb.mdx).toMatch(/^---\ntitle: ".+"\ndescription: ".+"\n(method: [a-z-]+\n)?order: \d+\n/);
    expect(nb.mdx).toContain('<Steps level={3}>');
    expect(nb.mdx).toMatch(/<Step title="[^"]+" id="steg-1">/);
    const all = pages.map((p) => p.mdx).join('\n');
    expect(all).toMatch(/<Screenshot src="(velg-buypass-id|sikkerhetskode)"/);
    expect(all).toMatch(/<Callout type="(note|tip|warning|error)" title="[^"]+">/);
    for (const page of pages.filter((p) => p.locale === 'en')) {
      expect(page.mdx).not.toMatch(/<Label>/);
    }
    for (const page of pages.filter((p) => p.locale !== 'en')) {
      expect(page.mdx).not.toMatch(/<Label translation=/);
    }
    const regions = new Map(shots.map((s) => [s.name, s.regions.map((r) => r.name)]));
    for (const [, name, list] of all.matchAll(/<Screenshot src="([^"]+)"(?: regions=\{\[([^\]]*)\]\})? \/>/g)) {
      expect(regions.has(name!)).toBe(true);
      for (const region of (list ?? '').split(',').map((r) => r.trim().replaceAll("'", '')).filter(Boolean)) {
        expect(regions.get(name!)).toContain(region);
      }
    }
  });

  it('writes the same content as plain Markdown for Starlight, with images that resolve from each file', () => {
    for (const page of pages) {
      expect(page.markdown).not.toMatch(/<(Steps|Step|Screenshot|Callout|Label)\b/);
      const file = markdownFileOf(page);
      for (const [, src] of page.markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        expect(posix.normalize(posix.join(posix.dirname(file), src!))).toMatch(/^src\/assets\/screenshots\/[a-z-]+\.png$/);
      }
      const opened = page.markdown.match(/^\s*:::(note|tip|caution|danger)\[/gm)?.length ?? 0;
      const closed = page.markdown.match(/^\s*:::$/gm)?.length ?? 0;
      expect(opened).toBe(closed);
    }
    const en = pages.find((p) => p.locale === 'en' && /\*\*[^*]+\*\* \(/.test(p.markdown));
    expect(en, 'English labels carry their translation').toBeDefined();
  });

  it('puts files where each project reads them', () => {
    const page = pages.find((p) => p.locale === 'nn' && p.slug === 'emne-0003')!;
    expect(mdxFileOf(page)).toBe('src/content/guides/nn/emne-0003.mdx');
    expect(markdownFileOf(page)).toBe('src/content/docs/nn/emne-0003.md');
    expect(markdownFileOf(pages.find((p) => p.locale === 'nb' && p.slug === 'index')!)).toBe('src/content/docs/index.md');
    expect(pathOf('nb', 'index')).toBe('/');
    expect(pathOf('en', 'emne-0003')).toBe('/en/emne-0003/');
  });

  it('makes heading ids the way Starlight does', () => {
    expect(starlightHeadingId('Slik gjør du det')).toBe('slik-gjør-du-det');
    expect(starlightHeadingId('Fungerte det ikke?')).toBe('fungerte-det-ikke');
  });

  it('refuses sizes it cannot build', () => {
    expect(() => generateContent({ pagesPerLocale: 1, seed: 1, screenshots: shots })).toThrow(/at least 2/);
    expect(() => generateContent({ pagesPerLocale: 5, seed: 1, screenshots: [] })).toThrow(/screenshot/);
  });
});

describe('reading the screenshot descriptions', () => {
  it('reads every screenshot of the project with alt texts and region labels in each locale', () => {
    const all = readScreenshots(root);
    expect(all.length).toBeGreaterThan(0);
    for (const shot of all) {
      for (const locale of locales) expect(shot.alt[locale]).toBeTruthy();
      for (const region of shot.regions) for (const locale of locales) expect(region.label[locale]).toBeTruthy();
    }
  });
});
