/**
 * The editors' preview shows what the build publishes: a draft translation's address shows
 * the Bokmål page with its notice, as published, and leads to the draft, which is shown at
 * /_editor/draft/… marked as a draft. A Bokmål draft has no page at its own address. A page
 * of a login method the trust does not offer is shown there too, saying which trust file must
 * list it; /_editor/draft/ lists them all. The PDF links are there as in the build, and
 * following one makes the PDF.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { astroEnv, projectRoot, startDevServer, type DevServer } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

const real = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
const drafted = (text: string) => text.replace(/^---\n/, '---\ndraft: true\n');

let root: string;
let dev: DevServer;
/** What `npm run new` printed when it made a new login method's pages. */
let scaffolded: string;

beforeAll(async () => {
  root = copyProject({
    // A translation not ready yet, and a new Bokmål page being written.
    'src/content/guides/en/bankid.mdx': drafted(real('src/content/guides/en/bankid.mdx')),
    'src/content/guides/nb/ny-side.mdx': drafted(real('src/content/guides/nb/feilsoking.mdx')).replace(/^title: .*$/m, 'title: En side under arbeid'),
    // A Bokmål step changed since the translations were made.
    'src/content/guides/nb/bankid.mdx': real('src/content/guides/nb/bankid.mdx').replace('og gå videre.', 'og trykk på Neste.'),
    // The trust the preview shows no longer offers Commfides: its published pages are not published for it.
    'src/trusts/xxhf.yaml': real('src/trusts/xxhf.yaml').replace(/^methods: \[(.*), commfides\]$/m, 'methods: [$1]'),
  });
  // A new login method, as an editor makes it: its entry in src/content/methods.yaml and its draft pages.
  const args = ['buypass-kodebrikke', '--title', 'Buypass ID kodebrikke', '--method', 'buypass-kodebrikke', '--choice', 'buypass', '--label', 'Buypass ID'];
  scaffolded = execFileSync(process.execPath, [join(root, 'scripts/new.ts'), ...args], { cwd: root, env: astroEnv(), encoding: 'utf8' });
  dev = await startDevServer(root);
});

