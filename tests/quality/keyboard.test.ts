/**
 * Keyboard: on every page, at 1280 px and 320 px, the skip link comes first and moves focus
 * to the content; Tab reaches every visible control in a logical order (header, menu,
 * content, footer), each with a visible focus indicator; the language picker and the
 * search (header box, search page, results, method filter) work without a mouse.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startNginx, type Nginx } from '../../scripts/lib/nginx.ts';
import { langsOf, listPages, searchProbe, urlOf, type BuiltPage } from './lib/site.ts';

const pages = listPages(inject('siteDir'));
const widths = [1280, 320] as const;

let browser: Browser;
let server: Nginx;
let page: Page;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startNginx(inject('siteDir'))]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true })).newPage();
});

const sizeFor = (width: number) => ({ width, height: width > 600 ? 900 : 640 });

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface FocusStop {
  label: string;
  region: number;
  indicator: boolean;
  focusVisible: boolean;
  inViewport: boolean;
  size: number;
  index: number;
}

/**
 * Records every element that receives focus, with whether its focus style differs visibly
 * from its unfocused style (outline of 2 px or more, or a new box-shadow). Unfocused styles
 * are read for every control first, while nothing is focused.
 */
function installFocusRecorder() {
  const w = window as unknown as { __focusStops: unknown[]; __controls: Element[]; __focusRecorder?: (event: FocusEvent) => void };
  if (w.__focusRecorder) document.removeEventListener('focusin', w.__focusRecorder);
  const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]')];
  const styleOf = (el: Element) => {
    const s = getComputedStyle(el);
    return { outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor, shadow: s.boxShadow };
  };
  const before = new Map(controls.map((el) => [el, styleOf(el)]));
  // Skip link, header, menu, content, footer: the order a reader meets them in.
  const regions = ['.skip-link', 'header', '.site-nav', 'main', 'footer'];
  const label = (el: Element) =>
    `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  w.__controls = controls;
  w.__focusStops = [];
  w.__focusRecorder = (event: FocusEvent) => {
    const el = event.target as Element;
    const now = styleOf(el);
    const was = before.get(el);
    const outline = now.outlineStyle !== 'none' && now.outlineWidth >= 2 && !now.outlineColor.endsWith(', 0)') && (!was || was.outlineStyle === 'none' || was.outlineColor !== now.outlineColor || was.outlineWidth !== now.outlineWidth);
    const shadow = now.shadow !== 'none' && now.shadow !== was?.shadow;
    const rect = el.getBoundingClientRect();
    w.__focusStops.push({
      label: label(el),
      region: regions.findIndex((selector) => el.closest(selector)),
      indicator: outline || shadow,
      focusVisible: el.matches(':focus-visible'),
      inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
      size: rect.width * rect.height,
      index: controls.indexOf(el),
    });
  };
  document.addEventListener('focusin', w.__focusRecorder);
}

/** Puts the start of sequential focus navigation at the top of the document, with nothing focused. */
async function focusTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.documentElement;
    root.tabIndex = -1;
    root.focus();
    root.removeAttribute('tabindex');
    (document.activeElement as HTMLElement | null)?.blur?.();
  });
}

/** Loads a page and returns what it focused by itself (the search page focuses its field), if anything. */
async function open(page: Page, built: BuiltPage): Promise<string | null> {
  const response = await page.goto(urlOf(server.url, built), { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return null;
    return active.id ? `#${active.id}` : active.tagName.toLowerCase();
  });
}

