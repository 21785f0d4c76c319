/**
 * node scripts/bench-search.ts [--dir dist] [--query sikkerhetskode]
 *
 * Measures search on a built site the way a reader meets it: the bytes the first query
 * transfers (gzip where a server would compress), and how long after the last keystroke
 * the results are on screen, for the first query and for the ones after it.
 * Budgets (issue "Search"): first query ≤ 150 KB, results ≤ 300 ms after the last keystroke.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' }, query: { type: 'string', default: 'sikkerhetskode' } } });
const dir = resolve(values.dir!);
const later = ['kortleser', 'fødselsnummer', 'PIN-kode', 'sperret'];
const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const transferred: { path: string; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.includes('/pagefind/') && !path.endsWith('.js')) return;
    const file = resolve(dir, `.${path}`);
    const body = readFileSync(file);
    // Pagefind's index files are compressed already; text is sent gzipped by the server.
    transferred.push({ path, bytes: /\.(pagefind|pf_\w+)$/.test(path) ? body.length : gzipSync(body).length });
  });
  await page.goto(new URL('sok/', server.url).href, { waitUntil: 'networkidle' });
  const shown = async (query: string) => {
    const started = performance.now();
    await page.fill('#search-input', query);
    await page.waitForFunction((q) => (document.getElementById('search-status')?.textContent ?? '').includes(`«${q}»`), query);
    return Math.round(performance.now() - started);
  };
  const first = await shown(values.query!);
  await page.waitForLoadState('networkidle');
  const firstFiles = [...transferred];
  const bytes = firstFiles.reduce((sum, t) => sum + t.bytes, 0);
  const next = [];
  for (const query of later) next.push(await shown(query));
  const ok = (good: boolean) => (good ? 'met' : 'NOT met');
  console.log(`First query "${values.query}": ${(bytes / 1000).toFixed(1)} KB transferred (${firstFiles.length} files) — budget 150 KB: ${ok(bytes <= 150_000)}`);
  for (const t of firstFiles) console.log(`  ${t.path} ${(t.bytes / 1000).toFixed(1)} KB`);
  console.log(`Results on screen after the last keystroke: first query ${first} ms, next ${next.join(' / ')} ms — budget 300 ms: ${ok(Math.max(first, ...next) <= 300)}`);
} finally {
  await browser.close();
  await server.close();
}
