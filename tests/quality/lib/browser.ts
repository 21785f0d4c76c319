/**
 * Helpers for the browser tests: the problems a page shows while it loads and is used
 * (requests to other origins, failed requests, console errors and warnings, script
 * errors, Content-Security-Policy violations), and searching on the search page.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

declare global {
  interface Window {
    __cspViolations: { directive: string; blocked: string; source: string; line: number; sample: string }[];
  }
}

/** Runs before any page script and is exempt from the page's CSP, so it sees every violation. */
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
    });
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** The problems since the last call (one line each), and starts a new list. */
  takeProblems(): Promise<string[]>;
  /** Every URL requested since the last takeProblems(). */
  requests: string[];
  /** Waits until no request has been in flight for a moment (so leaving the page aborts none). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A page that is watched from its first request: every request must go to `origin` (or be a
 * data: URL) and succeed, and nothing may be logged as an error or warning. One page is
 * reused for many URLs (a new renderer per URL costs seconds on a small machine); a resource
 * the browser takes from its cache was checked when it was first requested.
 */
export async function watchedPage(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  // The test nginx's certificate is its own (scripts/lib/nginx.ts), not one Chromium knows.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options });
  await context.addInitScript(recordCspViolations);
  const page = await context.newPage();
  let found: string[] = [];
  const requests: string[] = [];
  let pending = 0;
  let lastChange = Date.now();
  const done = () => {
    pending--;
    lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('request', (request) => {
    pending++;
    lastChange = Date.now();
    const url = request.url();
    requests.push(url);
    if (!url.startsWith('data:') && new URL(url).origin !== origin) found.push(`request to another origin: ${url}`);
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'unknown error';
    // Cancelled by the browser itself (e.g. a favicon fetch dropped when the page moves on):
    // not a failure of the site. Server errors are caught by their HTTP status.
    if (error === 'net::ERR_ABORTED') return;
    found.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) found.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      const where = message.location().url ? ` (${message.location().url}:${message.location().lineNumber})` : '';
      found.push(`console ${message.type()}${message.worker() ? ' in a worker' : ''}: ${message.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => found.push(`script error: ${error.message}`));
  return {
    context,
    page,
    requests,
    takeProblems: async () => {
      const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      const all = [
        ...found,
        ...violations.map((v) => `CSP violation: ${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}:${v.line} ${v.sample}`),
      ];
      found = [];
      requests.length = 0;
      await page.evaluate(() => (window.__cspViolations = [])).catch(() => undefined);
      return all;
    },
    settle: async () => {
      const deadline = Date.now() + 10_000;
      while ((pending > 0 || Date.now() - lastChange < 100) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    },
    close: () => context.close(),
  };
}

/** Loads every image now (lazy ones too) and returns those that did not decode. */
export async function brokenImages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = 'eager';
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
    return images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src);
  });
}

export interface SearchOutcome {
  status: string;
  /** Absolute URLs of the result links, in order. */
  links: string[];
}

/** Types `query` into the search page's field like a reader and waits for the answer. */
export async function searchFor(page: Page, query: string): Promise<SearchOutcome> {
  const input = page.locator('#search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(query, { delay: 20 });
  // The status line is announced when the search has answered (results, none, or failed).
  await page.waitForFunction(
    (q) => {
      const status = document.querySelector('#search-status')?.textContent ?? '';
      return status.includes(q) || document.querySelector('[data-search]')?.getAttribute('aria-busy') === null && status !== '';
    },
    query,
    { timeout: 15_000 },
  );
  return page.evaluate(() => ({
    status: document.querySelector('#search-status')?.textContent ?? '',
    links: [...document.querySelectorAll<HTMLAnchorElement>('#search-results a')].map((a) => a.href),
  }));
}
