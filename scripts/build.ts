/**
 * npm run build: builds the site into a staging folder, lets the post-build steps
 * (search index, PDF export, checks) run on it, and only then replaces dist/.
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
