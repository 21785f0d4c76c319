/**
 * The policy holds without nginx: served by a plain file server that sends no
 * Content-Security-Policy header (as `npm run preview`, a file share or another web server
 * would), every page's <meta> policy still stops inline script and anything from another
 * host, and the site still works under it: styles, images and the search's WebAssembly.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { brokenImages, searchFor } from './lib/browser.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { listPages, searchProbe, urlOf } from './lib/site.ts';

const pages = listPages(inject('siteDir'));
let browser: Browser;
let server: StaticServer;
let context: BrowserContext;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveStatic(inject('siteDir'))]);
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('on a server that sends no policy header', () => {
  const kinds = ['guide', 'search', 'not-found', 'print'] as const;
  test.each(kinds)('a %s page blocks inline script and other hosts by its <meta> policy alone', async (kind) => {
    const built = pages.find((p) => p.kind === kind)!;
    const page = await context.newPage();
    try {
      const response = await page.goto(urlOf(server.url, built), { waitUntil: 'load' });
      expect(response?.headers()['content-security-policy']).toBeUndefined();
      const outcome = await page.evaluate(async () => {
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
        // What an injected page fragment would try: an inline script, a handler, and an image from elsewhere.
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true';
        document.body.append(script);
        const img = document.createElement('img');
        img.src = 'http://127.0.0.1:9/pixel.png';
        document.body.append(img);
        const styled = document.createElement('div');
        styled.setAttribute('style', 'color: red');
        document.body.append(styled);
        await new Promise((r) => setTimeout(r, 300));
        img.remove();
        return { ran: (window as { __ran?: boolean }).__ran === true, violations: [...new Set(violations)].sort() };
      });
      expect(outcome.ran).toBe(false);
      expect(outcome.violations).toEqual(expect.arrayContaining(['img-src', 'script-src-elem', 'style-src-attr']));
      // The site's own styles and images are allowed.
      expect(await brokenImages(page)).toEqual([]);
      expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  test('the search still works: its WebAssembly is allowed by the <meta> policy', async () => {
    const searchPage = pages.find((p) => p.kind === 'search' && p.lang === 'nb')!;
    const probe = searchProbe(pages, 'nb')!;
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    try {
      await page.goto(urlOf(server.url, searchPage), { waitUntil: 'load' });
      const outcome = await searchFor(page, probe.query);
      expect(outcome.links.map((href) => new URL(href).pathname)).toContain(urlOf(server.url, probe.path).slice(new URL(server.url).origin.length));
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
