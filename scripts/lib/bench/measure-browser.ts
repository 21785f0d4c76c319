/**
 * What a reader's browser loads from a built site, measured in headless Chromium against
 * a local static server: every response's bytes as sent (raw) and as a server with gzip
 * for text would send them. Pagefind's index files and wasm are compressed by Pagefind
 * already, and images are compressed formats: those count as they are.
 */
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export type Kind = 'html' | 'css' | 'js' | 'font' | 'image' | 'search-data' | 'other';

export interface Transfer {
  url: string;
  kind: Kind;
  raw: number;
  gzip: number;
}

export interface Bytes {
  raw: number;
  gzip: number;
}

const TEXT_KINDS = new Set<Kind>(['html', 'css', 'js']);

function kindOf(url: string, contentType: string): Kind {
  const path = new URL(url).pathname;
  if (/\/favicon\.[a-z]+$/.test(path)) return 'image';
  if (contentType.startsWith('text/html')) return 'html';
  if (contentType.startsWith('text/css')) return 'css';
  if (contentType.includes('javascript')) return 'js';
  if (contentType.startsWith('font/') || /\.(woff2?|ttf|otf)$/.test(path)) return 'font';
  if (contentType.startsWith('image/')) return 'image';
  if (path.includes('/pagefind/')) return 'search-data';
  return 'other';
}

function isCompressible(kind: Kind, contentType: string): boolean {
  return TEXT_KINDS.has(kind) || /json|svg|text\//.test(contentType);
}

/** Records every response of a page from now on, with its body's size. */
function record(page: Page): { transfers: Promise<Transfer>[] } {
  const log = { transfers: [] as Promise<Transfer>[] };
  page.on('response', (response) => {
    log.transfers.push(
      (async () => {
        const contentType = (await response.headerValue('content-type')) ?? '';
        const kind = kindOf(response.url(), contentType);
        let body: Buffer;
        try {
          body = await response.body();
        } catch {
          body = Buffer.alloc(0);
        }
        const gzip = isCompressible(kind, contentType) ? gzipSync(body, { level: 6 }).length : body.length;
        return { url: response.url(), kind, raw: body.length, gzip: Math.min(gzip, body.length) };
      })(),
    );
  });
  return log;
}

export function sum(transfers: Transfer[], filter: (t: Transfer) => boolean = () => true): Bytes {
  return transfers.filter(filter).reduce((total, t) => ({ raw: total.raw + t.raw, gzip: total.gzip + t.gzip }), { raw: 0, gzip: 0 });
}

export function byKind(transfers: Transfer[]): Partial<Record<Kind, Bytes & { count: number }>> {
  const result: Partial<Record<Kind, Bytes & { count: number }>> = {};
  for (const t of transfers) {
    const entry = (result[t.kind] ??= { raw: 0, gzip: 0, count: 0 });
    entry.raw += t.raw;
    entry.gzip += t.gzip;
    entry.count++;
  }
  return result;
}

/** Waits until no request has been made for `quietMs`, as a reader who only reads would. */
async function settle(page: Page, quietMs = 1000, limitMs = 30_000): Promise<void> {
  let last = Date.now();
  const bump = () => (last = Date.now());
  page.on('request', bump);
  page.on('requestfinished', bump);
  const started = Date.now();
  while (Date.now() - last < quietMs && Date.now() - started < limitMs) await page.waitForTimeout(100);
  page.off('request', bump);
  page.off('requestfinished', bump);
}

const DESKTOP = { width: 1280, height: 800 };

async function withPage<T>(browser: Browser, options: { deviceScaleFactor: number }, run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  // A new context has an empty cache: every measurement is a first visit.
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: options.deviceScaleFactor, serviceWorkers: 'block' });
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** Everything a first visit to `url` loads until the network is quiet, with no scrolling or input. */
export async function beforeInteraction(browser: Browser, url: string): Promise<Transfer[]> {
  return withPage(browser, { deviceScaleFactor: 1 }, async (page) => {
    const log = record(page);
    await page.goto(url, { waitUntil: 'load' });
    await settle(page);
    return Promise.all(log.transfers);
  });
}

/**
 * The screenshots a reader who scrolls through the whole page is sent, at a device pixel
 * ratio (2 for phones and most laptops: the sharpest, largest variant).
 */
export async function screenshotsServed(browser: Browser, url: string, deviceScaleFactor: number): Promise<Transfer[]> {
  return withPage(browser, { deviceScaleFactor }, async (page) => {
    const log = record(page);
    await page.goto(url, { waitUntil: 'load' });
    // Scroll a screen at a time so lazy images load as they would for a reader.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y <= height; y += DESKTOP.height / 2) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50);
    }
    await settle(page);
    const transfers = await Promise.all(log.transfers);
    return transfers.filter((t) => t.kind === 'image' && !/favicon/.test(t.url));
  });
}

/** The screenshot a served image was made from: `velg-buypass-id.a2e0c4f1b9.2x.avif` → `velg-buypass-id`. */
export function screenshotNameOf(url: string): string {
  const file = basename(new URL(url).pathname);
  const stem = file.slice(0, file.indexOf('.'));
  // Per-locale overrides are named `<locale>--<name>` by the guide.
  return stem.split('--').pop()!;
}

export interface SearchMeasurement {
  /** Requests made for the search that the guide page had not already loaded. */
  transfers: Transfer[];
  /** Everything requested after the reader started the search, cached or not. */
  allTransfers: Transfer[];
  resultCount: number;
}

/**
 * A first search from a guide page: load the page, let it settle, then search the way
 * each site offers, and count what is requested until the results are shown.
 */
export async function firstSearch(
  browser: Browser,
  guideUrl: string,
  query: string,
  how: 'guide-search-page' | 'starlight-dialog',
): Promise<SearchMeasurement> {
  return withPage(browser, { deviceScaleFactor: 1 }, async (page) => {
    const before = record(page);
    await page.goto(guideUrl, { waitUntil: 'load' });
    await settle(page);
    const loaded = new Set((await Promise.all(before.transfers)).map((t) => t.url));
    page.removeAllListeners('response');
    const during = record(page);
    let results: string;
    if (how === 'guide-search-page') {
      // The header's search form: type and press Enter, which opens the search page.
      await page.fill('form.search-box input[name="q"]', query);
      await Promise.all([page.waitForURL(/\/sok\/\?/), page.press('form.search-box input[name="q"]', 'Enter')]);
      results = '#search-results > li';
    } else {
      await page.click('button[data-open-modal]');
      await page.locator('#starlight__search input').pressSequentially(query, { delay: 50 });
      results = '.pagefind-ui__result';
    }
    await page.locator(results).first().waitFor({ state: 'visible', timeout: 30_000 });
    await settle(page);
    const resultCount = await page.locator(results).count();
    const allTransfers = await Promise.all(during.transfers);
    return { transfers: allTransfers.filter((t) => !loaded.has(t.url)), allTransfers, resultCount };
  });
}
