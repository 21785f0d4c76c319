/**
 * npm run build: builds the site into a staging folder, lets the post-build steps
 * (search index, PDF export, checks) run on it, and only then replaces dist/.
 * When anything fails, dist/ is left exactly as it was.
 */
import { build } from 'astro';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

process.env.ASTRO_TELEMETRY_DISABLED = '1';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');
const staging = resolve(root, '.dist-staging');
const previous = resolve(root, '.dist-previous');

rmSync(staging, { recursive: true, force: true });
rmSync(previous, { recursive: true, force: true });

const started = performance.now();
try {
  await build({ root, outDir: staging, logLevel: process.env.BUILD_LOG_LEVEL === 'info' ? 'info' : 'warn' });
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n${message}\n`);
  console.error(`✖ Build failed: dist/ was left as it was${existsSync(dist) ? '' : ' (there was none)'}.`);
  process.exit(1);
}

if (existsSync(dist)) renameSync(dist, previous);
renameSync(staging, dist);
rmSync(previous, { recursive: true, force: true });
console.log(`✔ Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
