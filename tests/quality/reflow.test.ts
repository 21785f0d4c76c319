/**
 * Zoom and reflow (WCAG 1.4.4, 1.4.10): every page at 1280 px, at 200 % zoom of a 1280 px
 * window (640 CSS px at device scale 2) and at 320 px has no horizontal scrolling,
 * no text cut off by its box or by the window, no text over other text, and header
 * controls that do not overlap.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startNginx, type Nginx } from '../../scripts/lib/nginx.ts';
import { listPages, urlOf } from './lib/site.ts';

const pages = listPages(inject('siteDir'));

/**
 * 200 % zoom in a 1280 px window lays the page out in 640 CSS px at device scale 2. One page
 * at device scale 2 is resized through the widths (the site is CSS-only responsive, so a
 * resize shows what a fresh load at that size does).
 */
const views = [
  { name: '1280 px', width: 1280, height: 900 },
  { name: '200 % zoom', width: 640, height: 450 },
  { name: '320 px', width: 320, height: 568 },
] as const;

let browser: Browser;
let server: Nginx;
let page: Page;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startNginx(inject('siteDir'))]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2, ignoreHTTPSErrors: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Layout problems of the page as shown now, one line each. */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const label = (el: Element) =>
    `<${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px content in a ${width} px window`);

  // Hidden on purpose: the visually-hidden pattern (a 1 px box) and anything not rendered.
  const hiddenOnPurpose = (el: Element) => {
    const rect = el.getBoundingClientRect();
    return rect.width <= 1 || rect.height <= 1 || !el.checkVisibility({ visibilityProperty: true });
  };
  // Content a reader can scroll inside (a wide table) is allowed to be wider than the window.
  const inScroller = (el: Element) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };

  for (const el of document.body.querySelectorAll('*')) {
    if (hiddenOnPurpose(el) || el.closest('svg')) continue;
    const style = getComputedStyle(el);
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    // Text cut off by its own box.
    const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      if ((el.textContent ?? '').trim() !== '') problems.push(`text cut off inside ${label(el)}`);
    }
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) problems.push(`text shortened with … in ${label(el)}`);
    // Text outside the window, where no one can scroll to it.
    if (hasText && !inScroller(el)) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1 || rect.left < -1) problems.push(`text outside the window: ${label(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px of ${width}`);
    }
  }

  // No two pieces of text on top of each other (a line box of one text over another's).
  const lines: { rect: DOMRect; owner: Element }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (!owner || (node.textContent ?? '').trim() === '' || owner.closest('svg, script, style, noscript') || hiddenOnPurpose(owner)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 1 && rect.height > 1) lines.push({ rect, owner });
  }
  const reported = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      if (a.owner === b.owner) continue;
      const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (overlapX > 2 && overlapY > 2) {
        const message = `text of ${label(a.owner)} overlaps text of ${label(b.owner)}`;
        if (!reported.has(message)) problems.push(message);
        reported.add(message);
      }
    }
  }

  // Header controls side by side or wrapped, never on top of each other.
  const controls = [...document.querySelectorAll('.site-header .site-title, .site-header .search-box, .site-header .lang-picker li, .site-nav summary')].filter(
    (el) => !hiddenOnPurpose(el),
  );
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i]!.getBoundingClientRect();
      const b = controls[j]!.getBoundingClientRect();
      const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (overlapX > 1 && overlapY > 1) problems.push(`${label(controls[i]!)} overlaps ${label(controls[j]!)}`);
    }
  }
  return problems;
}

describe('no sideways scrolling, no text cut off or overlapping, no overlapping header controls', () => {
  test.each(pages.map((p) => [p.path, p] as const))('%s', async (_, built) => {
    const problems: string[] = [];
    await page.setViewportSize({ width: views[0].width, height: views[0].height });
    const response = await page.goto(urlOf(server.url, built), { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    for (const view of views) {
      await page.setViewportSize({ width: view.width, height: view.height });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = false)));
      for (const problem of await page.evaluate(layoutProblems)) problems.push(`[${view.name}] ${problem}`);
      // With the menu open too (it is collapsed on narrow screens).
      if (await page.evaluate(() => document.querySelector('details') !== null)) {
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        for (const problem of await page.evaluate(layoutProblems)) problems.push(`[${view.name}, menu open] ${problem}`);
      }
    }
    expect(problems, `${built.path}:\n  ${problems.join('\n  ')}`).toEqual([]);
  });
});
