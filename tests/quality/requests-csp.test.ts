/**
 * Nothing leaves the site, and it works under a strict Content-Security-Policy: every
 * built page is loaded in Chromium through nginx with deploy/nginx.conf (which sends the
 * policy), and the search page is used. Every request must go to the site itself and
 * succeed, with no console error or warning and no CSP violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { brokenImages, searchFor, watchedPage, type WatchedPage } from './lib/browser.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startNginx, type Nginx } from '../../scripts/lib/nginx.ts';
import { get } from './lib/http.ts';
import { langsOf, listPages, searchProbe, urlOf } from './lib/site.ts';

const pages = listPages(inject('siteDir'));

/** The policy a security review asks for: nothing by default, each source named; the deploy config may add directives, never loosen these. */
const required = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

function parsePolicy(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

let browser: Browser;
let server: Nginx;
let watched: WatchedPage;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startNginx(inject('siteDir'))]);
  watched = await watchedPage(browser, server.origin);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the policy nginx sends', () => {
  test('is exactly the strict policy (plus stricter directives), with wasm-unsafe-eval only for Pagefind', async () => {
    const header = (await get(server.url)).headers['content-security-policy'] ?? '';
    const policy = parsePolicy(header);
    for (const [directive, values] of Object.entries(required)) {
      expect(policy.get(directive), `${directive} in "${header}"`).toEqual(values);
    }
    // No directive may allow inline code, eval, or other hosts.
    expect(header).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|data:|\*/);
  });
});

describe('every page: same-origin requests only, none failing, no console errors, no CSP violation', () => {
  test.each(pages.map((p) => [p.path, p] as const))('%s', async (_, built) => {
    const { page } = watched;
    const response = await page.goto(urlOf(server.url, built), { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBeTruthy();
    const broken = await brokenImages(page);
    await watched.settle();
    const problems = [...(await watched.takeProblems()), ...broken.map((src) => `image did not load: ${src}`)];
    expect(problems, `${built.path}:\n  ${problems.join('\n  ')}`).toEqual([]);
  });
});

describe('a missing page', () => {
  test('deep under /nn/ shows the styled Nynorsk 404 page, with status 404 and every asset loading', async () => {
    const missing = `${server.url}nn/finnes/ikke/`;
    const response = await watched.page.goto(missing, { waitUntil: 'load' });
    expect(response?.status()).toBe(404);
    expect(await watched.page.evaluate(() => document.documentElement.lang)).toBe('nn');
    // Styled: the site's stylesheet applied (the skip link is moved off screen by it).
    expect(await watched.page.evaluate(() => document.querySelector('.skip-link')!.getBoundingClientRect().bottom <= 0)).toBe(true);
    await watched.settle();
    const problems = (await watched.takeProblems()).filter((p) => !p.includes(missing));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('the search page, searching (loads Pagefind and its WebAssembly under the policy)', () => {
  for (const lang of langsOf(pages)) {
    const searchPage = pages.find((p) => p.kind === 'search' && p.lang === lang);
    if (!searchPage) continue;
    const probe = searchProbe(pages, lang);
    test(`${searchPage.path} (${lang})`, async () => {
      // A fresh page: Pagefind and its index load as on a reader's first search.
      const fresh = await watchedPage(browser, server.origin);
      try {
        const { page } = fresh;
        await page.goto(urlOf(server.url, searchPage), { waitUntil: 'load' });
        // A locale with no page of its own yet searches with another locale's word: no results, no errors.
        const query = probe?.query ?? searchProbe(pages, pages[0]!.lang)?.query ?? 'PIN';
        const outcome = await searchFor(page, query);
        if (probe) {
          const paths = outcome.links.map((href) => new URL(href).pathname);
          expect(paths, `searching "${query}" on ${searchPage.path}: ${outcome.status}`).toContain(urlOf(server.url, probe.path).slice(server.origin.length));
        }
        expect(fresh.requests.some((url) => url.endsWith('.pagefind')), 'Pagefind WebAssembly was requested').toBe(true);
        await fresh.settle();
        const problems = await fresh.takeProblems();
        expect(problems, `${searchPage.path} searching "${query}":\n  ${problems.join('\n  ')}`).toEqual([]);
      } finally {
        await fresh.close();
      }
    });
  }
});
