/**
 * Builds the site into the folder given as the first argument, with the same
 * integrations as npm run build (so the PDF export runs when Chromium is found).
 * Run as a child process so each test file controls PATH and CHROMIUM_PATH.
 *
 *   node tests/pdf/support/build-site.ts /tmp/site
 */
import { build } from 'astro';
import { resolve } from 'node:path';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node tests/pdf/support/build-site.ts <outDir>');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '../../..');
try {
  // A cache folder of its own, so builds of parallel test files do not share state.
  await build({ root, outDir: resolve(outDir), cacheDir: resolve(outDir, '..', '.astro-cache'), logLevel: 'warn' });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
