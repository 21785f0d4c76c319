/**
 * npm run build: the whole pipeline, into a staging folder, and dist/ replaced only when
 * every step passed. In this order (the integrations in astro.config.mjs run the steps
 * inside Astro's build; a plain `astro build` runs them the same way):
 *
 *   1. source checks (src/lib/checks): every page compiled with the guide's plugins, the
 *      screenshots and data read; nothing is rendered until they pass;
 *   2. Astro renders the pages, each compiled again by the same plugins, which stop on any
 *      page that breaks a rule;
 *   3. built-site checks: links, fragments and ids, looked up in what the compile recorded;
 *      and the last-line scan of every page's markup (scripts, handlers, other hosts);
 *   4. the search index (Pagefind);
 *   5. the PDFs, printed by a Chromium that can reach only the local server.
 *
 * When anything fails, dist/ is left exactly as it was.
 */
import { build } from 'astro';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentChecksSettled } from '../src/integrations/pending-checks.ts';

process.env.ASTRO_TELEMETRY_DISABLED = '1';

const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');
/** Where the finished site goes: dist/, or --out <dir> (the tests build elsewhere). */
const dist = resolve(root, values.out ?? 'dist');
const staging = `${dist}.staging`;
const previous = `${dist}.previous`;
const shown = values.out ?? 'dist/';

rmSync(staging, { recursive: true, force: true });
rmSync(previous, { recursive: true, force: true });

const started = performance.now();
try {
  await build({ root, outDir: staging, logLevel: process.env.BUILD_LOG_LEVEL === 'info' ? 'info' : 'warn' });
} catch (error) {
  // When the content checks find the editor's mistake behind this error, they report it and stop here.
  await contentChecksSettled();
  rmSync(staging, { recursive: true, force: true });
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n${message}\n`);
  console.error(`✖ Build failed: ${shown} was left as it was${existsSync(dist) ? '' : ' (there was none)'}.`);
  process.exit(1);
}

if (existsSync(dist)) renameSync(dist, previous);
renameSync(staging, dist);
rmSync(previous, { recursive: true, force: true });
console.log(`✔ Built ${shown} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
