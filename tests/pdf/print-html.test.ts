/** The pure parts of the print pipeline: readable URLs, link plans, the HTML rewrite, file names, Chromium lookup. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium.ts';
import { parsePaperFormat } from '../../scripts/lib/pdf-export.ts';
import { counterContent, cssString } from '../../src/pages/print/page-[locale].css.ts';
import { pdfFileName, pdfPath, printPath } from '../../src/lib/print/files.ts';
import { planLink, preparePrintHtml, printId, sharpestCandidate, visibleText, type LinkContext } from '../../src/lib/print/html.ts';
import { readableUrl, wantsQrCode } from '../../src/lib/print/links.ts';
import { fromHtml } from 'hast-util-from-html';

const appStore = 'https://apps.apple.com/no/app/buypass-id-og-betaling/id382614067?l=nb';
const googlePlay = 'https://play.google.com/store/apps/details?id=no.buypass.mobile.android.mid2&hl=nb';

describe('readableUrl', () => {
  test('drops scheme, www, trailing slash, fragment and language parameters', () => {
    expect(readableUrl(appStore)).toBe('apps.apple.com/no/app/buypass-id-og-betaling/id382614067');
    expect(readableUrl(googlePlay)).toBe('play.google.com/store/apps/details?id=no.buypass.mobile.android.mid2');
    expect(readableUrl('https://www.buypass.no/hjelp/?utm_source=x#top')).toBe('buypass.no/hjelp');
    expect(readableUrl('https://eksternportal.xxhf.no/')).toBe('eksternportal.xxhf.no');
  });
  test('keeps letters a reader types: æ, ø, å in the path', () => {
    expect(readableUrl('https://example.no/f%C3%B8dselsnummer')).toBe('example.no/fødselsnummer');
  });
});

describe('wantsQrCode', () => {
  test('app stores and the portal get QR codes, other sites do not', () => {
    expect(wantsQrCode(appStore)).toBe(true);
    expect(wantsQrCode(googlePlay)).toBe(true);
    expect(wantsQrCode('https://eksternportal.xxhf.no/logg-inn', 'https://eksternportal.xxhf.no/')).toBe(true);
    expect(wantsQrCode('https://eksternportal.xxhf.no/')).toBe(false);
    expect(wantsQrCode('https://www.buypass.no/', 'https://eksternportal.xxhf.no/')).toBe(false);
    expect(wantsQrCode('tel:23000000')).toBe(false);
  });
});

describe('file names and paths', () => {
  test('are stable and per locale', () => {
    expect(pdfFileName('nb')).toBe('logg-inn-hjemmefra-nb.pdf');
    expect(pdfFileName('en', 'buypass-smartkort')).toBe('logg-inn-hjemmefra-en-buypass-smartkort.pdf');
    expect(pdfPath('nn', 'bankid')).toBe('/pdf/logg-inn-hjemmefra-nn-bankid.pdf');
    expect(printPath('nb')).toBe('/print/');
    expect(printPath('nn')).toBe('/nn/print/');
    expect(printPath('en', 'bankid')).toBe('/en/print/bankid/');
  });
});

const pages = [
  { path: '/nn/', anchor: 'page-index', idPrefix: 'index--' },
  { path: '/nn/bankid/', anchor: 'page-bankid', idPrefix: 'bankid--' },
  { path: '/nn/feilsoking/', anchor: 'page-feilsoking', idPrefix: 'feilsoking--' },
];
const guide = (over: Partial<LinkContext> = {}): LinkContext => ({ base: '/', current: pages[1]!, pages, crossReferences: true, ...over });

describe('planLink', () => {
  test('a page of the document becomes a link inside it, with its page number', () => {
    expect(planLink('/nn/feilsoking/', guide())).toEqual({ kind: 'internal', target: 'page-feilsoking', pageRef: true });
    expect(planLink('/nn/feilsoking/#pin-sperret', guide())).toEqual({ kind: 'internal', target: 'feilsoking--pin-sperret', pageRef: true });
    expect(planLink('#steg-2', guide())).toEqual({ kind: 'internal', target: 'bankid--steg-2', pageRef: false });
    expect(planLink('../feilsoking/', guide())).toEqual({ kind: 'internal', target: 'page-feilsoking', pageRef: true });
  });
  test('respects the deploy base', () => {
    expect(planLink('/veiledning/nn/bankid/#x', guide({ base: '/veiledning/' }))).toEqual({ kind: 'internal', target: 'bankid--x', pageRef: false });
  });
  test('other pages of the site: the published address when known, else plain text', () => {
    expect(planLink('/en/bankid/', guide())).toEqual({ kind: 'unlink' });
    expect(planLink('/en/bankid/', guide({ site: 'https://intranett.example.no/' }))).toEqual({
      kind: 'external',
      url: 'https://intranett.example.no/en/bankid/',
    });
    // An absolute link to the site itself is still a page of the document.
    expect(planLink('https://intranett.example.no/nn/bankid/', guide({ site: 'https://intranett.example.no/' }))).toMatchObject({
      kind: 'internal',
      target: 'page-bankid',
    });
  });
  test('web addresses stay, phone numbers are kept as they are', () => {
    expect(planLink(appStore, guide())).toEqual({ kind: 'external', url: appStore });
    expect(planLink('tel:23000000', guide())).toEqual({ kind: 'keep' });
    expect(planLink('mailto:it@example.no', guide())).toEqual({ kind: 'keep' });
  });
  test('non-ASCII fragments become ASCII ids', () => {
    expect(planLink('/nn/feilsoking/#for-lavt-niv%C3%A5', guide())).toMatchObject({ target: 'feilsoking--for-lavt-niv_C3_A5' });
    expect(printId('x--', 'nivå')).toBe('x--niv_C3_A5');
  });
});

describe('preparePrintHtml', () => {
  const options = { links: guide(), qrLabel: (u: string) => `QR-kode til ${u}`, pageRefFormat: '(side {page})', portalUrl: 'https://portal.example.no/' };

  test('prefixes ids and the references to them, and lists headings with their visible text', async () => {
    const out = await preparePrintHtml(
      '<h2 class="step-title" id="sett-inn"><span class="visually-hidden">Steg </span>1 Sett inn</h2><div aria-labelledby="sett-inn"></div><h2 id="mer">Mer hjelp</h2>',
      options,
    );
    expect(out.html).toContain('id="bankid--sett-inn"');
    expect(out.html).toContain('aria-labelledby="bankid--sett-inn"');
    expect(out.headings).toEqual([
      { id: 'bankid--sett-inn', level: 2, text: '1 Sett inn', isStep: true },
      { id: 'bankid--mer', level: 2, text: 'Mer hjelp', isStep: false },
    ]);
  });

  test('headings get single spaces and the step title its own leading space, for the PDF bookmarks', async () => {
    const out = await preparePrintHtml(
      '<h2 class="step-title" id="a">\n  <span class="step-number">1</span> <span class="step-text">Velg   Buypass ID</span>\n</h2>',
      options,
    );
    expect(out.html).toBe('<h2 class="step-title" id="bankid--a"><span class="step-number">1</span><span class="step-text"> Velg Buypass ID</span></h2>');
  });

  test('web links get a readable URL written after them; store and portal links a QR code after their paragraph', async () => {
    const out = await preparePrintHtml(`<p>Last ned <a href="${appStore}">appen</a> eller gå til <a href="https://portal.example.no/">portalen</a>.</p>`, options);
    expect(out.html).toContain('data-print-url="apps.apple.com/no/app/buypass-id-og-betaling/id382614067">appen</a><span class="print-link-url"> (apps.apple.com/no/app/buypass-id-og-betaling/id382614067)</span>');
    expect(out.qrUrls).toEqual([appStore, 'https://portal.example.no/']);
    const tree = fromHtml(out.html, { fragment: true });
    const tags = tree.children.flatMap((c) => (c.type === 'element' ? [c.tagName] : []));
    expect(tags).toEqual(['p', 'div']);
    expect(out.html).toContain('aria-label="QR-kode til portal.example.no"');
  });

  test('a link that prints its own URL (AppStoreLinks) gets only the QR code, inside its list item', async () => {
    const out = await preparePrintHtml(
      `<ul class="app-links"><li><a class="app-link" href="${googlePlay}">Google Play</a><span class="print-url">play.google.com/…</span></li></ul>`,
      options,
    );
    expect(out.html).not.toContain('data-print-url');
    expect(out.html).not.toContain('print-link-url');
    expect(out.html).toMatch(/<li><a[^>]*>Google Play<\/a><span class="print-url">[^<]*<\/span><div class="print-qr-list">/);
  });

  test('cross-references get a page-number slot; unreachable site links become text', async () => {
    const out = await preparePrintHtml('<p>Se <a href="/nn/feilsoking/">feilsøking</a> og <a href="/en/">English</a>.</p>', options);
    expect(out.html).toContain('<a href="#page-feilsoking">feilsøking</a><span class="print-page-ref" data-page-of="page-feilsoking" data-page-format="(side {page})"></span>');
    expect(out.html).toContain('<span class="print-unlinked">English</span>');
  });

  test('screenshots print the original 2× PNG, loaded eagerly', async () => {
    const out = await preparePrintHtml(
      '<picture><source type="image/webp" srcset="/img/a.1x.webp 1x, /img/a.2x.webp 2x"><img src="/screenshots/a.png" width="500" height="400" loading="lazy" decoding="async" alt="A"></picture>',
      options,
    );
    expect(out.html).toBe('<picture><img src="/screenshots/a.png" width="500" height="400" loading="eager" decoding="sync" alt="A"></picture>');
    expect(sharpestCandidate('a.webp 1x, b.webp 2x')).toBe('b.webp 2x');
  });

  test('a figure is a group, so its image is the one Figure of the tagged PDF; a screenshot tells print.css its shape and marker size', async () => {
    const out = await preparePrintHtml(
      '<figure class="screenshot" data-screenshot="a"><div class="screenshot-frame"><picture><img src="/screenshots/a.png" width="390" height="720" alt="A"></picture>' +
        '<svg class="screenshot-markers" viewBox="0 0 780 1440" aria-hidden="true"><g><circle class="region-marker" cx="30" cy="30" r="22"></circle></g></svg></div>' +
        '<figcaption><ol class="marker-list"><li>Knappen</li></ol></figcaption></figure>' +
        '<figure role="none"><img src="/b.png" width="500" height="250" alt="B"></figure>',
      options,
    );
    const figures = [...fromHtml(out.html, { fragment: true }).children].flatMap((c) => (c.type === 'element' ? [c.properties] : []));
    expect(figures[0]).toMatchObject({ role: 'group', dataPrintAspect: '1.8462', dataPrintWidth: '390', dataPrintMarker: '0.0564' });
    // An author's role stays; a figure that is not a screenshot gets no print geometry.
    expect(figures[1]).toMatchObject({ role: 'none' });
    expect(figures[1]).not.toHaveProperty('dataPrintAspect');
  });

  test('a screenshot without markers gets no marker size', async () => {
    const out = await preparePrintHtml('<figure class="screenshot"><div class="screenshot-frame"><img src="/a.png" width="500" height="331" alt="A"></div></figure>', options);
    expect(out.html).toBe('<figure class="screenshot" role="group" data-print-aspect="0.6620" data-print-width="500"><div class="screenshot-frame"><img src="/a.png" width="500" height="331" alt="A" loading="eager" decoding="sync"></div></figure>');
  });

  test('visible text leaves out words only screen readers get', () => {
    const tree = fromHtml('<p><span class="visually-hidden">Advarsel: </span>Kortet   sperres</p>', { fragment: true });
    expect(visibleText(tree)).toBe('Kortet sperres');
  });
});

describe('running footer CSS', () => {
  test('turns the UI string into counters and quotes text safely', () => {
    expect(counterContent('side {page} av {pages}')).toBe('"side " counter(page) " av " counter(pages)');
    expect(counterContent('{page} / {pages}')).toBe('counter(page) " / " counter(pages)');
    expect(cssString('Logg "inn" \\ her')).toBe('"Logg \\"inn\\" \\\\ her"');
  });
});

describe('findChromium', () => {
  test('CHROMIUM_PATH wins; a wrong one is reported, not replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-'));
    const browser = join(dir, 'google-chrome');
    writeFileSync(browser, '#!/bin/sh\n');
    chmodSync(browser, 0o755);
    try {
      expect(findChromium({ CHROMIUM_PATH: browser, PATH: '' })).toEqual({ found: true, path: browser, source: 'CHROMIUM_PATH' });
      expect(findChromium({ CHROMIUM_PATH: join(dir, 'nope'), PATH: dir })).toMatchObject({ found: false, reason: expect.stringContaining('CHROMIUM_PATH') });
      expect(findChromium({ PATH: `/nonexistent:${dir}` })).toEqual({ found: true, path: browser, source: 'PATH' });
      expect(findChromium({ PATH: '/nonexistent' })).toMatchObject({ found: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('paper formats: A4 by default, Letter on request, anything else an error', () => {
  expect(parsePaperFormat(undefined)).toBe('A4');
  expect(parsePaperFormat('letter')).toBe('Letter');
  expect(parsePaperFormat('A4')).toBe('A4');
  expect(() => parsePaperFormat('A5')).toThrow(/A4, Letter/);
});
