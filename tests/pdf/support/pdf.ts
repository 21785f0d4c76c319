/** Helpers for the PDF tests: build once, read PDFs with pdf.js, rasterise with pdftoppm, decode QR codes. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import jsQR from 'jsqr';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import type { PrintManifest } from '../../../src/lib/print/files.ts';

export const root = resolve(import.meta.dirname, '../../..');
/** The pinned Node that runs npm scripts (the system one may be older). */
export const node = process.execPath;

export interface BuiltSite {
  dir: string;
  output: string;
  status: number | null;
  cleanup(): void;
}

/** Builds the site into a fresh temporary folder with the given extra environment. */
export function buildSite(env: NodeJS.ProcessEnv = {}): BuiltSite {
  const work = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  const dir = join(work, 'site');
  const result = spawnSync(node, [join(root, 'tests/pdf/support/build-site.ts'), dir], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  return {
    dir,
    output: `${result.stdout}\n${result.stderr}`,
    status: result.status,
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}

export function readManifest(dir: string): PrintManifest {
  return JSON.parse(readFileSync(join(dir, 'print/manifest.json'), 'utf8')) as PrintManifest;
}

/** The print page's HTML for a site path like `/nn/print/`. */
export function printHtml(dir: string, path: string): Root {
  return fromHtml(readFileSync(join(dir, path, 'index.html'), 'utf8'));
}

export function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    yield child;
    yield* elements(child);
  }
}

export function hasClass(el: Element, name: string): boolean {
  const value: unknown = el.properties.className;
  return Array.isArray(value) && value.includes(name);
}

export async function openPdf(file: string): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
}

/** Every page's text, each as one string. */
export async function pageTexts(doc: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  return texts;
}

/** Text compared without white space, so line breaks and spacing in the PDF do not matter. */
export const squash = (text: string) => text.replace(/\s+/g, '');

export interface OutlineEntry {
  title: string;
  depth: number;
  page: number;
}

/** The outline (bookmarks) in document order, with the page each entry opens. */
export async function outline(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  const entries: OutlineEntry[] = [];
  type Item = Awaited<ReturnType<PDFDocumentProxy['getOutline']>>[number];
  const walk = async (items: Item[] | null | undefined, depth: number) => {
    for (const item of items ?? []) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0] as { num: number; gen: number } | undefined;
      entries.push({ title: item.title.replace(/\s+/g, ' ').trim(), depth, page: ref ? (await doc.getPageIndex(ref)) + 1 : 0 });
      await walk(item.items, depth + 1);
    }
  };
  await walk(await doc.getOutline(), 0);
  return entries;
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat]);

/** Images painted on each page. */
export async function imagePaints(doc: PDFDocumentProxy): Promise<number[]> {
  const counts: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    counts.push(ops.fnArray.filter((fn) => IMAGE_OPS.has(fn)).length);
  }
  return counts;
}

/** Rasterises one page to a grey PNG with poppler's pdftoppm and returns its path; 200 dpi is about what a phone camera resolves. */
export function rasterise(file: string, page: number, dpi = 200): string {
  const out = mkdtempSync(join(tmpdir(), 'pdf-page-'));
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-png', file, join(out, 'p')]);
  const png = readdirSync(out).find((f) => f.endsWith('.png'));
  if (!png) throw new Error(`pdftoppm wrote no image for page ${page} of ${file}`);
  return join(out, png);
}

/**
 * Every QR code on a page image. jsQR reads one code per call and loses its way on a
 * whole page of text and screenshots, so it looks at overlapping tiles, each at least
 * twice the size of a printed code, and the answers are pooled.
 */
export async function decodeQrCodes(png: string, tile = 512): Promise<string[]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  rmSync(dirname(png), { recursive: true, force: true });
  const found = new Set<string>();
  const rgba = new Uint8ClampedArray(tile * tile * 4);
  const stride = tile / 2;
  for (let top = 0; top < info.height; top += stride) {
    for (let left = 0; left < info.width; left += stride) {
      const w = Math.min(tile, info.width - left);
      const h = Math.min(tile, info.height - top);
      if (w < tile / 4 || h < tile / 4) continue;
      let dark = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = data[(top + y) * info.width + left + x]!;
          if (v < 128) dark++;
          const i = (y * w + x) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
          rgba[i + 3] = 255;
        }
      }
      // A QR code is about half dark; a tile of white paper or thin text cannot hold one.
      if (dark < w * h * 0.04) continue;
      const code = jsQR(rgba.subarray(0, w * h * 4), w, h, { inversionAttempts: 'dontInvert' });
      if (code?.data) found.add(code.data);
    }
  }
  return [...found];
}

/** Fonts in a PDF as pdffonts lists them: name and whether embedded. */
export function fonts(file: string): { name: string; embedded: boolean; unicode: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: the last five columns are fixed.
    const [emb, , uni] = cols.slice(-5, -2);
    return { name: cols[0]!, embedded: emb === 'yes', unicode: uni === 'yes' };
  });
}
