/** Helpers for the PDF tests: build once, read PDFs with pdf.js, rasterise with pdftoppm, decode QR codes. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import jsQR from 'jsqr';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
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

/**
 * The document's text in reading order, as its tags give it: each page's marked content
 * in the order of the page's structure tree (the HTML's order), pages one after another.
 * The painted order differs (Chromium paints positioned boxes such as the steps after the
 * rest of a page), and the running header and footer are not tagged, so a paragraph that
 * continues on the next page reads on here as it does in a screen reader.
 */
export async function readingText(doc: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const marked = new Map<string, string>();
    // Marked content nests (Chromium wraps a ligature in a Span inside its element's content):
    // text belongs to the innermost sequence that has an id.
    const open: (string | null)[] = [];
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      if ('str' in item) {
        const id = open.findLast((o) => o !== null);
        if (id) marked.set(id, (marked.get(id) ?? '') + item.str + (item.hasEOL ? '\n' : ''));
      } else if (item.type === 'endMarkedContent') {
        open.pop();
      } else {
        open.push(item.type === 'beginMarkedContentProps' ? item.id || null : null);
      }
    }
    const texts: string[] = [];
    const walk = (node: StructTreeNode) => {
      for (const child of node.children) {
        if ('role' in child) walk(child);
        else if (child.type === 'content') texts.push(marked.get(child.id) ?? '');
      }
    };
    const tree = (await page.getStructTree()) as StructTreeNode | null;
    if (tree) walk(tree);
    pages.push(texts.join(' '));
  }
  return pages.join('\n');
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

/** A node of pdf.js's structure tree. Its type leaves out `alt`, which getStructTree() sets from /Alt (or /ActualText). */
type StructTreeNode = Awaited<ReturnType<PDFPageProxy['getStructTree']>> & { alt?: string };

/** A Figure structure element of a tagged PDF, as one page's structure tree shows it. */
export interface PdfFigure {
  page: number;
  /** Its alternative text (/Alt, or /ActualText), as pdf.js reads it. */
  alt: string | undefined;
  /** Roles from the top of the structure tree down to the Figure's parent: `Document > L > LI > Div > NonStruct`. */
  path: string;
  /** The marked content on this page inside the Figure, its children's included (pdf.js ids, unique in the file). */
  content: string[];
  /** The alt text of the first Figure inside this one, if any. */
  inner: string | undefined;
}

/**
 * Every Figure of every page's structure tree (pdf.js page.getStructTree(), which reads the
 * StructTreeRoot through the page's parent tree). An element whose content spans pages is
 * listed on each of them, and pdf.js also lists the child elements of a list item that
 * continues on a page even when they have no content there: `content` tells which copy is
 * which. See uniqueFigures().
 */
export async function figures(doc: PDFDocumentProxy): Promise<PdfFigure[]> {
  const found: PdfFigure[] = [];
  const contentOf = (node: StructTreeNode): string[] =>
    node.children.flatMap((child) => ('role' in child ? contentOf(child) : child.type === 'content' ? [child.id] : []));
  const innerFigure = (node: StructTreeNode): StructTreeNode | undefined => {
    for (const child of node.children) {
      if (!('role' in child)) continue;
      const found = child.role === 'Figure' ? child : innerFigure(child);
      if (found) return found;
    }
    return undefined;
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const tree = (await (await doc.getPage(n)).getStructTree()) as StructTreeNode | null;
    const walk = (node: StructTreeNode, path: string[]) => {
      if (node.role === 'Figure') found.push({ page: n, alt: node.alt, path: path.join(' > '), content: contentOf(node), inner: innerFigure(node)?.alt });
      for (const child of node.children) if ('role' in child) walk(child, node.role === 'Root' ? path : [...path, node.role]);
    };
    if (tree) walk(tree, []);
  }
  return found;
}

/** One entry per Figure that shows something: the copies pdf.js lists without content are left out. */
export function uniqueFigures(found: readonly PdfFigure[]): PdfFigure[] {
  const seen = new Map<string, PdfFigure>();
  for (const figure of found) {
    const key = figure.content.join(' ');
    if (key && !seen.has(key)) seen.set(key, figure);
  }
  return [...seen.values()];
}

/** Rasterises one page to a grey PNG with poppler's pdftoppm and returns its path; 200 dpi is about what a phone camera resolves. */
export function rasterise(file: string, page: number, dpi = 200): string {
  const out = mkdtempSync(join(tmpdir(), 'pdf-page-'));
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-png', file, join(out, 'p')]);
  const png = readdirSync(out).find((f) => f.endsWith('.png'));
  if (!png) throw new Error(`pdftoppm wrote no image for page ${page} of ${file}`);
  return join(out, png);
}

/** The largest printed code the scan is sure to see whole in some tile: 32 mm at 200 dpi. */
const MAX_CODE_PX = 256;
/** The smallest: a code printed 18 mm wide, at 200 dpi. */
const MIN_CODE_PX = 140;

/**
 * Whether a part of the page holds a square of MIN_CODE_PX as dark as a QR code can be (a
 * code is about half dark modules; text and light screenshots are far less). Answered from a
 * summed-area table of the dark pixels, so that jsQR, the slow part, reads only such tiles.
 */
function denseSquares(data: Uint8Array | Buffer, width: number, height: number): (left: number, top: number, w: number, h: number) => boolean {
  const sums = new Uint32Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < 128) row++;
      sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1]! + row;
    }
  }
  const dark = (x: number, y: number, size: number) =>
    sums[(y + size) * (width + 1) + x + size]! - sums[y * (width + 1) + x + size]! - sums[(y + size) * (width + 1) + x]! + sums[y * (width + 1) + x]!;
  const size = MIN_CODE_PX;
  const enough = size * size * 0.3;
  return (left, top, w, h) => {
    for (let y = top; y + size <= top + h; y += 8) for (let x = left; x + size <= left + w; x += 8) if (dark(x, y, size) >= enough) return true;
    return false;
  };
}

/**
 * Every QR code on a page image. jsQR reads one code per call and loses its way on a
 * whole page of text and screenshots, so it looks at overlapping tiles, placed so that
 * every code of up to MAX_CODE_PX lies whole in one of them, and the answers are pooled.
 * Tiles of two sizes: a large one has room around a code, a small one sees one of two
 * codes printed side by side without the other (whose finder patterns mislead jsQR).
 */
export async function decodeQrCodes(png: string, tiles: readonly number[] = [512, 384]): Promise<string[]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  rmSync(dirname(png), { recursive: true, force: true });
  const holdsCode = denseSquares(data, info.width, info.height);
  const found = new Set<string>();
  for (const tile of tiles) {
    const rgba = new Uint8ClampedArray(tile * tile * 4);
    const stride = tile - MAX_CODE_PX;
    for (let top = 0; top < info.height; top += stride) {
      for (let left = 0; left < info.width; left += stride) {
        const w = Math.min(tile, info.width - left);
        const h = Math.min(tile, info.height - top);
        if (w < tile / 4 || h < tile / 4) continue;
        if (!holdsCode(left, top, w, h)) continue;
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
