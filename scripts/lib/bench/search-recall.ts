/**
 * Recall at 3 of the search page, over the query sets in bench/search-queries/<locale>.yaml:
 * each query typed into the search page of its language, with the search's features
 * switched on one after another (data-features on the search element), and its three
 * first results compared with the pages that answer it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import type { Locale } from '../../../src/i18n/locales.ts';
import { pagePath, searchPath } from '../../../src/guide/routing.ts';

export const QUERY_KINDS = ['typo', 'question', 'synonym', 'compound', 'screen'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  query: string;
  kind: QueryKind;
  pages: string[];
}

/** The features, cumulative: each step adds one to the one before. */
export const STEPS = [
  { name: 'Pagefind alone', features: '' },
  { name: '+ questions (ignored words, ranked by words matched)', features: 'questions' },
  { name: '+ synonyms', features: 'questions synonyms' },
  { name: '+ typos', features: 'questions synonyms typos' },
] as const;

export function readQueries(root: string, locale: Locale): BenchQuery[] {
  const file = join(root, 'bench/search-queries', `${locale}.yaml`);
  const list = parse(readFileSync(file, 'utf8')) as BenchQuery[];
  for (const [i, q] of list.entries()) {
    if (typeof q.query !== 'string' || !QUERY_KINDS.includes(q.kind) || !Array.isArray(q.pages) || q.pages.length === 0) {
      throw new Error(`${file}: query ${i + 1} needs query:, kind: (${QUERY_KINDS.join(', ')}) and pages:`);
    }
  }
  return list;
}

export interface QueryOutcome {
  query: BenchQuery;
  top: string[];
  found: boolean;
  empty: boolean;
  ms: number;
}

/** Types one query (at once, as a paste) and waits for its results; ms from the input event to the status naming it. */
async function ask(page: Page, query: string, features: string): Promise<{ hrefs: string[]; ms: number }> {
  return page.evaluate(
    async ({ query, features }) => {
      const root = document.querySelector<HTMLElement>('[data-search]')!;
      const input = document.querySelector<HTMLInputElement>('#search-input')!;
      const status = document.getElementById('search-status')!;
      root.dataset.features = features;
      const shown = () =>
        root.getAttribute('aria-busy') === null && (status.textContent!.includes(`«${query}»`) || status.textContent!.includes(`“${query}”`));
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 40));
      const started = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((resolve) => {
        const check = () => (shown() ? resolve() : requestAnimationFrame(check));
        check();
      });
      const ms = performance.now() - started;
      const hrefs = [...document.querySelectorAll<HTMLAnchorElement>('.search-result-link')].map((a) => new URL(a.href).pathname);
      return { hrefs, ms };
    },
    { query, features },
  );
}

/** Every query of one locale at one step of the features. */
export async function recall(browser: Browser, siteUrl: string, locale: Locale, queries: readonly BenchQuery[], features: string): Promise<QueryOutcome[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(searchPath(locale).replace(/^\//, ''), siteUrl).href, { waitUntil: 'networkidle' });
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const { hrefs, ms } = await ask(page, query.query, features);
    const top = hrefs.slice(0, 3);
    const wanted = query.pages.map((slug) => pagePath(locale, slug));
    outcomes.push({ query, top, found: top.some((href) => wanted.includes(href)), empty: hrefs.length === 0, ms });
  }
  await context.close();
  return outcomes;
}

