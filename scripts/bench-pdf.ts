/**
 * node scripts/bench-pdf.ts [dist] — measures the PDF export of the built site (dist/) against its
 * budgets: all PDFs of all locales in under 30 s, each whole-guide PDF under 3 MB.
 * A benchmark, not a test: it prints the figures and exits 1 when a budget is broken.
 * The machine's load is printed too, since the time depends on it.
 */
import { existsSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { resolve } from 'node:path';
import { findChromium, INSTALL_HINT } from './lib/chromium.ts';
import { exportPdfs, formatBytes } from './lib/pdf-export.ts';
import { PRINT_MANIFEST } from '../src/lib/print/files.ts';

const BUDGET_SECONDS = 30;
const BUDGET_GUIDE_BYTES = 3 * 1024 * 1024;

const dir = resolve(import.meta.dirname, '..', process.argv[2] ?? 'dist');
const chromium = findChromium();
if (!chromium.found) {
  console.error(`✖ No Chromium (${chromium.reason}): ${INSTALL_HINT}.`);
  process.exit(1);
}
if (!existsSync(resolve(dir, PRINT_MANIFEST))) {
  console.error(`✖ ${dir} has no built print pages: run npm run build first.`);
  process.exit(1);
}

const before = loadavg()[0]!;
const result = await exportPdfs({ dir, chromiumPath: chromium.path });
const seconds = result.ms / 1000;
const guides = result.pdfs.filter((p) => p.target.kind === 'guide');
const handouts = result.pdfs.filter((p) => p.target.kind === 'handout');

console.log(`PDF export benchmark (${cpus().length} cores, load average ${before.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after)`);
for (const guide of guides) {
  console.log(`  whole guide ${guide.target.locale}: ${guide.pages} pages, ${formatBytes(guide.bytes)}, ${guide.passes} passes, ${(guide.ms / 1000).toFixed(1)} s`);
}
const largest = handouts.reduce((a, b) => (b.bytes > a.bytes ? b : a), handouts[0]!);
if (largest) {
  console.log(`  ${handouts.length} handouts: ${Math.min(...handouts.map((h) => h.pages))}–${Math.max(...handouts.map((h) => h.pages))} pages, largest ${formatBytes(largest.bytes)} (${largest.target.file})`);
}

let over = false;
const check = (ok: boolean, line: string) => {
  console.log(`${ok ? '✔' : '✖'} ${line}`);
  over ||= !ok;
};
check(seconds < BUDGET_SECONDS, `all ${result.pdfs.length} PDFs in ${seconds.toFixed(1)} s (budget ${BUDGET_SECONDS} s)`);
for (const guide of guides) {
  check(guide.bytes < BUDGET_GUIDE_BYTES, `${guide.target.file}: ${formatBytes(guide.bytes)} (budget ${formatBytes(BUDGET_GUIDE_BYTES)})`);
}
process.exit(over ? 1 : 0);
