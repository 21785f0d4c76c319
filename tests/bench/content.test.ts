import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import {
  escapeMdxText,
  generateContent,
  markdownFileOf,
  mdxFileOf,
  pathOf,
  seededRandom,
  starlightHeadingId,
  starlightMdxFileOf,
  type GeneratedPage,
  type ScreenshotInfo,
} from '../../scripts/lib/bench/content.ts';
import { writeContent } from '../../scripts/lib/bench/projects.ts';
import { readScreenshots } from '../../scripts/lib/bench/screenshots.ts';
import { readOriginalSearchWords } from '../../scripts/lib/bench/search-words.ts';

const root = resolve(import.meta.dirname, '../..');
const text = (s: string) => ({ nb: s, nn: s, en: s });
const shots: ScreenshotInfo[] = [
  { name: 'velg-buypass-id', alt: text('Velg Buypass ID'), regions: [{ name: 'app', label: text('App') }, { name: 'fortsett', label: text('Fortsett') }] },
  { name: 'sikkerhetskode', alt: text('Sikkerhetskode'), regions: [{ name: 'sikkerhetskode', label: text('Koden') }] },
];

/**
 * The words of a Starlight page, its syntax left out: frontmatter, the import line, the
 * <Steps> tags, and an aside's markers (`:::note[Title]` or `<Aside type="note" title="Title">`)
 * down to its title. What is left must be the same in the Markdown and the MDX rendering.
 */
function wordsOf(text: string): string[] {
  const body = text
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^import .*$/gm, '')
    .replace(/<\/?Steps>/g, '')
    .replace(/<Aside type="[a-z]+" title="([^"]*)">/g, '$1')
    .replace(/<\/Aside>/g, '')
    .replace(/:::[a-z]+\[([^\]]*)\]/g, '$1')
    .replace(/:::/g, '');
  return body.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The lines between <Steps> and </Steps> of a Starlight MDX page, each list. */
