/**
 * npm run pdf [-- --format letter] [-- --dir dist] [-- --only logg-inn-hjemmefra-nb.pdf]
 *
 * Prints the PDFs (whole guide per language, a handout per login method) from an
 * already built site into <dir>/pdf/, without building again. `npm run build` does
 * the same as its last step whenever Chromium is found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium, INSTALL_HINT } from './lib/chromium.ts';
import { exportPdfs, formatBytes, parsePaperFormat, PdfExportError } from './lib/pdf-export.ts';
import { acquireLock, recover } from './lib/release.ts';
import { PRINT_MANIFEST } from '../src/lib/print/files.ts';

const root = resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      format: { type: 'string', default: process.env.PDF_FORMAT ?? 'A4' },
      dir: { type: 'string', default: 'dist' },
      /** Only these PDFs (file names, comma-separated), e.g. after editing one page. */
      only: { type: 'string' },
    },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}; usage: npm run pdf -- [--format a4|letter] [--dir dist] [--only file.pdf,…]`);
}

const chromium = findChromium();
if (!chromium.found) fail(`No Chromium for the PDFs (${chromium.reason}): ${INSTALL_HINT}.`);

let format;
try {
  format = parsePaperFormat(args.format);
} catch (error) {
  fail((error as Error).message);
}

const dir = resolve(root, args.dir);
// The PDFs are written into the site in place: a build must not swap it meanwhile
// (scripts/lib/release.ts), and what a killed build left is put back first.
const lock = acquireLock(dir);
process.on('exit', () => lock.release());
recover(dir);
if (!existsSync(resolve(dir, PRINT_MANIFEST))) fail(`${args.dir}/ has no built print pages: run npm run build first.`);

try {
  const only = args.only?.split(',').map((f) => f.trim()).filter(Boolean);
  const result = await exportPdfs({ dir, chromiumPath: chromium.path, format, only, log: (line) => console.log(`  ${line}`) });
  const bytes = result.pdfs.reduce((sum, p) => sum + p.bytes, 0);
  console.log(`✔ ${result.pdfs.length} ${result.pdfs.length === 1 ? 'PDF' : 'PDFs'} (${format}, ${formatBytes(bytes)}) in ${args.dir}/pdf/ in ${(result.ms / 1000).toFixed(1)} s`);
  // A site built without Chromium has no links to the PDFs yet.
  const start = resolve(dir, 'index.html');
  if (existsSync(start) && !readFileSync(start, 'utf8').includes('class="pdf-link"')) {
    console.log('  Note: this site was built without the PDF export (no Chromium, or PDF_EXPORT=off), so its pages do not link the PDFs; npm run build adds the links.');
  }
} catch (error) {
  fail(error instanceof PdfExportError ? error.message : `PDF export failed: ${(error as Error).stack ?? error}`);
}
