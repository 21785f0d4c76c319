/**
 * Publishing under a sub-path: the site built with BASE_PATH=/veiledning/ (its published
 * address, for hreflang, is the trust's siteUrl) and served by nginx with deploy/nginx-subpath.conf. Every page loads in Chromium with nothing failing
 * and nothing requested outside /veiledning/; every link, asset and language alternate on
 * every page resolves under the sub-path; search finds pages and its results lead to them;
 * PDFs (when the build makes them) are served; the 404 pages and headers work there too.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { searchFor, watchedPage, type WatchedPage } from './lib/browser.ts';
import { buildSite } from './lib/build.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { get } from './lib/http.ts';
import { startNginx, variants, type Nginx } from '../../scripts/lib/nginx.ts';
import { listPages, searchProbe, urlOf, type BuiltPage } from './lib/site.ts';
import { loadTrusts, TEMPLATE_TRUST } from '../../src/guide/trusts.ts';

const BASE = variants.subpath.base;
/** Where the template trust says the site lives (src/trusts/xxhf.yaml): hreflang URLs are absolute there. */
const SITE_URL = loadTrusts(resolve(import.meta.dirname, '../..'), [TEMPLATE_TRUST]).trusts[0]!.values.siteUrl.value!;

let work: string | undefined;
let siteDir: string;
let pages: BuiltPage[];
let browser: Browser;
let server: Nginx;
let watched: WatchedPage;
/** Same-origin URLs found on the pages (without fragments), and the pages they are on. */
const found = new Map<string, Set<string>>();