afterAll(() => {
  dev?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; html: ReturnType<typeof parse> }> {
  const response = await fetch(`${dev.origin}${path}`);
  // <pre> parsed as markup too: the status page marks each changed line in it.
  return { status: response.status, html: parse(await response.text(), { blockTextElements: { script: true, style: true } }) };
}

describe('npm run dev shows what the build publishes', () => {
  test('a draft translation’s address shows the Bokmål page with the fallback notice, and leads to the draft', async () => {
    const { status, html } = await get('/en/bankid/');
    expect(status).toBe(200);
    expect(html.querySelector('.fallback-notice')?.text).toBe('This page is not yet available in English. You are reading the Norwegian (Bokmål) original.');
    expect(html.querySelector('article.guide')?.getAttribute('lang')).toBe('nb');
    expect(html.querySelector('h1')?.text).toBe('BankID');
    expect(html.querySelector('.lead')?.text).toMatch(/^Slik logger du inn/);
    const link = html.querySelector('.draft-notice a');
    expect(link?.getAttribute('href')).toBe('/_editor/draft/en/bankid/');
  });

  test('the draft itself is at /_editor/draft/…, in its own language, marked as a draft', async () => {
    const { status, html } = await get('/_editor/draft/en/bankid/');
    expect(status).toBe(200);
    expect(html.querySelector('.draft-notice')?.text).toBe(
      'Draft: this page is not published; only the preview shows it. Remove “draft: true” from src/content/guides/en/bankid.mdx when it is written.',
    );
    expect(html.querySelector('.lead')?.text).toMatch(/^How to log in from home with BankID/);
    expect(html.querySelector('.fallback-notice')).toBeNull();
  });

  test('a Bokmål draft has no page at its address and is in no menu; its preview is marked', async () => {
    expect((await get('/ny-side/')).status).toBe(404);
    const start = await get('/');
    expect(start.html.querySelectorAll('a').map((a) => a.getAttribute('href'))).not.toContain('/ny-side/');
    const preview = await get('/_editor/draft/ny-side/');
    expect(preview.status).toBe(200);
    expect(preview.html.querySelector('h1')?.text).toBe('En side under arbeid');
    expect(preview.html.querySelector('.draft-notice')?.text).toContain('Fjern «draft: true» fra src/content/guides/nb/ny-side.mdx');
    // A published page has no preview address: the site's own address is its preview.
    expect((await get('/_editor/draft/bankid/')).status).toBe(404);
  });

  test('the status page says outdated, names the Bokmål step that changed and shows the change; a draft translation is a draft', async () => {
    const { status, html } = await get('/_editor/status/');
    expect(status).toBe(200);
    const row = html.querySelectorAll('tbody tr').find((tr) => tr.text.includes('src/content/guides/nb/bankid.mdx'))!;
    const [nn, en] = row.querySelectorAll('td').slice(-2);
    expect(nn!.querySelector('a')?.text).toBe('outdated');
    expect(nn!.querySelector('summary')?.text).toMatch(/^the step "Skriv inn fødselsnummeret ditt" changed \(line \d+\)$/);
    expect(nn!.querySelector('.diff del')?.text).toBe('− Skriv fødselsnummeret ditt (11 siffer), og gå videre.');
    expect(nn!.querySelector('.diff ins')?.text).toBe('+ Skriv fødselsnummeret ditt (11 siffer), og trykk på Neste.');
    expect(nn!.text).toContain('npm run translated -- nn/bankid');
    expect(en!.querySelector('a')?.text).toBe('draft (Bokmål shown)');
    expect(en!.querySelector('a')?.getAttribute('href')).toBe('/_editor/draft/en/bankid/');
    const others = html.querySelectorAll('tbody tr').filter((tr) => tr.text.includes('src/content/guides/nb/commfides.mdx'))[0]!;
    expect(others.querySelectorAll('td').slice(-2).map((td) => td.querySelector('a')?.text)).toEqual(['translated', 'translated']);
  });
});

describe('unpublished pages in npm run dev', () => {
  test('a new login method made with npm run new is at the previews it prints, with a notice naming the trust file whose methods: must list it', async () => {
    const printed = /shows it at (\S+), (\S+), (\S+), marked as a draft, and lists it at (\S+);/.exec(scaffolded);
    expect(printed, scaffolded).not.toBeNull();
    const [, nb, nn, en, index] = printed!;
    expect([nb, nn, en, index]).toEqual(['/_editor/draft/buypass-kodebrikke/', '/_editor/draft/nn/buypass-kodebrikke/', '/_editor/draft/en/buypass-kodebrikke/', '/_editor/draft/']);
    expect(scaffolded).toContain('add buypass-kodebrikke to methods: in src/trusts/xxhf.yaml');

    const notices = {
      [nb!]: 'Ikke publisert for xxHF: denne siden gjelder innloggingsmåten «buypass-kodebrikke», og src/trusts/xxhf.yaml har den ikke under «methods:». Siden publiseres for xxHF først når den står der.',
      [nn!]: 'Ikkje publisert for xxHF: denne sida gjeld innloggingsmåten «buypass-kodebrikke», og src/trusts/xxhf.yaml har han ikkje under «methods:». Sida blir publisert for xxHF først når han står der.',
      [en!]: 'Not published for xxHF: this page is for the login method “buypass-kodebrikke”, and src/trusts/xxhf.yaml does not list it under “methods:”. The page is published for xxHF only once it is listed there.',
    };
    for (const [path, notice] of Object.entries(notices)) {
      const { status, html } = await get(path);
      expect(status, path).toBe(200);
      expect(html.querySelector('.trust-methods-notice')?.text, path).toBe(notice);
      expect(html.querySelector('.draft-notice')?.text, path).toMatch(/src\/content\/guides\/(nb|nn|en)\/buypass-kodebrikke\.mdx/);
      // No print page is made of a page the build leaves out, so no PDF either.
      expect(html.querySelector('.pdf-link'), path).toBeNull();
    }
    expect((await get('/buypass-kodebrikke/')).status).toBe(404);
  });

  test('/_editor/draft/ lists every unpublished page per language, linked to its preview, with its source file; the status page links to it', async () => {
    const { status, html } = await get('/_editor/draft/');
    expect(status).toBe(200);
    const listed = (locale: string) =>
      html.querySelectorAll(`ul[data-locale="${locale}"] > li`).map((li) => ({
        href: li.querySelector('a')!.getAttribute('href')!,
        title: li.querySelector('a')!.text.trim(),
        source: li.querySelector('code.source')?.text,
      }));
    const expected = {
      nb: ['/_editor/draft/buypass-kodebrikke/', '/_editor/draft/commfides/', '/_editor/draft/ny-side/'],
      nn: ['/_editor/draft/nn/buypass-kodebrikke/', '/_editor/draft/nn/commfides/'],
      en: ['/_editor/draft/en/bankid/', '/_editor/draft/en/buypass-kodebrikke/', '/_editor/draft/en/commfides/'],
    };
    for (const [locale, hrefs] of Object.entries(expected)) {
      const pages = listed(locale);
      expect(pages.map((p) => p.href).sort(), locale).toEqual(hrefs);
      for (const page of pages) {
        const slug = page.href.split('/').at(-2);
        expect(page.source).toBe(`src/content/guides/${locale}/${slug}.mdx`);
        const preview = await get(page.href);
        expect(preview.status, page.href).toBe(200);
        expect(preview.html.querySelector('h1')?.text, page.href).toBe(page.title);
      }
    }
    // A published page of a method the trust no longer offers: not a draft, and not published for the trust.
    const commfides = await get('/_editor/draft/commfides/');
    expect(commfides.html.querySelector('.trust-methods-notice')?.text).toContain('«commfides», og src/trusts/xxhf.yaml har den ikke under «methods:»');
    expect(commfides.html.querySelectorAll('.draft-notice').map((n) => n.classNames)).toEqual(['draft-notice trust-methods-notice']);

    const statusPage = await get('/_editor/status/');
    expect(statusPage.html.querySelectorAll('a').map((a) => a.getAttribute('href'))).toContain('/_editor/draft/');
  });

  test('the status page and the list of unpublished pages reflow on a phone: no sideways scrolling at 390 and 320 px', async () => {
    const browser = await launchChromium();
    try {
      for (const width of [390, 320]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        // The pages as the server renders them (their styles are inline in dev). Vite's client is left
        // out: it reloads the first page a browser opens on a fresh dev server, which would abort the next visit.
        await page.route('**/@vite/client', (route) => route.abort());
        for (const path of ['/_editor/status/', '/_editor/draft/']) {
          await page.goto(`${dev.origin}${path}`);
          // Every change shown, as an editor opens them.
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
          expect(widths.page, `${path} at ${width} px`).toBeLessThanOrEqual(widths.window);
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  test('a page has the "Last ned som PDF" link the build gives it, and following it gives the PDF of the page as it is now', async () => {
    const { html } = await get('/bankid/');
    const link = html.querySelector('.pdf-link a');
    expect(link?.text.trim()).toBe('Last ned som PDF');
    expect(link?.getAttribute('href')).toBe('/pdf/logg-inn-hjemmefra-nb-bankid.pdf');
    const response = await fetch(`${dev.origin}${link!.getAttribute('href')}`);
    expect(response.status, await response.clone().text().then((t) => t.slice(0, 500))).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    // Made from the page as the dev server shows it now: with the step changed in this copy.
    const doc = await getDocument({ data: pdf, verbosity: 0 }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      text += (await (await doc.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    }
    expect(text.replace(/\s+/g, ' ')).toContain('og trykk på Neste.');
    // A PDF the build does not make is not there.
    expect((await fetch(`${dev.origin}/pdf/logg-inn-hjemmefra-nb-ny-side.pdf`)).status).toBe(404);
  }, 120_000);
});
