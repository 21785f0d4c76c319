/**
 * The PDFs of a real build: the whole guide per locale and every handout. Expectations
 * come from the print pages' HTML, so the tests hold for whatever content the guide has.
 * Needs Chromium (apt-get install chromium) and poppler-utils (pdftoppm, pdffonts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium.ts';
import { locales, type Locale } from '../../src/i18n/locales.ts';
import { PDF_DIR, pdfPath, type PrintTarget } from '../../src/lib/print/files.ts';
import { visibleText } from '../../src/lib/print/html.ts';
import { readableUrl } from '../../src/lib/print/links.ts';
import { pagePath } from '../../src/guide/routing.ts';
import {
  decodeQrCodes,
  elements,
  figures,
  fonts,
  hasClass,
  imagePaints,
  node,
  openPdf,
  outline,
  pageTexts,
  printHtml,
  rasterise,
  readingText,
  readManifest,
  root,
  squash,
  uniqueFigures,
  type BuiltSite,
} from './support/pdf.ts';

let site: BuiltSite;
let targets: PrintTarget[];
const docs = new Map<string, PDFDocumentProxy>();

beforeAll(() => {
  const chromium = findChromium();
  if (!chromium.found) throw new Error(`These tests print PDFs and need Chromium: ${chromium.reason}`);
  // The real site with its PDFs, built once for the whole run by tests/global-setup.ts.
  site = { dir: inject('siteDir'), output: '', status: 0, cleanup: () => {} };
  targets = readManifest(site.dir).targets;
}, 15 * 60_000);

afterAll(async () => {
  for (const doc of docs.values()) await doc.loadingTask.destroy();
  site?.cleanup();
});

const pdfFile = (target: PrintTarget) => join(site.dir, PDF_DIR, target.file);
async function pdf(target: PrintTarget): Promise<PDFDocumentProxy> {
  let doc = docs.get(target.file);
  if (!doc) {
    doc = await openPdf(pdfFile(target));
    docs.set(target.file, doc);
  }
  return doc;
}
const guideOf = (locale: Locale) => targets.find((t) => t.kind === 'guide' && t.locale === locale)!;
const handoutsOf = (locale: Locale) => targets.filter((t) => t.kind === 'handout' && t.locale === locale);
const mainOf = (html: Root) => [...elements(html)].find((el) => el.tagName === 'main')!;

/** Every heading of the print page, as a reader sees it. */
function headings(html: Root): { text: string; level: number; id: string }[] {
  return [...elements(mainOf(html))]
    .filter((el) => /^h[1-6]$/.test(el.tagName))
    .map((el) => ({ text: visibleText(el), level: Number(el.tagName[1]), id: String(el.properties.id ?? '') }));
}

/** Leaves out what is hidden from assistive technology (aria-hidden), which the PDF's tags leave out too. */
function withoutHidden(el: Element): Element {
  el.children = el.children.filter((c) => !(c.type === 'element' && String(c.properties.ariaHidden) === 'true'));
  for (const child of el.children) if (child.type === 'element') withoutHidden(child);
  return el;
}

/**
 * The words of every step as the tagged PDF reads them: its title, its paragraphs (with the
 * address the print HTML writes after a web link, "Buypass (buypass.no)") and its marker and
 * callout labels, without what is hidden from screen readers (the number circles of a marker
 * list). A paragraph is cut where the export writes a page number ("… feilsøking (side 30).").
 */
function stepTexts(html: Root): string[] {
  const texts: string[] = [];
  for (const step of [...elements(html)].filter((el) => el.tagName === 'li' && hasClass(el, 'step'))) {
    for (const el of elements(step)) {
      if (hasClass(el, 'step-title') || el.tagName === 'p' || (el.tagName === 'li' && el.properties.dataRegion !== undefined)) {
        const marked = withoutHidden(structuredClone(el));
        for (const ref of elements(marked)) if (hasClass(ref, 'print-page-ref')) ref.children = [{ type: 'text', value: '\u0000' }];
        texts.push(...visibleText(marked).split('\u0000').map((t) => t.trim()).filter(Boolean));
      }
    }
  }
  return texts;
}