function stepsBlocks(page: GeneratedPage): string[][] {
  return [...page.starlightMdx.matchAll(/<Steps>\n([\s\S]*?)\n<\/Steps>/g)].map((m) => m[1]!.split('\n'));
}

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

  it('writes the same pages as Starlight MDX: an ordered list inside <Steps>, notes as <Aside>, images of src/assets', () => {
    for (const page of pages) {
      expect(page.starlightMdx).not.toMatch(/<(Step|Screenshot|Callout|Label)\b/);
      expect(page.starlightMdx).not.toMatch(/^\s*:::/m);
      // Each component it uses is imported, and nothing else.
      const imported = /^import \{ ([A-Za-z, ]+) \} from '@astrojs\/starlight\/components';$/m.exec(page.starlightMdx)?.[1]?.split(', ') ?? [];
      for (const name of ['Steps', 'Aside']) expect(imported.includes(name), `${page.path} ${name}`).toBe(page.starlightMdx.includes(`<${name}`));
      // <Steps> holds one ordered list: blank lines around it, every line an item ("1. **title**"), a blank line or indented into an item.
      const blocks = stepsBlocks(page);
      expect(blocks).toHaveLength(1);
      const [block] = blocks;
      expect(block![0]).toBe('');
      expect(block![1]).toMatch(/^1\. \*\*[^*]+\*\*$/);
      expect(block![block!.length - 1]).toBe('');
      for (const line of block!) expect(line === '' || line.startsWith('1. **') || line.startsWith('   '), line).toBe(true);
      expect(block!.filter((l) => l.startsWith('1. ')).length).toBe(page.mdx.split('<Step ').length - 1);
      // The same asides as the Markdown rendering, in the same order.
      const asides = [...page.starlightMdx.matchAll(/<Aside type="([a-z]+)" title="([^"]*)">/g)].map((m) => `${m[1]} ${m[2]}`);
      const markdownAsides = [...page.markdown.matchAll(/:::([a-z]+)\[([^\]]*)\]/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(asides).toEqual(markdownAsides);
      expect(page.starlightMdx.match(/<\/Aside>/g)?.length ?? 0).toBe(asides.length);
      // Images: Markdown images of src/assets files, the same ones as the Markdown rendering.
      const images = [...page.starlightMdx.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
      for (const src of images) {
        expect(posix.normalize(posix.join(posix.dirname(starlightMdxFileOf(page)), src))).toMatch(/^src\/assets\/screenshots\/[a-z-]+\.png$/);
      }
      expect(images).toEqual([...page.markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!));
      expect(images).toHaveLength(page.mdx.split('<Screenshot ').length - 1);
      // The same words as the Markdown rendering, in the same order.
      expect(wordsOf(page.starlightMdx)).toEqual(wordsOf(page.markdown));
    }
    const all = pages.map((p) => p.starlightMdx).join('\n');
    for (const type of ['note', 'tip', 'caution', 'danger']) expect(all).toContain(`<Aside type="${type}"`);
  });

  it('escapes what MDX would read as code or a tag in the screenshots’ texts, and keeps the words', () => {
    const odd: ScreenshotInfo[] = [{ name: 'velg-buypass-id', alt: text('Skjermen {a} <b>'), regions: [{ name: 'app', label: text('Knappen <Fortsett>') }] }];
    const some = generateContent({ pagesPerLocale: 6, seed: 2, screenshots: odd });
    const withImage = some.find((p) => p.starlightMdx.includes('!['))!;
    expect(withImage.starlightMdx).toContain('![Skjermen \\{a\\} \\<b\\>]');
    expect(withImage.starlightMdx).not.toMatch(/Skjermen \{a\}/);
    expect(withImage.markdown).toContain('![Skjermen {a} <b>]');
    expect(wordsOf(withImage.starlightMdx)).toEqual(wordsOf(withImage.markdown));
    expect(escapeMdxText('a {b} <c> \\')).toBe('a \\{b\\} \\<c\\> \\\\');
  });

  it('puts files where each project reads them', () => {
    const page = pages.find((p) => p.locale === 'nn' && p.slug === 'emne-0003')!;
    expect(mdxFileOf(page)).toBe('src/content/guides/nn/emne-0003.mdx');
    expect(markdownFileOf(page)).toBe('src/content/docs/nn/emne-0003.md');
    expect(starlightMdxFileOf(page)).toBe('src/content/docs/nn/emne-0003.mdx');
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

describe('the generated guide in a copy of the project', () => {
  it('passes the project’s own source checks (words, translations), with synonyms that hold for it', () => {
    const work = mkdtempSync(join(tmpdir(), 'bench-content-'));
    try {
      const ours = join(work, 'ours');
      for (const entry of ['src', 'public', 'scripts', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(ours, entry), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(ours, 'node_modules'));
      const pages = generateContent({ pagesPerLocale: 12, seed: 5, screenshots: readScreenshots(root) });
      writeContent(pages, { ours, starlight: join(work, 'starlight'), starlightMdx: join(work, 'starlight-mdx'), oursSearchWords: readOriginalSearchWords(ours) });
      // As an editor runs it: not under Vitest's NODE_ENV=test.
      const env = { ...process.env };
      delete env.NODE_ENV;
      const check = spawnSync(process.execPath, ['scripts/check.ts', '--source-only'], { cwd: ours, encoding: 'utf8', env });
      expect(check.stdout + check.stderr).toMatch(/✔ No problems/);
      expect(check.status).toBe(0);
      // Every translation is recorded as up to date with its Bokmål page.
      expect(readFileSync(join(ours, 'src/content/translations/nn/emne-0001.yaml'), 'utf8')).toContain('source: src/content/guides/nb/emne-0001.mdx');
      // The synonyms kept lead to words the generated pages have; the real guide's others are gone.
      const nn = readFileSync(join(ours, 'src/search/nn.yaml'), 'utf8');
      expect(nn).toContain('ignore: [');
      expect(nn).not.toContain('"fjerntilgang"');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
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
