/**
 * Checks that external links still answer: each address once, with a timeout per
 * request, retries for answers that may pass (timeouts, network errors, 429 and 5xx),
 * and redirects followed and reported, so the page can link to where the address
 * leads now. Run on demand (npm run check:external), never in the offline build.
 */
import { judgeAddress } from '../../guide/addresses.ts';
import { pageLinks, settingsLinks, type WrittenLink } from './links.ts';
import { problem, type Problem } from './problems.ts';
import type { Project } from './project.ts';

export interface ExternalOptions {
  /** Per request, in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Further attempts after a failure that may pass (default 2). */
  retries?: number;
  /** Wait before the first retry, doubled for each next one (default 1 000 ms). */
  retryDelayMs?: number;
  /** Addresses checked at once (default 8). */
  concurrency?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

export type ExternalState = 'ok' | 'redirect' | 'broken' | 'unreachable';

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
  ms: number;
}

const USER_AGENT = 'logg-inn-hjemmefra link check (+https://github.com/helse-sor-ost/logg-inn-hjemmefra)';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

function describeError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** One request chain: the address and any redirects, within one attempt. */
async function request(url: string, options: Required<ExternalOptions>): Promise<{ status: number; finalUrl: string; redirected: boolean }> {
  let current = url;
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const response = await fetch(current, {
      method: 'GET',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    // Only the status matters: stop the body download.
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).href;
      continue;
    }
    return { status: response.status, finalUrl: current, redirected: current !== url };
  }
  throw new Error(`more than ${options.maxRedirects} redirects`);
}

export async function checkUrl(url: string, options: ExternalOptions = {}): Promise<ExternalOutcome> {
  const settings: Required<ExternalOptions> = {
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 1_000,
    concurrency: options.concurrency ?? 8,
    maxRedirects: options.maxRedirects ?? 5,
  };
  const started = performance.now();
  let last: ExternalOutcome = { url, state: 'unreachable', attempts: 0, ms: 0 };
  for (let attempt = 1; attempt <= settings.retries + 1; attempt++) {
    if (attempt > 1) await sleep(settings.retryDelayMs * 2 ** (attempt - 2));
    try {
      const { status, finalUrl, redirected } = await request(url, settings);
      const ms = Math.round(performance.now() - started);
      if (status >= 200 && status < 300) {
        return redirected ? { url, state: 'redirect', status, finalUrl, attempts: attempt, ms } : { url, state: 'ok', status, attempts: attempt, ms };
      }
      last = { url, state: 'broken', status, attempts: attempt, detail: `answered ${status}`, ms, ...(redirected ? { finalUrl } : {}) };
      if (!retryable(status)) return last;
    } catch (error) {
      last = { url, state: 'unreachable', attempts: attempt, detail: describeError(error, settings.timeoutMs), ms: Math.round(performance.now() - started) };
    }
  }
  return last;
}

/** Checks each address once, a few at a time. */
export async function checkExternalLinks(urls: Iterable<string>, options: ExternalOptions = {}): Promise<Map<string, ExternalOutcome>> {
  const queue = [...new Set(urls)];
  const outcomes = new Map<string, ExternalOutcome>();
  const workers = Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) outcomes.set(url, await checkUrl(url, options));
  });
  await Promise.all(workers);
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
    } else {
      const tries = outcome.attempts === 1 ? 'once' : `${outcome.attempts} times`;
      problems.push(problem(link.at, 'external/unreachable', `"${link.url}" did not answer (${outcome.detail}; tried ${tries}): check the address in a browser`));
    }
  }
  return problems;
}

/** A table of every address checked: state, status, time. */
export function formatExternalReport(outcomes: ReadonlyMap<string, ExternalOutcome>): string {
  const rows = [...outcomes.values()].sort((a, b) => a.state.localeCompare(b.state) || a.url.localeCompare(b.url));
  const lines = rows.map((o) => {
    const status = o.status === undefined ? '—' : String(o.status);
    const detail = o.state === 'redirect' ? ` → ${o.finalUrl}` : o.detail && o.state !== 'broken' ? ` (${o.detail})` : '';
    return `  ${o.state.padEnd(12)}${status.padEnd(5)}${String(o.ms).padStart(6)} ms  ${o.url}${detail}`;
  });
  const count = (state: ExternalState) => rows.filter((o) => o.state === state).length;
  lines.push(`  ${rows.length} addresses: ${count('ok')} ok, ${count('redirect')} redirected, ${count('broken')} broken, ${count('unreachable')} unreachable`);
  return ['External links', ...lines].join('\n');
}
