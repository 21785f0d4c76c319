import { describe, expect, test } from 'vitest';
import {
  alternates,
  neighbours,
  pagePath,
  parseGuideId,
  resolvePages,
  sortByOrder,
  withBase,
  withoutDrafts,
  type GuideSource,
} from '../../src/guide/routing.ts';

const entry = (id: string, order = 1): GuideSource<{ order: number }> => ({ id, data: { order } });

describe('pagePath: the URL of a page in each language', () => {
  test('Bokmål pages live at the site root', () => {
    expect(pagePath('nb', 'bankid')).toBe('/bankid/');
  });

  test('Nynorsk and English pages live under their language prefix', () => {
    expect(pagePath('nn', 'bankid')).toBe('/nn/bankid/');
    expect(pagePath('en', 'bankid')).toBe('/en/bankid/');
  });

  test('the start page is the root of each language', () => {
    expect(pagePath('nb', 'index')).toBe('/');
    expect(pagePath('nn', 'index')).toBe('/nn/');
    expect(pagePath('en', 'index')).toBe('/en/');
  });

  test('alternates list the same page in every language, Bokmål first', () => {
    expect(alternates('feilsoking')).toEqual([
      { locale: 'nb', path: '/feilsoking/' },
      { locale: 'nn', path: '/nn/feilsoking/' },
      { locale: 'en', path: '/en/feilsoking/' },
    ]);
  });
});

describe('withBase: URLs when the site is published under a sub-path', () => {
  test('a site at the domain root keeps its paths', () => {
    expect(withBase('/bankid/', '/')).toBe('/bankid/');
    expect(withBase('/', '/')).toBe('/');
  });

  test('a site under /veiledning/ prefixes every path once', () => {
    expect(withBase('/nn/bankid/', '/veiledning/')).toBe('/veiledning/nn/bankid/');
    expect(withBase('/', '/veiledning/')).toBe('/veiledning/');
  });

  test('a base written without its trailing slash gives the same URLs', () => {
    expect(withBase('/en/bankid/', '/veiledning')).toBe('/veiledning/en/bankid/');
  });
});

describe('resolvePages: every page in every language, with Bokmål as the fallback', () => {
  const entries = [entry('nb/index', 0), entry('nb/bankid', 5), entry('nn/index', 0), entry('en/index', 0), entry('en/bankid', 5)];
  const pages = resolvePages(entries);
  const find = (locale: string, slug: string) => pages.find((p) => p.locale === locale && p.slug === slug);

  test('each Bokmål page exists once in each of the three languages', () => {
    expect(pages.map((p) => `${p.locale}/${p.slug}`).sort()).toEqual(
      ['en/bankid', 'en/index', 'nb/bankid', 'nb/index', 'nn/bankid', 'nn/index'],
    );
  });

  test('a page missing in Nynorsk shows the Bokmål content, marked as a fallback', () => {
    const page = find('nn', 'bankid');
    expect(page?.entry.id).toBe('nb/bankid');
    expect(page?.contentLocale).toBe('nb');
    expect(page?.isFallback).toBe(true);
  });

  test('a translated page shows its own content and is not a fallback', () => {
    const page = find('en', 'bankid');
    expect(page?.entry.id).toBe('en/bankid');
    expect(page?.contentLocale).toBe('en');
    expect(page?.isFallback).toBe(false);
  });

  test('a page that exists only in Nynorsk is an error naming the file and the fix', () => {
    expect(() => resolvePages([entry('nb/index'), entry('nn/kun-nynorsk')])).toThrowErrorMatchingInlineSnapshot(`[Error: src/content/guides/nn/kun-nynorsk.mdx: this page has no nb original: add src/content/guides/nb/kun-nynorsk.mdx or rename the file to match an existing page]`);
  });

  test('a file outside a language folder is an error naming the file', () => {
    expect(() => parseGuideId('de/bankid')).toThrowErrorMatchingInlineSnapshot(`[Error: src/content/guides/de/bankid.mdx: a guide must be src/content/guides/<locale>/<slug>.mdx with locale one of nb, nn, en and a slug of a-z, 0-9 and -]`);
  });
});

describe('sortByOrder and neighbours: navigation and previous/next', () => {
  const page = (slug: string, order: number) => ({ slug, entry: { id: `nb/${slug}`, data: { order } } });

  test('pages are ordered by their order number, then alphabetically by file name', () => {
    const unsorted = [page('feilsoking', 20), page('commfides', 6), page('bankid', 5), page('annen', 5), page('index', 0)];
    expect(sortByOrder(unsorted).map((p) => p.slug)).toEqual(['index', 'annen', 'bankid', 'commfides', 'feilsoking']);
  });

  test('sorting leaves the original list as it was', () => {
    const unsorted = [page('b', 2), page('a', 1)];
    sortByOrder(unsorted);
    expect(unsorted.map((p) => p.slug)).toEqual(['b', 'a']);
  });

  const ordered = [{ slug: 'index' }, { slug: 'buypass-smartkort' }, { slug: 'bankid' }];

  test('a page in the middle links to the page before and after it', () => {
    expect(neighbours(ordered, 'buypass-smartkort')).toEqual({ previous: { slug: 'index' }, next: { slug: 'bankid' } });
  });

  test('the first page has no previous page and the last has no next page', () => {
    expect(neighbours(ordered, 'index').previous).toBeUndefined();
    expect(neighbours(ordered, 'bankid').next).toBeUndefined();
  });

  test('a page not in the list has neither', () => {
    expect(neighbours(ordered, 'finnes-ikke')).toEqual({});
  });
});

describe('withoutDrafts', () => {
  const draftable = (id: string, draft = false) => ({ id, data: { draft, order: 1 } });

  test('leaves out a draft source page together with its translations, so the build does not fail on them', () => {
    const kept = withoutDrafts([draftable('nb/ny', true), draftable('nn/ny'), draftable('en/ny'), draftable('nb/bankid')]);
    expect(kept.map((e) => e.id)).toEqual(['nb/bankid']);
    expect(() => resolvePages(kept)).not.toThrow();
  });

  test('lets a locale with a draft translation show the source page until the translation is ready', () => {
    const pages = resolvePages(withoutDrafts([draftable('nb/bankid'), draftable('nn/bankid', true)]));
    const nn = pages.find((p) => p.locale === 'nn' && p.slug === 'bankid')!;
    expect(nn.isFallback).toBe(true);
    expect(nn.entry.id).toBe('nb/bankid');
  });
});