/** The URLs that have a QR code, and the pages worth scanning: those that print one of those addresses. */
async function qrPages(doc: PDFDocumentProxy, urls: string[]): Promise<number[]> {
  const texts = (await pageTexts(doc)).map(squash);
  const wanted = urls.map((url) => squash(readableUrl(url)));
  return texts.flatMap((text, index) => (wanted.some((w) => text.includes(w)) ? [index + 1] : []));
}

async function scanQrCodes(target: PrintTarget): Promise<{ expected: string[]; decoded: string[] }> {
  const expected = [...new Set(qrUrls(printHtml(site.dir, target.path)))].sort();
  const decoded = new Set<string>();
  for (const page of await qrPages(await pdf(target), expected)) {
    for (const url of await decodeQrCodes(rasterise(pdfFile(target), page))) decoded.add(url);
  }
  return { expected, decoded: [...decoded].sort() };
}

const images = (html: Root) => [...elements(mainOf(html))].filter((el) => el.tagName === 'img');
/**
 * The pictures a print page shows, by the text a reader of the tagged PDF gets for each:
 * every screenshot's alt text (the description the web page gives it) and every QR code's label.
 */
function pictureNames(html: Root): { screenshots: string[]; qrCodes: string[] } {
  const screenshots = images(html).map((img) => String(img.properties.alt ?? '').trim());
  const qrCodes = [...elements(html)]
    .filter((el) => el.properties.dataQrUrl !== undefined)
    .map((qr) => String([...elements(qr)].find((el) => el.tagName === 'svg')?.properties.ariaLabel ?? '').trim());
  return { screenshots, qrCodes };
}

/**
 * The tag tree's Figures against the print page: none without alt text, and one Figure per
 * screenshot and per QR code, each with that picture's text, and no other. Decorations
 * (marker overlays, callout icons, number circles) are hidden from assistive technology
 * in the HTML, so Chromium leaves them out of the tag tree.
 */
async function checkFigures(target: PrintTarget): Promise<void> {
  const html = printHtml(site.dir, target.path);
  const { screenshots, qrCodes } = pictureNames(html);
  expect(screenshots.filter((alt) => alt === ''), `${target.file}: screenshots without alt text in the print page`).toEqual([]);
  const found = await figures(await pdf(target));
  const unnamed = [...new Set(found.filter((f) => !f.alt?.trim()).map((f) => `page ${f.page}: ${f.path} > Figure${f.inner ? ` around the Figure "${f.inner}"` : ''}`))];
  expect(unnamed, `${target.file}: Figures without alt text`).toEqual([]);
  const named = uniqueFigures(found).map((f) => f.alt!.trim());
  expect(named.sort(), `${target.file}: the Figures' alt texts`).toEqual([...screenshots, ...qrCodes].sort());
}

const qrUrls = (html: Root) => [...elements(html)].filter((el) => el.properties.dataQrUrl !== undefined).map((el) => String(el.properties.dataQrUrl));

test('the manifest names a whole guide per locale and a handout per login-method page', () => {
  for (const locale of locales) {
    expect(guideOf(locale)).toBeDefined();
    expect(handoutsOf(locale).length).toBeGreaterThan(0);
  }
  for (const target of targets) expect(existsSync(pdfFile(target)), target.file).toBe(true);
});

