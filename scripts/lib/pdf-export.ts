/**
 * Prints the site's print pages to PDF with headless Chromium: the whole guide per
 * locale and a handout per login method, into <site>/pdf/.
 *
 * Chromium has no target-counter(), so page numbers in the table of contents and in
 * cross-references are found by printing, reading on which page each link target
 * landed (the PDF's named destinations), writing the numbers in, and printing again
 * until nothing moves.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDF_DIR, PRINT_MANIFEST, type PrintManifest, type PrintTarget } from '../../src/lib/print/files.ts';
import { launchChromium } from './chromium.ts';
import { serveStatic } from './static-server.ts';

export const PAPER_FORMATS = ['A4', 'Letter'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

/** `letter`, `Letter`, `LETTER` → `Letter`; anything unknown is an error naming the choices. */
export function parsePaperFormat(value: string | undefined): PaperFormat {
  if (!value) return 'A4';
  const found = PAPER_FORMATS.find((f) => f.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new Error(`paper format "${value}" is not one of: ${PAPER_FORMATS.join(', ')}`);
  return found;
}

export interface ExportOptions {
  /** The built site (dist/ or the build's staging folder). */
  dir: string;
  /** The deploy base the site was built with (`/`, `/veiledning/`); read from the manifest when left out. */
  base?: string;
  chromiumPath: string;
  format?: PaperFormat;
  /** Print pages at once; Chromium's printing is CPU-bound, so about one per core. */
  concurrency?: number;
  /** Print only these PDFs (file names); all when left out. */
  only?: readonly string[];
  log?: (line: string) => void;
  /** A Chromium already running (several trusts' sites printed one after another); launched and closed here when left out. */
  browser?: Browser;
}

export interface ExportedPdf {
  target: PrintTarget;
  /** Absolute path of the written PDF. */
  path: string;
  bytes: number;
  pages: number;
  /** Times Chromium printed the document before its page numbers stood still. */
  passes: number;
  ms: number;
}

export interface ExportResult {
  pdfs: ExportedPdf[];
  ms: number;
}

/** An error in the export that names the print page, for the build log. */
export class PdfExportError extends Error {
  constructor(target: PrintTarget | undefined, problem: string) {
    super(target ? `PDF ${target.file} (print page ${target.path}): ${problem}` : `PDF export: ${problem}`);
    this.name = 'PdfExportError';
  }
}

export function readManifest(dir: string): PrintManifest {
  const file = join(dir, PRINT_MANIFEST);
  if (!existsSync(file)) {
    throw new PdfExportError(undefined, `${file} is missing: this folder is not a built site with print pages; run npm run build first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as PrintManifest;
}

/** Where each named destination (a link target's id) landed: 1-based page numbers, and the page count. */
export async function destinationPages(pdf: Uint8Array, ids: readonly string[]): Promise<{ pages: Map<string, number>; missing: string[]; numPages: number }> {
  // pdf.js takes ownership of the buffer it is given; hand it a copy.
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages = new Map<string, number>();
    const missing: string[] = [];
    for (const id of ids) {
      const dest = await doc.getDestination(id);
      const ref = dest?.[0];
      if (!ref || typeof ref !== 'object') {
        missing.push(id);
        continue;
      }
      pages.set(id, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
    }
    return { pages, missing, numPages: doc.numPages };
  } finally {
    await task.destroy();
  }
}

/**
 * Waits until every image has loaded and every web font is ready; returns the images
 * that failed. Print pages load images eagerly, so after the load event this only
 * confirms it; an image that failed has no natural width. (Decoding them here as
 * well would cost a quarter of a second per document for nothing: printing decodes.)
 */
async function waitForImagesAndFonts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const images = [...document.images];
    await Promise.all(
      images.map((img) => {
        if (img.complete) return Promise.resolve();
        return new Promise<void>((resolve) => {
          img.addEventListener('load', () => resolve(), { once: true });
          img.addEventListener('error', () => resolve(), { once: true });
        });
      }),
    );
    return images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src);
  });
}

/** Writes each page number into the elements that show it (`data-page-of`, `data-page-format`). */
async function writePageNumbers(page: Page, numbers: Record<string, string>): Promise<void> {
  await page.evaluate((values) => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-page-of]')) {
      const value = values[el.dataset.pageOf ?? ''];
      if (value !== undefined) el.textContent = (el.dataset.pageFormat ?? '{page}').replace('{page}', value);
    }
  }, numbers);
}

const MAX_PASSES = 4;

/** A browser tab that prints one document after another; opening a tab costs more than a page load. */
interface Printer {
  page: Page;
  /** Requests that failed since the last document started. */
  failed: string[];
}

async function openPrinter(browser: Browser, siteUrl: string): Promise<Printer> {
  const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
  const printer: Printer = { page: await context.newPage(), failed: [] };
  const { page } = printer;
  // The print pages are the site's own: a request anywhere but the local server is refused
  // before it leaves the machine (and fails the document below), whatever a page asks for.
  const local = new URL(siteUrl).origin;
  await context.route(
    (url) => url.origin !== local,
    (route) => {
      printer.failed.push(`a request to another host, refused: ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  page.on('response', (response) => {
    if (response.status() >= 400) printer.failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => printer.failed.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`));
  return printer;
}

async function printTarget(printer: Printer, target: PrintTarget, siteUrl: string, options: ExportOptions): Promise<ExportedPdf> {
  const started = performance.now();
  const { page } = printer;
  printer.failed.length = 0;
  const url = new URL(target.path.replace(/^\//, ''), siteUrl).href;
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new PdfExportError(target, `the print page answered ${response?.status() ?? 'nothing'} at ${url}`);
  const broken = await waitForImagesAndFonts(page);
  if (printer.failed.length > 0) throw new PdfExportError(target, `files the page needs did not load: ${printer.failed.join(', ')}`);
  if (broken.length > 0) throw new PdfExportError(target, `images did not load: ${broken.join(', ')}`);

  const pdfOptions = {
    format: options.format ?? 'A4',
    printBackground: true,
    outline: true,
    tagged: true,
    preferCSSPageSize: false,
  } as const;
  const ids = await page.evaluate(() => [
    ...new Set([...document.querySelectorAll<HTMLElement>('[data-page-of]')].map((el) => el.dataset.pageOf ?? '')),
  ]);

  let pdf: Uint8Array;
  let passes = 1;
  let numPages: number;
  if (ids.length === 0) {
    pdf = await page.pdf(pdfOptions);
    numPages = (await destinationPages(pdf, [])).numPages;
  } else {
    // Reserve room for two-digit numbers in the first pass, so filling them in moves little.
    let written: Record<string, string> = Object.fromEntries(ids.map((id) => [id, '88']));
    await writePageNumbers(page, written);
    pdf = await page.pdf(pdfOptions);
    for (;;) {
      const found = await destinationPages(pdf, ids);
      if (found.missing.length > 0) {
        throw new PdfExportError(target, `links point to ids that are not in the document: ${found.missing.map((id) => `#${id}`).join(', ')}`);
      }
      numPages = found.numPages;
      const actual = Object.fromEntries([...found.pages].map(([id, n]) => [id, String(n)]));
      if (ids.every((id) => actual[id] === written[id])) break;
      if (passes >= MAX_PASSES) {
        throw new PdfExportError(target, `page numbers still moved after ${MAX_PASSES} passes; the table of contents may be wrong`);
      }
      written = actual;
      await writePageNumbers(page, written);
      pdf = await page.pdf(pdfOptions);
      passes++;
    }
  }

  const path = join(options.dir, PDF_DIR, target.file);
  writeFileSync(path, pdf);
  return { target, path, bytes: pdf.byteLength, pages: numPages, passes, ms: performance.now() - started };
}

/** Prints every print page of the built site at `options.dir` into `<dir>/pdf/`. */
export async function exportPdfs(options: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const manifest = readManifest(options.dir);
  const all = manifest.targets;
  const unknown = options.only?.filter((file) => !all.some((t) => t.file === file)) ?? [];
  if (unknown.length > 0) {
    throw new PdfExportError(undefined, `no print page makes ${unknown.join(', ')}; the PDFs are: ${all.map((t) => t.file).join(', ')}`);
  }
  const targets = options.only ? all.filter((t) => options.only!.includes(t.file)) : all;
  mkdirSync(join(options.dir, PDF_DIR), { recursive: true });
  const server = await serveStatic(options.dir, options.base ?? manifest.base ?? '/');
  let browser: Browser | undefined;
  try {
    browser = options.browser ?? (await launchChromium(options.chromiumPath));
    const queue = [...targets];
    const pdfs: ExportedPdf[] = [];
    const worker = async () => {
      const printer = await openPrinter(browser!, server.url);
      try {
        for (let target = queue.shift(); target; target = queue.shift()) {
          const result = await printTarget(printer, target, server.url, options);
          pdfs.push(result);
          options.log?.(describe(result));
        }
      } finally {
        // A shared browser outlives this export: its tabs must not.
        await printer.page.context().close();
      }
    };
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, targets.length));
    await Promise.all(Array.from({ length: concurrency }, worker));
    // Report in manifest order, whatever order the workers finished in.
    pdfs.sort((a, b) => targets.indexOf(a.target) - targets.indexOf(b.target));
    return { pdfs, ms: performance.now() - started };
  } finally {
    if (!options.browser) await browser?.close();
    await server.close();
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** `pdf/logg-inn-hjemmefra-nb.pdf  12 pages  640 KB  2 passes  2.1 s` */
export function describe(pdf: ExportedPdf): string {
  const passes = pdf.passes > 1 ? `  ${pdf.passes} passes` : '';
  return `${PDF_DIR}/${pdf.target.file}  ${pdf.pages} ${pdf.pages === 1 ? 'page' : 'pages'}  ${formatBytes(pdf.bytes)}${passes}  ${(pdf.ms / 1000).toFixed(1)} s`;
}