async function tabThrough(page: Page): Promise<{ stops: FocusStop[]; expected: string[]; labels: string[] }> {
  await page.evaluate(installFocusRecorder);
  // The controls a keyboard user must be able to reach: shown, enabled, not taken out of the order.
  const expected = await page.evaluate(() => {
    const w = window as unknown as { __controls: Element[] };
    return w.__controls
      .filter((el) => {
        if ((el as HTMLElement).tabIndex < 0 || (el as HTMLButtonElement).disabled) return false;
        // False inside a closed <details> (its content is hidden), true where CSS shows it anyway.
        if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return false;
        return el.getClientRects().length > 0;
      })
      .map((el) => w.__controls.indexOf(el).toString());
  });
  const labels = await page.evaluate(() => (window as unknown as { __controls: Element[] }).__controls.map((el) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}" ${el.getAttribute('href') ?? ''}`));
  // Press on past the last control until focus wraps to the first; the stops after the wrap are dropped.
  const limit = labels.length + 5;
  let stops: FocusStop[] = [];
  for (let pressed = 0, batch = expected.length + 3; pressed < limit; pressed += batch, batch = 5) {
    for (let i = 0; i < batch; i++) await page.keyboard.press('Tab');
    stops = await page.evaluate(() => (window as unknown as { __focusStops: FocusStop[] }).__focusStops);
    if (stops.some((s, i) => i > 0 && s.index === stops[0]?.index)) break;
  }
  const firstAgain = stops.findIndex((s, i) => i > 0 && s.index === stops[0]?.index);
  return { stops: firstAgain === -1 ? stops : stops.slice(0, firstAgain), expected, labels };
}

describe('keyboard: skip link, focus order, visible focus', () => {
  // Print pages are for the PDF export: they have no header, skip link or controls to reach.
  test.each(pages.filter((p) => p.kind !== 'print').map((p) => [p.path, p] as const))('%s', async (_, built) => {
    await page.setViewportSize(sizeFor(widths[0]));
    const autofocused = await open(page, built);
    // Only the search page may put focus somewhere on load: in its search field.
    if (built.kind !== 'search') expect(autofocused, `${built.path} focuses ${autofocused} on load`).toBeNull();
    else expect(autofocused).toBe('#search-input');
    expect(await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter((el) => (el as HTMLElement).tabIndex > 0).length)).toBe(0);

    const problems: string[] = [];
    for (const width of widths) {
      // The site is CSS-only responsive: resizing shows what a fresh load at this width does.
      await page.setViewportSize(sizeFor(width));

      // The skip link is the first stop, is shown when focused, and moves focus to the content.
      await focusTop(page);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement | null;
        const rect = el?.getBoundingClientRect();
        return { isSkip: !!el?.matches('.skip-link'), href: el?.getAttribute('href'), visible: !!rect && rect.top >= 0 && rect.left >= 0 && rect.width > 0 };
      });
      expect(skip, `${built.path} at ${width} px: the first Tab stop`).toEqual({ isSkip: true, href: '#main', visible: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('Tab');
      const afterSkip = await page.evaluate(() => !!document.activeElement?.closest('main, footer'));
      expect(afterSkip, `${built.path} at ${width} px: Tab after the skip link lands in the content`).toBe(true);

      // Every control, in order, with a visible focus indicator.
      await focusTop(page);
      const { stops, expected, labels } = await tabThrough(page);
      for (const stop of stops) {
        if (!stop.indicator) problems.push(`[${width} px] no visible focus indicator on ${stop.label}`);
        if (!stop.focusVisible) problems.push(`[${width} px] ${stop.label} is focused but does not match :focus-visible`);
        if (!stop.inViewport || stop.size === 0) problems.push(`[${width} px] ${stop.label} is focused but not on screen`);
      }
      for (let i = 1; i < stops.length; i++) {
        if (stops[i]!.region < stops[i - 1]!.region) problems.push(`[${width} px] focus goes back from ${stops[i - 1]!.label} to ${stops[i]!.label}`);
      }
      const reached = new Set(stops.map((s) => s.index.toString()));
      const missed = expected.filter((i) => !reached.has(i));
      for (const i of missed) problems.push(`[${width} px] never reached with Tab: ${labels[Number(i)]}`);
    }
    expect(problems, `${built.path}:\n  ${problems.join('\n  ')}`).toEqual([]);
  });
});

/** Presses Tab until `selector` has focus; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`${selector} was not reached with Tab`);
}

describe('the language picker, by keyboard', () => {
  const langs = langsOf(pages);
  for (const [i, lang] of langs.entries()) {
    const target = langs[(i + 1) % langs.length]!;
    const from = pages.find((p) => p.kind === 'guide' && p.lang === lang && p.html.includes(`data-locale="${target}"`) && !/^\/([a-z]{2}\/)?$/.test(p.path)) ?? pages.find((p) => p.kind === 'guide' && p.lang === lang);
    if (!from) continue;
    test(`${from.path} → ${target}`, async () => {
      await page.setViewportSize(sizeFor(320));
      await open(page, from);
      await focusTop(page);
      const selector = `.lang-picker a[data-locale="${target}"]`;
      const href = await page.locator(selector).getAttribute('href');
      await tabTo(page, selector);
      await Promise.all([page.waitForURL((url) => url.pathname === href), page.keyboard.press('Enter')]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(target);
      // The same page in the other language: the picker there points back here.
      expect(await page.locator(`.lang-picker a[data-locale="${lang}"]`).getAttribute('href')).toBe(urlOf(server.url, from).slice(server.origin.length));
    });
  }
});

describe('search, by keyboard', () => {
  for (const lang of langsOf(pages)) {
    const probe = searchProbe(pages, lang);
    const from = pages.find((p) => p.kind === 'guide' && p.lang === lang && p.html.includes('id="header-search"'));
    if (!probe || !from) continue;
    test(`${lang}: header box → search page → result → filter`, async () => {
      await page.setViewportSize(sizeFor(1280));
      await open(page, from);
      await focusTop(page);
      await tabTo(page, '#header-search');
      await page.keyboard.type(probe.query);
      await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === probe.query), page.keyboard.press('Enter')]);
      // The search page takes the query, searches, and keeps focus in its field.
      await page.waitForSelector('#search-results a', { timeout: 15_000 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');

      // Arrow down moves into the results; Escape goes back to the field.
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#search-results'))).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');

      // The method filter follows the search button; arrow keys change it and the URL follows.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-method');
      if ((await page.locator('#search-method option').count()) > 1) {
        await page.keyboard.press('ArrowDown');
        const value = await page.evaluate(() => (document.querySelector('#search-method') as HTMLSelectElement).value);
        expect(value).not.toBe('');
        await page.waitForFunction((v) => new URL(location.href).searchParams.get('metode') === v, value);
      }

      // Back in the field, Enter searches and moves to the first result; Enter there opens it.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !!document.activeElement?.closest('#search-results'));
      const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().isNavigationRequest()), page.keyboard.press('Enter')]);
      expect(response?.status()).toBe(200);
      await page.waitForURL(href);
    });
  }
});
