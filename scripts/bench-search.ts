/**
 * node scripts/bench-search.ts [--dir dist] [--query sikkerhetskode] [--runs 5]
 *
 * Measures search on a built site the way a reader meets it:
 * - the bytes the first query transfers (gzip where a server would compress);
 * - typing on the search page: from the last keystroke's input event to the first frame
 *   that shows the results, for the first query of a visit and for the ones after it, and
 *   for a first query pasted at once (nothing warmed by earlier keystrokes);
 * - from a guide page: the reader types in the header's search box (a plain form, no
 *   JavaScript) and presses Enter; from that keypress to the first frame of results on the
 *   search page, which includes loading the search page itself.
 * Both times are taken inside the browser (event timestamps and requestAnimationFrame), so
 * the DevTools protocol's own round trips are not counted. Each visit is a fresh browser
 * context: nothing cached from the one before.
 * - recall at 3 over the query sets in bench/search-queries/ (typos, questions, synonyms,
 *   compounds, screen words; per language), with the search's features added one at a time,
 *   and the bytes and time each adds.
 * Budgets: first query ≤ 150 KB, results ≤ 100 ms (median) after the last keystroke.
 * Writes bench/results/search.md and search.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';
import { QUERY_KINDS, readQueries, recall, STEPS, type QueryOutcome } from './lib/bench/search-recall.ts';
import { locales } from '../src/i18n/locales.ts';
import { vocabularyFile, type Vocabulary } from '../src/lib/search/words.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    query: { type: 'string', default: 'sikkerhetskode' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const dir = resolve(values.dir!);
const query = values.query!;
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of visits, 1 or more (got "${values.runs}")`);
  process.exit(2);
}
const later = ['kortleser', 'fødselsnummer', 'PIN-kode', 'sperret'];
/** Milliseconds between keys: a quick typist. Slower typing only gives the search more time. */
const KEY_DELAY_MS = 120;
const guidePage = 'buypass-smartkort/';

/**
 * Installed in every document: remembers when the last key went into a text field and,
 * once the search status names a query, the time of the next animation frame (the frame
 * that paints the results). Times are absolute (timeOrigin + now) so they compare across
 * the navigation from a guide page to the search page.
 */