describe.each(locales)('%s', (locale) => {
  test('the start page links the whole guide and each method page its handout', () => {
    const start = readFileSync(join(site.dir, pagePath(locale, 'index'), 'index.html'), 'utf8');
    expect(start).toContain(`href="${pdfPath(locale)}"`);
    for (const handout of handoutsOf(locale)) {
      const page = readFileSync(join(site.dir, pagePath(locale, handout.slug!), 'index.html'), 'utf8');
      expect(page, handout.slug).toContain(`href="${pdfPath(locale, handout.slug)}"`);
    }
  });

  test('whole guide: A4, a sensible page count, tagged, in the right language, fonts embedded', async () => {
    const target = guideOf(locale);
    const doc = await pdf(target);
    const html = printHtml(site.dir, target.path);
    const sections = [...elements(html)].filter((el) => el.tagName === 'article').length;
    // Cover, contents, then every page on sheets of its own; none should need more than five.
    expect(doc.numPages).toBeGreaterThanOrEqual(sections + 2);
    expect(doc.numPages).toBeLessThanOrEqual(sections * 5 + 4);
    const first = await doc.getPage(1);
    expect(first.view.map(Math.round)).toEqual([0, 0, 596, 843]);
    const { info } = (await doc.getMetadata()) as { info: { Language?: string } };
    expect(info.Language).toBe(locale);
    const marks = (await doc.getMarkInfo()) as Map<string, boolean> | { Marked?: boolean } | null;
    expect(marks instanceof Map ? marks.get('Marked') : marks?.Marked).toBe(true);
    const used = fonts(pdfFile(target));
    expect(used.length).toBeGreaterThan(0);
    for (const font of used) expect(font, font.name).toMatchObject({ embedded: true, unicode: true });
  });

  test('whole guide: the outline lists every page and step heading, in order', async () => {
    const target = guideOf(locale);
    const expected = headings(printHtml(site.dir, target.path));
    // Known Chromium defect: a heading that lands at the top of a page after its section was
    // pushed there (nb and nn "Når du må kontakte …") gets its bookmark title written twice.
    // Every other title must match exactly; the doubling is counted so it cannot spread unseen.
    const doubled = (title: string) => title.length % 2 === 0 && title.slice(0, title.length / 2) === title.slice(title.length / 2);
    const actual = (await outline(await pdf(target))).map((e) => (doubled(e.title) ? { ...e, title: e.title.slice(0, e.title.length / 2) } : e));
    const raw = await outline(await pdf(target));
    expect(raw.filter((e) => doubled(e.title)).length).toBeLessThanOrEqual(1);
    expect(actual.map((e) => e.title)).toEqual(expected.map((h) => h.text));
    // Page titles are top-level bookmarks; steps and sections sit under them.
    expect(actual.filter((e) => e.depth === 0).map((e) => e.title)).toEqual(expected.filter((h) => h.level === 1).map((h) => h.text));
    for (const entry of actual) expect(entry.page, entry.title).toBeGreaterThan(0);
  });

  test('whole guide: the text of every step and heading is there in reading order, æ, ø and å intact', async () => {
    const target = guideOf(locale);
    const html = printHtml(site.dir, target.path);
    const text = squash(await readingText(await pdf(target)));
    const expected = [...stepTexts(html), ...headings(html).map((h) => h.text)];
    expect(expected.some((t) => /[æøåÆØÅ]/.test(t)), 'the guide has words with æ, ø or å to check').toBe(true);
    for (const words of expected) expect(text, words).toContain(squash(words));
  });

  test('whole guide: every screenshot is painted', async () => {
    const target = guideOf(locale);
    const paints = await imagePaints(await pdf(target));
    expect(paints.reduce((a, b) => a + b, 0)).toBe(images(printHtml(site.dir, target.path)).length);
  });

  test('whole guide: contents page numbers are the pages the headings are on', async () => {
    const target = guideOf(locale);
    const doc = await pdf(target);
    const html = printHtml(site.dir, target.path);
    const texts = await pageTexts(doc);
    const toc = [...elements(html)].find((el) => hasClass(el, 'print-toc'))!;
    const entries = [...elements(toc)]
      .filter((el): el is Element => el.tagName === 'a')
      .map((a) => ({ id: String(a.properties.href).slice(1), text: visibleText([...elements(a)].find((el) => hasClass(el, 'print-toc-text'))!) }));
    expect(entries.length).toBeGreaterThan(0);

    // The printed numbers are the digits inside each contents line's link.
    const printed = new Map<string, number>();
    const tocPages = (await outline(doc)).find((e) => e.depth === 0)!.page;
    for (let n = tocPages; n <= doc.numPages && printed.size < entries.length; n++) {
      const page = await doc.getPage(n);
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && /^\d+$/.test(i.str.trim()));
      for (const link of await page.getAnnotations()) {
        if (typeof link.dest !== 'string') continue;
        const [x1, y1, x2, y2] = link.rect as number[];
        const digits = items.find((i) => 'transform' in i && i.transform[4] >= x1! - 1 && i.transform[4] <= x2! && i.transform[5] >= y1! - 2 && i.transform[5] <= y2!);
        if (digits && 'str' in digits && !printed.has(link.dest)) printed.set(link.dest, Number(digits.str));
      }
    }
    for (const entry of entries) {
      const dest = await doc.getDestination(entry.id);
      expect(dest, entry.id).toBeTruthy();
      const page = (await doc.getPageIndex(dest![0] as { num: number; gen: number })) + 1;
      expect(printed.get(entry.id), `contents number for "${entry.text}"`).toBe(page);
      expect(squash(texts[page - 1]!), `"${entry.text}" on page ${page}`).toContain(squash(entry.text));
    }
  });

  test('whole guide: cross-references carry the page they lead to', async () => {
    const target = guideOf(locale);
    const doc = await pdf(target);
    const html = printHtml(site.dir, target.path);
    const text = squash((await pageTexts(doc)).join(''));
    for (const ref of [...elements(html)].filter((el) => hasClass(el, 'print-page-ref'))) {
      const id = String(ref.properties.dataPageOf);
      const dest = await doc.getDestination(id);
      const page = (await doc.getPageIndex(dest![0] as { num: number; gen: number })) + 1;
      expect(text, id).toContain(squash(String(ref.properties.dataPageFormat).replace('{page}', String(page))));
    }
  });

  test('whole guide: tagged, every screenshot and QR code one Figure with its alt text', async () => {
    await checkFigures(guideOf(locale));
  });

  test('handouts: tagged, every screenshot and QR code one Figure with its alt text', async () => {
    for (const target of handoutsOf(locale)) await checkFigures(target);
  });

  test('handouts: one sheet printed on both sides, every step and screenshot there, outline from the headings', async () => {
    for (const target of handoutsOf(locale)) {
      const doc = await pdf(target);
      const html = printHtml(site.dir, target.path);
      const shots = images(html).length;
      expect(doc.numPages, target.file).toBeGreaterThanOrEqual(1);
      expect(doc.numPages, `${target.file}: pages`).toBeLessThanOrEqual(2);
      const text = squash(await readingText(doc));
      for (const words of stepTexts(html)) expect(text, `${target.file}: ${words}`).toContain(squash(words));
      expect((await imagePaints(doc)).reduce((a, b) => a + b, 0), target.file).toBe(shots);
      expect((await outline(doc)).map((e) => e.title), target.file).toEqual(headings(html).map((h) => h.text));
    }
  });

  test('handouts: every QR code scans to its URL', async () => {
    for (const target of handoutsOf(locale)) {
      const { expected, decoded } = await scanQrCodes(target);
      expect(expected.length, `${target.file} has QR codes to check`).toBeGreaterThan(0);
      expect(decoded, target.file).toEqual(expected);
    }
  });
});

test.each(locales)('whole guide (%s): every QR code scans to its URL', async (locale) => {
  const { expected, decoded } = await scanQrCodes(guideOf(locale));
  expect(expected.length).toBeGreaterThan(0);
  expect(decoded).toEqual(expected);
});

test('npm run pdf -- --format letter prints the built site on US Letter', () => {
  const only = guideOf('en').file;
  const result = spawnSync(node, [join(root, 'scripts/pdf.ts'), '--dir', site.dir, '--format', 'letter', '--only', only], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/✔ 1 PDF \(Letter/);
  const info = spawnSync('pdfinfo', [pdfFile(guideOf('en'))], { encoding: 'utf8' }).stdout;
  expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
}, 10 * 60_000);
