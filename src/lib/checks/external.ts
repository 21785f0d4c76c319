/**
 * Checks that external links still answer, with linkinator: each address once, with its
 * timeout per request, its retries (a 429 waits as long as Retry-After asks; 5xx and network
 * errors wait 2, 4, … s plus some jitter) and its redirect handling, so the page can link to
 * where an address leads now. Run on demand (npm run check:external), never in the offline
 * build.
 *
 * The addresses come from the sources (the pages, the site settings, the app registry), not
 * from a crawl, so each problem can be reported where the address is written. They are
 * written as links into one temporary page, and linkinator checks that page without
 * recursing: it serves the page from a local folder itself and asks every address on it once
 * (HEAD, then GET when HEAD fails), never following them further.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkChecker, LinkState, type LinkResult, type RetryInfo } from 'linkinator';
import { judgeAddress } from '../../guide/addresses.ts';
import { pageLinks, settingsLinks, type WrittenLink } from './links.ts';
import { problem, type Problem } from './problems.ts';
import type { Project } from './project.ts';

export interface ExternalOptions {
  /** Per request, in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Further attempts after a failure that may pass: no answer, 5xx, 429 (default 2). */
  retries?: number;
  /** Up to this much is added at random to each wait before a retry (default 3 000 ms). */
  retryJitterMs?: number;
  /** Addresses checked at once (default 8). */
  concurrency?: number;
  /** Told of each wait before an address is asked again. */
  onRetry?: (retry: RetryInfo) => void;
}

/** `unchecked`: the site turned the check away as a robot (999, or Cloudflare's 403). */
export type ExternalState = 'ok' | 'redirect' | 'broken' | 'unreachable' | 'unchecked';

export interface ExternalOutcome {
  url: string;
  state: ExternalState;
  /** The last HTTP status received. */
  status?: number;
  /** Where a redirect leads in the end. */
  finalUrl?: string;
  attempts: number;
  /** Why it failed, in words. */
  detail?: string;
}

const USER_AGENT = 'logg-inn-hjemmefra link check (+https://github.com/helse-sor-ost/logg-inn-hjemmefra)';

/** The address linkinator asks: without its #fragment. */
const requestUrl = (url: string) => {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
};

const escapeAttribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The reason a request failed, from the errors linkinator collected. */
function describeFailure(details: LinkResult['failureDetails'], timeoutMs: number): string {
  const errors = (details ?? []).filter((d): d is Error => d instanceof Error);
  const last = errors.at(-1);
  if (!last) return 'no answer';
  if (last.name === 'TimeoutError' || last.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (last as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? last.message;
}

/** Checks each address once, a few at a time. Keyed by the addresses given. */
export async function checkExternalLinks(urls: Iterable<string>, options: ExternalOptions = {}): Promise<Map<string, ExternalOutcome>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const written = new Map<string, string[]>();
  for (const url of new Set(urls)) {
    const key = requestUrl(url);
    written.set(key, [...(written.get(key) ?? []), url]);
  }
  const outcomes = new Map<string, ExternalOutcome>();
  if (written.size === 0) return outcomes;

  const retried = new Map<string, RetryInfo[]>();
  const redirects = new Map<string, string>();
  const checker = new LinkChecker();
  checker.on('retry', (retry) => {
    retried.set(retry.url, [...(retried.get(retry.url) ?? []), retry]);
    options.onRetry?.(retry);
  });
  checker.on('redirect', (redirect) => {
    if (redirect.targetUrl) redirects.set(redirect.url, redirect.targetUrl);
  });
  const waitsFor429 = (url: string) => (retried.get(url) ?? []).filter((r) => r.status === 429).length;

  // Behind a proxy (HTTPS_PROXY and the like), linkinator sends every request through it, the
  // one for its own local page too, which the proxy cannot reach: NO_PROXY exempts that one.
  const noProxy = (process.env.no_proxy ?? process.env.NO_PROXY ?? '').split(',').filter(Boolean);
  if (!noProxy.includes('127.0.0.1')) process.env.no_proxy = [...noProxy, '127.0.0.1'].join(',');

  const dir = mkdtempSync(join(tmpdir(), 'check-external-'));
  const page = join(dir, 'links.html');
  const anchors = [...written.keys()].map((url) => `<a href="${escapeAttribute(url)}">${escapeAttribute(url)}</a>`);
  writeFileSync(page, `<!doctype html>\n<meta charset="utf-8">\n<title>External links</title>\n${anchors.join('\n')}\n`);
  let results: LinkResult[];
  try {
    ({ links: results } = await checker.check({
      path: page,
      recurse: false,
      timeout: timeoutMs,
      concurrency: options.concurrency ?? 8,
      // A 429 with Retry-After: wait as asked, then ask again.
      retry: true,
      // No answer, 5xx, or 429 without Retry-After: ask again up to `retries` times.
      retryErrors: retries > 0,
      retryErrorsCount: retries,
      retryErrorsJitter: options.retryJitterMs ?? 3_000,
      // Followed, and told to the 'redirect' listener above.
      redirects: 'warn',
      userAgent: USER_AGENT,
      // Linkinator waits on a 429 with Retry-After as often as the site asks; after
      // `retries` waits the address is skipped, and reported as unreachable below.
      linksToSkip: async (href) => waitsFor429(requestUrl(href)) > retries,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const list = results.find((r) => r.parent === undefined);
  if (list?.state !== LinkState.OK) {
    throw new Error(`linkinator could not read the list of addresses it serves itself (${list?.status || describeFailure(list?.failureDetails, timeoutMs)})`);
  }
  for (const result of results) {
    const urlsWritten = written.get(result.url);
    // The temporary page itself.
    if (!urlsWritten) continue;
    const attempts = 1 + (retried.get(result.url)?.length ?? 0);
    const status = result.status || undefined;
    let outcome: Omit<ExternalOutcome, 'url'>;
    if (result.state === LinkState.OK) {
      const finalUrl = redirects.get(result.url);
      outcome = finalUrl && finalUrl !== result.url ? { state: 'redirect', status, finalUrl, attempts } : { state: 'ok', status, attempts };
    } else if (result.state === LinkState.SKIPPED) {
      outcome =
        waitsFor429(result.url) > retries
          ? { state: 'unreachable', status: 429, attempts: waitsFor429(result.url), detail: 'asked to wait (429 Too Many Requests) every time' }
          : { state: 'unchecked', status, attempts, detail: `turned the check away as a robot (${status ?? 'no status'})` };
    } else if (status) {
      const finalUrl = redirects.get(result.url);
      outcome = { state: 'broken', status, attempts, detail: `answered ${status}`, ...(finalUrl && finalUrl !== result.url ? { finalUrl } : {}) };
    } else {
      outcome = { state: 'unreachable', attempts, detail: describeFailure(result.failureDetails, timeoutMs) };
    }
    for (const url of urlsWritten) outcomes.set(url, { url, ...outcome });
  }
  return outcomes;
}

/** Every well-formed https:// link in the pages, their frontmatter, the site settings and the app registry. */
export function externalLinks(project: Project): WrittenLink[] {
  const written = [...project.guides.flatMap(pageLinks), ...settingsLinks(project.root)];
  return written.filter((link) => {
    const judged = judgeAddress(link.url, { contacts: true });
    return judged.ok && judged.address.kind === 'external';
  });
}

/** One problem per place an address that failed is written. */
export function externalProblems(links: readonly WrittenLink[], outcomes: ReadonlyMap<string, ExternalOutcome>): Problem[] {
  const problems: Problem[] = [];
  for (const link of links) {
    const outcome = outcomes.get(link.url);
    if (!outcome || outcome.state === 'ok') continue;
    if (outcome.state === 'redirect') {
      problems.push(problem(link.at, 'external/redirect', `"${link.url}" now leads to "${outcome.finalUrl}": link there directly`, 'warning'));
    } else if (outcome.state === 'broken') {
      const via = outcome.finalUrl ? ` (after a redirect to "${outcome.finalUrl}")` : '';
      problems.push(problem(link.at, 'external/broken', `"${link.url}" answered ${outcome.status}${via}: find the page's new address or remove the link`));
    } else if (outcome.state === 'unchecked') {
      problems.push(problem(link.at, 'external/unchecked', `"${link.url}" ${outcome.detail}, so it could not be checked: open it in a browser`, 'warning'));
    } else {
      const tries = outcome.attempts === 1 ? 'once' : `${outcome.attempts} times`;
      problems.push(problem(link.at, 'external/unreachable', `"${link.url}" did not answer (${outcome.detail}; tried ${tries}): check the address in a browser`));
    }
  }
  return problems;
}

/** A table of every address checked: state, status, tries. */
export function formatExternalReport(outcomes: ReadonlyMap<string, ExternalOutcome>): string {
  const rows = [...outcomes.values()].sort((a, b) => a.state.localeCompare(b.state) || a.url.localeCompare(b.url));
  const lines = rows.map((o) => {
    const status = o.status === undefined ? '—' : String(o.status);
    const tries = o.attempts === 1 ? '' : ` (tried ${o.attempts} times)`;
    const detail = o.state === 'redirect' ? ` → ${o.finalUrl}` : o.detail && o.state !== 'broken' ? ` (${o.detail})` : '';
    return `  ${o.state.padEnd(12)}${status.padEnd(5)}${o.url}${detail}${tries}`;
  });
  const count = (state: ExternalState) => rows.filter((o) => o.state === state).length;
  const unchecked = count('unchecked') > 0 ? `, ${count('unchecked')} turned away` : '';
  lines.push(
    `  ${rows.length} addresses: ${count('ok')} ok, ${count('redirect')} redirected, ${count('broken')} broken, ${count('unreachable')} unreachable${unchecked}`,
  );
  return ['External links', ...lines].join('\n');
}
