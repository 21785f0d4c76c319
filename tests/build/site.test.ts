import { getCollection } from 'astro:content';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { localeTags, locales, useTranslations, type Locale } from '../../src/i18n/index.ts';
import { pagePath } from '../../src/guide/routing.ts';
import { projectRoot } from '../support/astro-process.ts';
import { loadTrusts, TEMPLATE_TRUST } from '../../src/guide/trusts.ts';
import { siteAt, type BuiltSite } from '../support/built-site.ts';

const guidesDir = join(projectRoot, 'src/content/guides');

// The pages are whatever the editors have written: every Bokmål file that is not a draft.
const drafts = new Set((await getCollection('guides', (g) => g.data.draft)).map((g) => g.id));
const slugs = readdirSync(join(guidesDir, 'nb'))
  .filter((f) => f.endsWith('.mdx') && !drafts.has(`nb/${f.slice(0, -4)}`))
  .map((f) => f.slice(0, -4));
const pages = slugs.flatMap((slug) => locales.map((locale) => ({ slug, locale, path: pagePath(locale, slug) })));

let site: BuiltSite;
/** The guide's address on the template trust's intranet, from its file: the alternates are absolute. */
const siteUrl = loadTrusts(projectRoot, [TEMPLATE_TRUST]).trusts[0]!.values.siteUrl.value!;

beforeAll(() => {
  // The real site, built once for the whole run by tests/global-setup.ts.
  site = siteAt(inject('siteDir'));
});

afterAll(() => site?.remove());

describe('the built site: every page in every language', () => {
  test('there is at least a start page to check', () => {
    expect(slugs).toContain('index');
  });

  test.each(pages)('$path exists', ({ path }) => {
    expect(site.has(path), `${path} was not built`).toBe(true);
  });

  test.each(pages)('$path is marked as $locale', ({ path, locale }) => {
    expect(site.page(path).querySelector('html')?.getAttribute('lang')).toBe(localeTags[locale]);
  });

  test.each(pages)('$path tells search engines where its other languages are', ({ path, slug }) => {
    const links = site.page(path).querySelectorAll('head link[rel="alternate"][hreflang]');
    // Absolute, on the trust's intranet address (siteUrl in src/trusts/xxhf.yaml).
    const alternates = Object.fromEntries(links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]));
    expect(alternates).toEqual({
      ...Object.fromEntries(locales.map((l) => [localeTags[l], `${siteUrl}${pagePath(l, slug).slice(1)}`])),
      'x-default': `${siteUrl}${pagePath('nb', slug).slice(1)}`,
    });
  });

  test.each(pages)('$path names its own absolute address as canonical', ({ path }) => {
    const canonical = site.page(path).querySelectorAll('head link[rel="canonical"]').map((l) => l.getAttribute('href'));
    expect(canonical).toEqual([`${siteUrl}${path.slice(1)}`]);
  });

  test.each(pages)('the language picker on $path leads to the same page in each language', ({ path, slug, locale }) => {
    const picker = site.page(path).querySelectorAll('body a[hreflang]');
    expect(picker.map((a) => [a.getAttribute('hreflang'), a.getAttribute('href')])).toEqual(
      locales.map((l) => [localeTags[l], pagePath(l, slug)]),
    );
    expect(picker.filter((a) => a.getAttribute('aria-current')).map((a) => a.getAttribute('hreflang'))).toEqual([localeTags[locale]]);
  });

  test.each(pages)('every image on $path has an alt text, a width and a height', ({ path }) => {
    const images = site.page(path).querySelectorAll('img');
    const problems = images
      .filter((img) => !img.getAttribute('alt')?.trim() || !(Number(img.getAttribute('width')) > 0) || !(Number(img.getAttribute('height')) > 0))
      .map((img) => img.toString());
    expect(problems).toEqual([]);
  });

  test.each(pages)('on $path the first screenshot loads with the page and every later one when scrolled to', ({ path }) => {
    const loading = site.page(path).querySelectorAll('main figure.screenshot img').map((img) => img.getAttribute('loading'));
    expect(loading).toEqual(loading.map((_, i) => (i === 0 ? 'eager' : 'lazy')));
  });
});

describe('the built site: page not found', () => {
  // Astro writes the root 404 as 404.html and the others as <locale>/404/index.html.
  const notFound = (locale: Locale) =>
    [`${pagePath(locale, 'index')}404.html`, `${pagePath(locale, 'index')}404/`].find((path) => site.has(path));

  test.each(locales)('the %s not-found page exists, in its language, kept out of search engines', (locale) => {
    const path = notFound(locale);
    expect(path, `no 404 page for ${locale}`).toBeDefined();
    const page = site.page(path!);
    expect(page.querySelector('html')?.getAttribute('lang')).toBe(localeTags[locale]);
    expect(page.querySelector('h1')?.text).toBe(useTranslations(locale)('notFound.title'));
    expect(page.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
  });
});

describe('the content: the trust name comes from the site settings', () => {
  const mdxFiles = readdirSync(guidesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => `src/content/guides/${f.replaceAll('\\', '/')}`);

  test('no MDX file writes the placeholder "xxHF"; pages use <Setting name="trustName" /> instead', () => {
    const found = mdxFiles.flatMap((file) =>
      readFileSync(join(projectRoot, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.includes('xxHF') ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});

describe('editor tools', () => {
  test('the region picker and the status page exist only in the dev server, never in the built site', () => {
    expect(existsSync(join(site.outDir, '_editor'))).toBe(false);
    const files = readdirSync(site.outDir, { recursive: true }).map(String);
    expect(files.filter((f) => f.includes('_editor') || /RegionPicker|StatusPage/.test(f))).toEqual([]);
  });
});

describe('the search bundle', () => {
  test("publishes Pagefind's engine and each language's index, not its ready-made interfaces the site never loads", () => {
    const files = readdirSync(join(site.outDir, 'pagefind'));
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json', ...locales.map((l) => `wasm.${l}.pagefind`)]));
    expect(files.filter((f) => /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\./.test(f))).toEqual([]);
  });
});