function instrument() {
  const w = window as unknown as { __lastKey?: number; __shown?: Record<string, number> };
  const abs = (t: number) => performance.timeOrigin + t;
  addEventListener('keydown', (e) => (w.__lastKey = abs(e.timeStamp)), true);
  addEventListener('input', (e) => (w.__lastKey = abs(e.timeStamp)), true);
  w.__shown = {};
  const watch = () => {
    const status = document.getElementById('search-status');
    if (!status) return;
    new MutationObserver(() => {
      const match = /«(.+)»/.exec(status.textContent ?? '');
      if (match && w.__shown && !(match[1]! in w.__shown)) {
        const q = match[1]!;
        requestAnimationFrame(() => (w.__shown![q] = abs(performance.now())));
      }
    }).observe(status, { childList: true, characterData: true, subtree: true });
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', watch);
  else watch();
}

async function shownAt(page: Page, q: string): Promise<number> {
  const handle = await page.waitForFunction(
    (q) => (window as unknown as { __shown?: Record<string, number> }).__shown?.[q],
    q,
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Types (or pastes) q into the search page's field; ms from its last keystroke (or the paste's
 * input event) to the results' frame.
 */
async function typeOnSearchPage(page: Page, q: string, paste = false): Promise<number> {
  await page.fill('#search-input', '');
  if (paste) await page.fill('#search-input', q);
  else await page.locator('#search-input').pressSequentially(q, { delay: KEY_DELAY_MS });
  const shown = await shownAt(page, q);
  const lastKey = await page.evaluate(() => (window as unknown as { __lastKey: number }).__lastKey);
  return shown - lastKey;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;

async function openSearchPage(browser: Browser, server: { url: string }) {
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const transferred: { path: string; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.includes('/pagefind/') && !path.endsWith('.js')) return;
    const body = readFileSync(resolve(dir, `.${path}`));
    // Pagefind's index files are compressed already; text is sent gzipped by the server.
    transferred.push({ path, bytes: /\.(pagefind|pf_\w+)$/.test(path) ? body.length : gzipSync(body).length });
  });
  await page.goto(new URL('sok/', server.url).href, { waitUntil: 'networkidle' });
  // Playwright injects its helpers on first use; do that before anything is timed.
  await page.locator('#search-input').waitFor();
  return { context, page, transferred };
}

async function visit(browser: Browser, server: { url: string }) {
  const { context, page, transferred } = await openSearchPage(browser, server);
  const first = await typeOnSearchPage(page, query);
  // The page's load state is long past; wait for the search's own requests to settle.
  let count = -1;
  while (count !== transferred.length) {
    count = transferred.length;
    await page.waitForTimeout(500);
  }
  const files = [...transferred];
  const next: number[] = [];
  for (const q of later) next.push(await typeOnSearchPage(page, q));
  await context.close();
  return { first, next, files };
}

/** A first query pasted at once: no earlier keystrokes have warmed the index. */
async function pasted(browser: Browser, server: { url: string }) {
  const { context, page } = await openSearchPage(browser, server);
  const time = await typeOnSearchPage(page, query, true);
  await context.close();
  return time;
}

async function fromGuidePage(browser: Browser, server: { url: string }) {
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(new URL(guidePage, server.url).href, { waitUntil: 'networkidle' });
  const box = page.locator('header input[name="q"]').first();
  await box.click();
  await page.keyboard.type(query, { delay: KEY_DELAY_MS });
  const before = await page.evaluate(() => performance.timeOrigin + performance.now());
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/sok\//);
  const shown = await shownAt(page, query);
  // The keydown of Enter happened on the guide page, after `before`; its timestamp is gone
  // with that page, so `before` (just earlier) stands in: this errs on the slow side.
  await context.close();
  return shown - before;
}

const gz = (text: string | Buffer) => gzipSync(text).length;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** What the planner's data costs a reader, per language and per feature (gzip, as served). */
function featureBytes() {
  return locales.map((locale) => {
    const vocabulary = JSON.parse(readFileSync(join(dir, 'pagefind', vocabularyFile(locale)), 'utf8')) as Vocabulary;
    return {
      locale,
      file: gz(JSON.stringify(vocabulary)),
      typos: gz(JSON.stringify(vocabulary.words)),
      synonyms: gz(JSON.stringify(vocabulary.synonyms)),
      questions: gz(JSON.stringify(vocabulary.ignore)),
    };
  });
}

interface StepResult {
  step: string;
  features: string;
  found: number;
  total: number;
  empty: number;
  byKind: Record<string, [number, number]>;
  medianMs: number;
  misses: string[];
}

async function recallSteps(browser: Browser, server: { url: string }) {
  const results: Record<string, StepResult[]> = {};
  for (const locale of locales) {
    const queries = readQueries(process.cwd(), locale);
    results[locale] = [];
    for (const step of STEPS) {
      const outcomes: QueryOutcome[] = await recall(browser, server.url, locale, queries, step.features);
      const byKind = Object.fromEntries(
        QUERY_KINDS.map((kind) => {
          const of = outcomes.filter((o) => o.query.kind === kind);
          return [kind, [of.filter((o) => o.found).length, of.length] as [number, number]];
        }),
      );
      results[locale].push({
        step: step.name,
        features: step.features,
        found: outcomes.filter((o) => o.found).length,
        total: outcomes.length,
        empty: outcomes.filter((o) => o.empty).length,
        byKind,
        medianMs: median(outcomes.map((o) => o.ms)),
        misses: outcomes.filter((o) => !o.found).map((o) => `${o.query.kind}: "${o.query.query}" → ${o.top.join(' ') || 'nothing'} (wanted ${o.query.pages.join(', ')})`),
      });
    }
  }
  return results;
}

const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  const visits: Awaited<ReturnType<typeof visit>>[] = [];
  const enters: number[] = [];
  const pastes: number[] = [];
  for (let i = 0; i < runs; i++) {
    visits.push(await visit(browser, server));
    pastes.push(await pasted(browser, server));
    enters.push(await fromGuidePage(browser, server));
  }
  const files = visits[0]!.files;
  const bytes = files.reduce((sum, t) => sum + t.bytes, 0);
  const first = median(visits.map((v) => v.first));
  const next = later.map((_, i) => median(visits.map((v) => v.next[i]!)));
  const enter = median(enters);
  const paste = median(pastes);
  const ok = (good: boolean) => (good ? 'met' : 'NOT met');
  console.log(`Medians of ${runs} visits, each in a fresh browser context; keys ${KEY_DELAY_MS} ms apart.`);
  console.log(`First query "${query}": ${(bytes / 1000).toFixed(1)} KB transferred (${files.length} files) — budget 150 KB: ${ok(bytes <= 150_000)}`);
  for (const t of files) console.log(`  ${t.path} ${(t.bytes / 1000).toFixed(1)} KB`);
  console.log(
    `Typing on the search page, last keystroke to results on screen: first query ${ms(first)} (runs: ${visits.map((v) => Math.round(v.first)).join(', ')}), ` +
      `then ${later.map((q, i) => `${q} ${ms(next[i]!)}`).join(', ')}; ` +
      `pasted as the first query of a visit ${ms(paste)} (runs: ${pastes.map(Math.round).join(', ')}) — ` +
      `budget 100 ms median: ${ok(median([first, paste, ...next]) <= 100)}`,
  );
  console.log(
    `From a guide page (/${guidePage}), Enter in the header's box to results on the search page: ${ms(enter)} (runs: ${enters.map(Math.round).join(', ')}); ` +
      'this includes opening the search page.',
  );

  console.log('\nRecall at 3 over bench/search-queries/ (each step adds one feature to the one before):');
  const steps = await recallSteps(browser, server);
  const dataBytes = featureBytes();
  const script = files.find((f) => f.path.includes('/_astro/'));
  const lines: string[] = [
    '# Search: recall, bytes and time',
    '',
    `${new Date().toISOString()}, \`npm run bench:search\`, ${runs} visits; the real guide built in \`${values.dir}\`.`,
    '',
    '## Typing and transfer',
    '',
    `- First query "${query}": ${kb(bytes)} transferred in ${files.length} requests (budget 150 KB: ${ok(bytes <= 150_000)}).`,
    ...files.map((t) => `  - \`${t.path}\` ${kb(t.bytes)}`),
    `- Last keystroke to results on screen: first query ${ms(first)}, later queries ${later.map((q, i) => `${q} ${ms(next[i]!)}`).join(', ')}, pasted ${ms(paste)}; median ${ms(median([first, paste, ...next]))} (budget 100 ms: ${ok(median([first, paste, ...next]) <= 100)}).`,
    `- From a guide page, Enter in the header's box to results: ${ms(enter)} (includes opening the search page).`,
    '',
    '## Recall at 3',
    '',
    'Each query is typed (at once) into the search page of its language; it counts as found when a page that answers it is among the first three results. "Empty": the search showed no result at all. Time: from the input event to the results on screen, median over the queries (the search waits 15 ms after a keystroke).',
    '',
  ];
  for (const locale of locales) {
    const total = steps[locale]![0]!.total;
    lines.push(`### ${locale} (${total} queries)`, '', `| Step | Found | ${QUERY_KINDS.join(' | ')} | Empty | Median time |`, `| --- | ---: | ${QUERY_KINDS.map(() => '---:').join(' | ')} | ---: | ---: |`);
    for (const r of steps[locale]!) {
      lines.push(`| ${r.step} | ${r.found}/${r.total} | ${QUERY_KINDS.map((k) => `${r.byKind[k]![0]}/${r.byKind[k]![1]}`).join(' | ')} | ${r.empty} | ${ms(r.medianMs)} |`);
      console.log(`  ${locale} ${r.step}: ${r.found}/${r.total}, ${r.empty} empty, ${ms(r.medianMs)}`);
    }
    const last = steps[locale]!.at(-1)!;
    lines.push('', `Not found with every feature: ${last.misses.length === 0 ? 'none.' : ''}`, ...last.misses.map((m) => `- ${m}`), '');
  }
  lines.push(
    '## Bytes each feature adds',
    '',
    'The planner\'s data is one file per language, `pagefind/vocabulary.<locale>.json`, fetched with the first query (gzip sizes, as a server sends it). Its parts, by the feature that needs them:',
    '',
    '| Language | Whole file | Typos (the words) | Synonyms | Questions (ignored words) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...dataBytes.map((b) => `| ${b.locale} | ${kb(b.file)} | ${kb(b.typos)} | ${kb(b.synonyms)} | ${kb(b.questions)} |`),
    '',
    `The code of every feature is in the search page's script: ${script ? kb(script.bytes) : 'not measured'} in all (gzip).`,
    '',
  );
  const outDir = resolve(values.out!);
  writeFileSync(join(outDir, 'search.md'), lines.join('\n'));
  writeFileSync(join(outDir, 'search.json'), `${JSON.stringify({ date: new Date().toISOString(), query, firstQueryBytes: bytes, files, typing: { first, next, paste, enter }, recall: steps, bytes: dataBytes }, null, 2)}\n`);
  console.log(`Wrote ${join(values.out!, 'search.md')} and search.json`);
} finally {
  await browser.close();
  await server.close();
}
