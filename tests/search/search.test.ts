/**
 * Search in a real browser against the built site: the words employees type bring
 * the right page near the top, in their language, and a page that is only read
 * loads no search code.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(inject('siteDir'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(new URL(path.replace(/^\//, ''), server.url).href);
  return page;
}

const searchPages = new Map<string, Page>();

/**
 * The result links shown for a query, in order, as site paths with their fragments.
 * One search page per locale is kept open and the query typed into it, as a reader would.
 */
async function search(prefix: string, query: string, method = ''): Promise<{ hrefs: string[]; status: string }> {
  let page = searchPages.get(prefix);
  if (!page) {
    page = await open(`${prefix}sok/`);
    searchPages.set(prefix, page);
  }
  await page.selectOption('#search-method', method);
  await page.fill('#search-input', query);
  // The status names the query once its results are shown.
  await page.waitForFunction(
    (q) => {
      const status = document.getElementById('search-status')?.textContent ?? '';
      const idle = document.querySelector('[data-search]')?.getAttribute('aria-busy') === null;
      return idle && (status.includes(`«${q}»`) || status.includes(`“${q}”`));
    },
    query,
  );
  const hrefs = await page.locator('.search-result-link').evaluateAll((links) =>
    links.map((a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash),
  );
  const status = (await page.locator('#search-status').textContent()) ?? '';
  return { hrefs, status };
}

const topThree = (hrefs: string[]) => hrefs.slice(0, 3).map((h) => h.replace(/#.*$/, ''));

describe.each([
  {
    locale: 'nb',
    prefix: '/',
    queries: [
      ['sikkerhetskode', '/buypass-app/'],
      ['sikkerhetskoden', '/buypass-app/'],
      ['PIN-kode', '/buypass-smartkort/'],
      ['smartkortet', '/buypass-smartkort/'],
      ['fødselsnummer', '/buypass-app/'],
      ['Fortsett', '/buypass-app/'],
      ['PIN sperret', '/feilsoking/'],
      ['kortleser', '/feilsoking/'],
      ['kodebrikke', '/bankid/'],
      ['chipkort', '/buypass-smartkort/'],
    ],
  },
  {
    locale: 'nn',
    prefix: '/nn/',
    queries: [
      ['sikkerheitskode', '/nn/buypass-app/'],
      ['sikkerheitskoden', '/nn/buypass-app/'],
      ['PIN-kode', '/nn/buypass-smartkort/'],
      ['smartkortet', '/nn/buypass-smartkort/'],
      ['fødselsnummer', '/nn/buypass-app/'],
      ['PIN sperra', '/nn/feilsoking/'],
      ['kortlesar', '/nn/feilsoking/'],
    ],
  },
  {
    locale: 'en',
    prefix: '/en/',
    queries: [
      ['security code', '/en/buypass-app/'],
      ['sikkerhetskode', '/en/buypass-app/'],
      ['PIN', '/en/buypass-smartkort/'],
      ['smartcard', '/en/buypass-smartkort/'],
      ['fødselsnummer', '/en/buypass-app/'],
      ['card reader', '/en/feilsoking/'],
      ['blocked PIN', '/en/feilsoking/'],
    ],
  },
])('searching in $locale', ({ prefix, queries }) => {
  it.each(queries)('"%s" brings %s into the top three', async (query, expected) => {
    const { hrefs } = await search(prefix, query!);
    expect(topThree(hrefs)).toContain(expected);
  });

  it('links results to the matching step, not only to the page', async () => {
    const { hrefs } = await search(prefix, prefix === '/en/' ? 'security code' : prefix === '/nn/' ? 'sikkerheitskode' : 'sikkerhetskode');
    expect(hrefs[0]).toMatch(/#[a-z0-9-]+$/);
  });

  it('returns only pages in its own language', async () => {
    const { hrefs } = await search(prefix, 'Buypass');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      if (prefix === '/') expect(href).not.toMatch(/^\/(nn|en)\//);
      else expect(href.startsWith(prefix)).toBe(true);
    }
  });
});

describe('the search page', () => {
  it('narrows the results to one login method with the filter', async () => {
    const all = await search('/', 'Fortsett');
    const bankid = await search('/', 'Fortsett', 'bankid');
    expect(all.hrefs.length).toBeGreaterThan(bankid.hrefs.length);
    expect(bankid.hrefs.length).toBeGreaterThan(0);
    for (const href of bankid.hrefs) expect(href).toMatch(/^\/bankid\//);
  });

  it('announces the number of results in a status region, in the page language', async () => {
    const nb = await search('/', 'sikkerhetskode');
    expect(nb.status).toMatch(/^\d+ treff på «sikkerhetskode»$/);
    const en = await search('/en/', 'security code');
    expect(en.status).toMatch(/^\d+ results? for “security code”$/);
    const none = await search('/nn/', 'xylofonundervisning');
    expect(none.status).toContain('Ingen treff på «xylofonundervisning»');
  });

  it('can be used with the keyboard alone: type, Enter, arrows, Escape', async () => {
    const page = await open('/buypass-app/');
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // site title
    await page.keyboard.press('Tab'); // search box
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('header-search');
    await page.keyboard.type('sikkerhetskode');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sok\/\?q=sikkerhetskode/);
    await page.locator('.search-result-link').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');

    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toBe(await page.locator('.search-result-link').first().getAttribute('href'));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).not.toBe(first);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#search-input')).toBe('');
    expect(await page.locator('.search-result').count()).toBe(0);

    await page.keyboard.type('PIN-kode');
    await page.locator('.search-result-link').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const target = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    await page.keyboard.press('Enter');
    await page.waitForURL(target);
    await page.close();
  });

  it('shows the focus on the search box and the results', async () => {
    const page = await open('/sok/?q=kortleser');
    await page.locator('.search-result-link').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.close();
  });

  it('lists every guide for readers without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL('sok/?q=PIN', server.url).href);
    const guides = await page.locator('#all-guides + .guide-list a').count();
    const menu = await page.goto(new URL('buypass-app/', server.url).href).then(() => page.locator('.site-nav a').count());
    expect(guides).toBe(menu);
    await context.close();
  });
});

/** What the search page shows besides the results: the correction note and the help when nothing is found. */
async function around(prefix: string) {
  const page = searchPages.get(prefix)!;
  return page.evaluate(() => {
    const correction = document.getElementById('search-correction')!;
    const help = document.getElementById('search-help')!;
    return {
      correction: correction.textContent ?? '',
      originalHref: correction.querySelector('a')?.getAttribute('href') ?? '',
      help: !help.hidden && help.getBoundingClientRect().height > 0,
      helpMethods: [...help.querySelectorAll<HTMLAnchorElement>('.search-help-methods a')].map((a) => new URL(a.href).pathname),
      serviceDesk: help.querySelector('.service-desk')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    };
  });
}

describe.each([
  {
    locale: 'nb',
    prefix: '/',
    typo: ['sikkerhetskde', 'sikkerhetskode', '/buypass-app/'],
    typos: [['smartkrt', '/buypass-smartkort/'], ['fødselsnumemr', '/buypass-app/'], ['fodselsnummer', '/buypass-app/'], ['kortlesser', '/feilsoking/']],
    question: ['hva gjør jeg når koden ikke kommer på sms', '/buypass-passord-sms/'],
    partly: ['kortleser xylofonundervisning', '/feilsoking/'],
    synonyms: [['fjerntilgang', '/'], ['hjemme-pc', '/'], ['hjemme pc', '/'], ['yubikey', '/buypass-nokkel/']],
    nothing: 'xylofonundervisning',
  },
  {
    locale: 'nn',
    prefix: '/nn/',
    typo: ['sikkerheitskde', 'sikkerheitskode', '/nn/buypass-app/'],
    typos: [['smartkrt', '/nn/buypass-smartkort/'], ['fødselsnumemr', '/nn/buypass-app/'], ['kortlesarr', '/nn/feilsoking/']],
    question: ['kva gjer eg når koden ikkje kjem på sms', '/nn/buypass-passord-sms/'],
    partly: ['kortlesar xylofonundervisning', '/nn/feilsoking/'],
    synonyms: [['fjerntilgang', '/nn/'], ['heime-pc', '/nn/'], ['yubikey', '/nn/buypass-nokkel/']],
    nothing: 'xylofonundervisning',
  },
  {
    locale: 'en',
    prefix: '/en/',
    typo: ['secuirty code', 'security code', '/en/buypass-app/'],
    typos: [['smartcrad', '/en/buypass-smartkort/'], ['card raeder', '/en/feilsoking/']],
    question: ['what do I do when the code does not come by sms', '/en/buypass-passord-sms/'],
    partly: ['card reader xylophone', '/en/feilsoking/'],
    synonyms: [['remote access', '/en/'], ['home computer', '/en/'], ['yubikey', '/en/buypass-nokkel/']],
    nothing: 'xylophonelessons',
  },
])('a search that never leaves a reader empty-handed ($locale)', ({ prefix, typo, typos, question, partly, synonyms, nothing }) => {
  it('corrects a slip, says so, and links to a search for the word as typed', async () => {
    const [typed, corrected, expected] = typo as [string, string, string];
    const { hrefs } = await search(prefix, typed);
    expect(topThree(hrefs)).toContain(expected);
    const shown = await around(prefix);
    expect(shown.correction).toContain(corrected);
    expect(shown.correction).toContain(typed);

    // Following the link searches for the word as typed, uncorrected.
    const page = searchPages.get(prefix)!;
    await page.locator('#search-correction a').click();
    await page.waitForFunction(() => document.getElementById('search-correction')!.textContent === '');
    expect(new URL(page.url()).searchParams.get('ordrett')).toBe('1');
    expect(new URL(page.url()).searchParams.get('q')).toBe(typed);
    // A reload keeps it uncorrected.
    await page.goto(page.url());
    await page.waitForFunction(() => document.querySelector('[data-search]')?.getAttribute('aria-busy') === null && document.getElementById('search-status')!.textContent !== '');
    expect(await page.locator('#search-correction').textContent()).toBe('');
  });

  it.each(typos)('finds "%s" despite the slip: %s in the top three', async (query, expected) => {
    const { hrefs } = await search(prefix, query!);
    expect(topThree(hrefs)).toContain(expected);
  });

  it('answers a whole question, though most of its words are not in the guide', async () => {
    const [query, expected] = question as [string, string];
    const { hrefs } = await search(prefix, query);
    expect(topThree(hrefs)).toContain(expected);
  });

  it('does not let one word that matches nothing empty the results', async () => {
    const [query, expected] = partly as [string, string];
    const { hrefs } = await search(prefix, query);
    expect(topThree(hrefs)).toContain(expected);
  });

  it.each(synonyms)('understands "%s", a word the guide does not use: %s in the top three', async (query, expected) => {
    const { hrefs } = await search(prefix, query!);
    expect(topThree(hrefs)).toContain(expected);
  });

  it('shows the login methods and the service desk when nothing is found', async () => {
    const before = await search(prefix, 'buypass');
    expect(before.hrefs.length).toBeGreaterThan(0);
    expect((await around(prefix)).help).toBe(false);

    const { hrefs } = await search(prefix, nothing);
    expect(hrefs).toEqual([]);
    const shown = await around(prefix);
    expect(shown.help).toBe(true);
    const page = searchPages.get(prefix)!;
    const options = await page.locator('#search-method option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(shown.helpMethods).toEqual(options.map((slug) => `${prefix}${slug}/`));
    expect(shown.serviceDesk).not.toBe('');
  });
});

describe('a page that is only read', () => {
  it('loads no JavaScript and nothing from the search index', async () => {
    for (const path of ['/', '/buypass-smartkort/', '/nn/feilsoking/', '/en/buypass-app/']) {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(new URL(path.slice(1), server.url).href, { waitUntil: 'networkidle' });
      await page.locator('#header-search').focus();
      await page.keyboard.type('pin');
      await page.waitForTimeout(300);
      expect(requested.filter((p) => p.includes('/pagefind/')), path).toEqual([]);
      expect(requested.filter((p) => p.endsWith('.js')), path).toEqual([]);
      await page.close();
    }
  });
});