beforeAll(async () => {
  // QUALITY_SUBPATH_DIST: an existing sub-path build, to skip building while working on this test.
  if (process.env.QUALITY_SUBPATH_DIST) {
    siteDir = resolve(process.env.QUALITY_SUBPATH_DIST);
  } else {
    work = mkdtempSync(join(tmpdir(), 'guide-subpath-'));
    siteDir = join(work, 'dist');
    await buildSite(siteDir, BASE);
  }
  pages = listPages(siteDir);
  [browser, server] = await Promise.all([launchChromium(), startNginx(siteDir, 'subpath')]);
  watched = await watchedPage(browser, server.origin);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`the site under ${BASE}`, () => {
  test('every page loads, asks only for files under the sub-path, and nothing fails', async () => {
    expect(pages.map((p) => p.kind)).toEqual(expect.arrayContaining(['guide', 'search', 'not-found']));
    const problems: string[] = [];
    for (const built of pages) {
      const url = urlOf(server.url, built);
      const response = await watched.page.goto(url, { waitUntil: 'load' });
      if (response?.status() !== 200) problems.push(`${url}: HTTP ${response?.status()}`);
      const outside = watched.requests.filter((r) => r.startsWith(server.origin) && !new URL(r).pathname.startsWith(BASE));
      for (const r of outside) problems.push(`${built.path}: requests ${r}, outside ${BASE}`);
      const urls = await watched.page.evaluate(() => {
        const all: string[] = [];
        const add = (value: string | null | undefined) => value && all.push(new URL(value, document.baseURI).href);
        document.querySelectorAll<HTMLAnchorElement>('a[href]').forEach((a) => add(a.href));
        document.querySelectorAll<HTMLLinkElement>('link[href]').forEach((l) => add(l.href));
        document.querySelectorAll<HTMLScriptElement>('script[src]').forEach((s) => add(s.src));
        document.querySelectorAll<HTMLFormElement>('form[action]').forEach((f) => add(f.action));
        document.querySelectorAll<HTMLImageElement | HTMLSourceElement>('img[src], img[srcset], source[srcset]').forEach((el) => {
          add(el.getAttribute('src'));
          for (const candidate of (el.getAttribute('srcset') ?? '').split(',')) add(candidate.trim().split(/\s+/)[0]);
        });
        return all;
      });
      // The language alternates name the published site; check them on the test server.
      const alternates = await watched.page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="alternate"][hreflang]')].map((l) => l.href));
      // Print pages are documents for the PDF export (noindex), not pages with language versions.
      if (alternates.length === 0 && built.kind !== 'other' && built.kind !== 'print') problems.push(`${built.path}: no hreflang alternates`);
      for (const href of alternates) {
        // The published address's page, found on the test server under the base.
        if (!href.startsWith(SITE_URL)) problems.push(`${built.path}: hreflang ${href} is not under ${SITE_URL}`);
        else urls.push(new URL(`${BASE}${href.slice(SITE_URL.length)}`, server.origin).href);
      }
      for (const u of urls) {
        const parsed = new URL(u);
        if (parsed.origin !== server.origin) continue;
        parsed.hash = '';
        const key = parsed.href;
        if (!found.has(key)) found.set(key, new Set());
        found.get(key)!.add(built.path);
      }
      await watched.settle();
      for (const problem of await watched.takeProblems()) problems.push(`${built.path}: ${problem}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('every link, asset and language alternate on the pages resolves under the sub-path', async () => {
    expect(found.size).toBeGreaterThan(pages.length);
    const problems: string[] = [];
    for (const [url, on] of found) {
      const where = `${url} (on ${[...on].slice(0, 3).join(', ')}${on.size > 3 ? ', …' : ''})`;
      const { pathname } = new URL(url);
      if (!pathname.startsWith(BASE)) problems.push(`outside ${BASE}: ${where}`);
      const res = await get(url);
      if (res.status !== 200) problems.push(`HTTP ${res.status}: ${where}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('PDFs, when the build makes them, are served under the sub-path', async () => {
    const pdfDir = join(siteDir, 'pdf');
    const pdfs = existsSync(pdfDir) ? readdirSync(pdfDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf')) : [];
    for (const file of pdfs) {
      const res = await get(`${server.url}pdf/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers['content-type'], file).toBe('application/pdf');
      expect(res.body.subarray(0, 5).toString('latin1'), file).toBe('%PDF-');
    }
  });

  test('search finds a page, and its results lead there', async () => {
    const searchPage = pages.find((p) => p.kind === 'search' && p.lang === pages[0]!.lang)!;
    const probe = searchProbe(pages, searchPage.lang);
    expect(probe, 'a page of the default language is in the search index').toBeDefined();
    await watched.page.goto(urlOf(server.url, searchPage), { waitUntil: 'load' });
    expect(new URL(watched.page.url()).pathname).toBe(`${BASE}${searchPage.path.slice(1)}`);
    const outcome = await searchFor(watched.page, probe!.query);
    expect(outcome.links.length, outcome.status).toBeGreaterThan(0);
    for (const href of outcome.links) {
      expect(new URL(href).pathname.startsWith(BASE), href).toBe(true);
      expect((await get(href.split('#')[0]!)).status, href).toBe(200);
    }
    expect(outcome.links.map((href) => new URL(href).pathname)).toContain(urlOf(server.url, probe!.path).slice(server.origin.length));
    await watched.settle();
    const problems = await watched.takeProblems();
    expect(problems, problems.join('\n')).toEqual([]);
    const [response] = await Promise.all([watched.page.waitForResponse((r) => r.request().isNavigationRequest()), watched.page.click('#search-results a')]);
    expect(response?.status()).toBe(200);
  });
});

describe('a missing page under the sub-path', () => {
  test('deep under en/ shows the styled English 404 page, with status 404 and every asset loading', async () => {
    const missing = `${server.url}en/finnes/ikke/`;
    const response = await watched.page.goto(missing, { waitUntil: 'load' });
    expect(response?.status()).toBe(404);
    expect(await watched.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await watched.page.evaluate(() => document.querySelector('.skip-link')!.getBoundingClientRect().bottom <= 0)).toBe(true);
    await watched.settle();
    const problems = (await watched.takeProblems()).filter((p) => !p.includes(missing));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('deploy/nginx-subpath.conf', () => {
  test('headers and caching apply under the sub-path', async () => {
    const guide = await get(urlOf(server.url, pages.find((p) => p.kind === 'guide')!));
    expect(guide.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(guide.headers['x-content-type-options']).toBe('nosniff');
    expect(guide.headers['cache-control']).toBe('no-cache');
    const css = readdirSync(join(siteDir, '_astro')).find((f) => f.endsWith('.css'))!;
    const asset = await get(`${server.url}_astro/${css}`, { 'accept-encoding': 'gzip' });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const index = readdirSync(join(siteDir, 'pagefind')).find((f) => f.endsWith('.pf_meta'))!;
    const meta = await get(`${server.url}pagefind/${index}`);
    expect(meta.headers['content-type']).toBe('application/octet-stream');
    expect(meta.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('the sub-path without its slash redirects to it', async () => {
    const res = await get(`${server.origin}${BASE.slice(0, -1)}`);
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe(BASE);
  });

  test('missing pages get the 404 page of their language, with status 404', async () => {
    for (const page of pages.filter((p) => p.kind === 'not-found')) {
      const prefix = page.path === '/404.html' ? '/' : page.path.replace(/404\/$/, '');
      const res = await get(`${server.url}${prefix.slice(1)}finnes-ikke/`);
      expect(res.status, prefix).toBe(404);
      expect(res.body.toString('utf8'), prefix).toContain(`lang="${page.lang}"`);
      expect(res.headers['content-security-policy'], prefix).toBeTruthy();
    }
  });
});
