/**
 * Accessibility: axe-core finds no WCAG 2.1 A/AA violation on any built page, at 1280 px
 * and 320 px wide, in light and dark, and none on the search page showing results.
 * Pages are served by nginx with deploy/nginx.conf; axe is added as an init script, which
 * the page's Content-Security-Policy does not apply to.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { searchFor } from './lib/browser.ts';
import { launchChromium } from './lib/chromium.ts';
import { startNginx, type Nginx } from './lib/nginx.ts';
import { langsOf, listPages, searchProbe, urlOf, type BuiltPage } from './lib/site.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const pages = listPages(inject('siteDir'));

const views = [
  { name: '1280 px, light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: '1280 px, dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: '320 px, light', viewport: { width: 320, height: 640 }, colorScheme: 'light' },
  { name: '320 px, dark', viewport: { width: 320, height: 640 }, colorScheme: 'dark' },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let browser: Browser;
let server: Nginx;
/** One page per view, reused for every URL. */
let tabs: Page[];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startNginx(inject('siteDir'))]);
  tabs = await Promise.all(
    views.map(async (view) => {
      const context = await browser.newContext({ viewport: view.viewport, colorScheme: view.colorScheme });
      // Init scripts run in every document before its own scripts and are exempt from its CSP.
      await context.addInitScript({ content: axeSource });
      return context.newPage();
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs axe on what the page shows now; collapsed menus are opened first so their content is checked too. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

function report(path: string, view: string, violations: Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${path} [${view}] ${v.id} (${v.impact}): ${v.help}\n    at ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}\n    ${v.helpUrl}`),
  );
}

async function checkAllViews(built: BuiltPage, prepare?: (page: Page) => Promise<void>): Promise<string[]> {
  // One view after the other: on two cores, parallel renderers only wait for each other.
  const found: string[] = [];
  for (const [i, view] of views.entries()) {
    const page = tabs[i]!;
    const response = await page.goto(urlOf(server.url, built), { waitUntil: 'load' });
    if (response?.status() !== 200) {
      found.push(`${built.path} [${view.name}]: HTTP ${response?.status()}`);
      continue;
    }
    const emulated = await page.evaluate(() => ({ width: innerWidth, dark: matchMedia('(prefers-color-scheme: dark)').matches }));
    expect(emulated).toEqual({ width: view.viewport.width, dark: view.colorScheme === 'dark' });
    await prepare?.(page);
    found.push(...report(built.path, view.name, await axeViolations(page)));
  }
  return found;
}

describe('axe-core, WCAG 2.1 A and AA: no violations', () => {
  test.each(pages.map((p) => [p.path, p] as const))('%s', async (_, built) => {
    const problems = await checkAllViews(built);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  for (const lang of langsOf(pages)) {
    const searchPage = pages.find((p) => p.kind === 'search' && p.lang === lang);
    const probe = searchProbe(pages, lang);
    if (!searchPage || !probe) continue;
    test(`${searchPage.path} showing the results for "${probe.query}"`, async () => {
      const problems = await checkAllViews(searchPage, async (page) => {
        const outcome = await searchFor(page, probe.query);
        expect(outcome.links.length, outcome.status).toBeGreaterThan(0);
      });
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
