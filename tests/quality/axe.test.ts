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
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startNginx, type Nginx } from '../../scripts/lib/nginx.ts';
import { langsOf, listPages, searchProbe, urlOf, type BuiltPage } from './lib/site.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const pages = listPages(inject('siteDir'));

/**
 * The four views. A page is loaded once and switched between them (viewport and colour
 * scheme change live, as when a reader turns the phone or the system theme): the site is
 * CSS-only responsive, so this is what a fresh load at each size shows. In the second scheme
 * at each width the layout is the same, so only the rules about colour can find anything new.
 */
const colourRules = ['color-contrast', 'link-in-text-block'];
const views = [
  { name: '1280 px, light', width: 1280, height: 900, colorScheme: 'light', rules: 'all' },
  { name: '1280 px, dark', width: 1280, height: 900, colorScheme: 'dark', rules: 'colour' },
  { name: '320 px, dark', width: 320, height: 640, colorScheme: 'dark', rules: 'all' },
  { name: '320 px, light', width: 320, height: 640, colorScheme: 'light', rules: 'colour' },
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
let page: Page;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startNginx(inject('siteDir'))]);
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  // Init scripts run in every document before its own scripts and are exempt from its CSP.
  await context.addInitScript({ content: axeSource });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs axe on what the page shows now; collapsed menus are opened first so their content is checked too. */
async function axeViolations(rules: 'all' | 'colour'): Promise<Violation[]> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const runOnly = rules === 'all' ? { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } : { type: 'rule', values: colourRules };
  return page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const results = await axe.run(document, { runOnly: only, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, runOnly);
}

function report(path: string, view: string, violations: Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${path} [${view}] ${v.id} (${v.impact}): ${v.help}\n    at ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}\n    ${v.helpUrl}`),
  );
}

async function checkAllViews(built: BuiltPage, prepare?: () => Promise<void>): Promise<string[]> {
  await page.setViewportSize({ width: views[0].width, height: views[0].height });
  await page.emulateMedia({ colorScheme: views[0].colorScheme });
  const response = await page.goto(urlOf(server.url, built), { waitUntil: 'load' });
  if (response?.status() !== 200) return [`${built.path}: HTTP ${response?.status()}`];
  await prepare?.();
  const found: string[] = [];
  for (const view of views) {
    await page.setViewportSize({ width: view.width, height: view.height });
    await page.emulateMedia({ colorScheme: view.colorScheme });
    const shown = await page.evaluate(() => ({ width: innerWidth, dark: matchMedia('(prefers-color-scheme: dark)').matches }));
    expect(shown).toEqual({ width: view.width, dark: view.colorScheme === 'dark' });
    found.push(...report(built.path, view.name, await axeViolations(view.rules)));
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
      const problems = await checkAllViews(searchPage, async () => {
        const outcome = await searchFor(page, probe.query);
        expect(outcome.links.length, outcome.status).toBeGreaterThan(0);
      });
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
