/**
 * The pages of a built site, read from its HTML files, so the tests cover every page the
 * build makes (all locales, search, 404, anything added later) without a list to maintain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type PageKind = 'guide' | 'search' | 'not-found' | 'print' | 'other';

export interface BuiltPage {
  /** Site path without the base: `/`, `/en/bankid/`, `/404.html`. */
  path: string;
  file: string;
  /** `<html lang>` */
  lang: string;
  kind: PageKind;
  html: string;
}

function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) found.push(full);
  }
  return found;
}

function kindOf(path: string, html: string): PageKind {
  if (/(^|\/)404(\.html|\/)$/.test(path)) return 'not-found';
  if (/\sdata-search[\s>=]/.test(html)) return 'search';
  // The print pages are documents for Chromium's PDF export: no header, menu or skip link.
  if (/^\/([a-z]{2}\/)?print\//.test(path)) return 'print';
  if (/<article[^>]*\sclass="guide"/.test(html)) return 'guide';
  return 'other';
}

/** Every HTML page in `dist`, sorted by path. */
export function listPages(dist: string): BuiltPage[] {
  return htmlFiles(dist)
    .filter((file) => !relative(dist, file).split(sep).includes('pagefind'))
    .map((file) => {
      const rel = relative(dist, file).split(sep).join('/');
      const path = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
      const html = readFileSync(file, 'utf8');
      const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? '';
      return { path, file, lang, kind: kindOf(path, html), html };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** A page's URL on a server whose site root is `siteUrl` (which ends in `/`). */
export function urlOf(siteUrl: string, page: BuiltPage | string): string {
  const path = typeof page === 'string' ? page : page.path;
  return new URL(path.slice(1), siteUrl).href;
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&[a-z]+;|&#\d+;/g, ' ');

export interface SearchProbe {
  /** A word from a guide's title that the locale's search index must find. */
  query: string;
  /** The page the word comes from: a result must lead there. */
  path: string;
}

/**
 * A search the locale's index can answer: the longest word of the title of the first
 * indexed login-method page (indexed pages carry data-pagefind-body; fallback pages do not).
 * Undefined when the locale has no page of its own yet.
 */
export function searchProbe(pages: BuiltPage[], lang: string): SearchProbe | undefined {
  const indexed = pages.filter((p) => p.kind === 'guide' && p.lang === lang && /\sdata-pagefind-body[\s>=]/.test(p.html));
  const page = indexed.find((p) => /\sdata-method="/.test(p.html)) ?? indexed[0];
  if (!page) return undefined;
  const title = textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page.html)?.[1] ?? '');
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  const query = words.sort((a, b) => b.length - a.length)[0];
  return query ? { query, path: page.path } : undefined;
}

/** The locales of the built pages (`<html lang>` values), in path order. */
export function langsOf(pages: BuiltPage[]): string[] {
  return [...new Set(pages.map((p) => p.lang))];
}
