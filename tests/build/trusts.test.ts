/**
 * One guide, every trust (src/trusts/): a trust's site names it everywhere the template
 * named xxHF, shows only its login methods, marks unconfirmed values in a preview and
 * refuses them in a production build; bad trust input stops the build at its file and line
 * with dist/ left as it was.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { formatDate, useTranslations } from '../../src/i18n/index.ts';
import { loadTrusts, trustIds } from '../../src/guide/trusts.ts';
import { fillTokens, trustAttr, trustHtml } from '../../src/guide/trust-values.ts';
import { findChromium } from '../../scripts/lib/chromium.ts';
import { projectRoot } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';
import { openPdf, pageTexts, squash } from '../pdf/support/pdf.ts';

const work = mkdtempSync(join(tmpdir(), 'guide-trusts-'));
const withPdfs = findChromium().found;
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `npm run build -- …args` in `root`, as a clean shell would. */
function build(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env };
  for (const name of ['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST', 'BASE_PATH', 'GUIDE_TRUSTS', 'GUIDE_PRODUCTION', 'GUIDE_TRUST_TOKENS', 'GUIDE_TRUST_FOLDERS', 'GUIDE_ROOT']) {
    if (!(name in env)) delete clean[name];
  }
  for (const name of Object.keys(clean)) if (name.startsWith('VITEST')) delete clean[name];
  const result = spawnSync(process.execPath, ['scripts/build.ts', ...args], { cwd: root, encoding: 'utf8', env: clean });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Every file of a site as text a reader could meet: pages, styles, the search index (unpacked) and the PDFs' words. */
async function siteTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = join(dir, entry);
    if (/\.(html|css|js|json|svg|txt)$/.test(entry)) texts.set(entry, readFileSync(file, 'utf8'));
    else if (/\.pf_(fragment|meta)$/.test(entry)) texts.set(entry, gunzipSync(readFileSync(file)).toString('utf8'));
    else if (entry.endsWith('.pdf')) texts.set(entry, (await pageTexts(await openPdf(file))).join('\n'));
  }
  return texts;
}

const page = (dir: string, path: string) => parse(readFileSync(join(dir, path, 'index.html'), 'utf8'));

describe('npm run build -- --trust ous', () => {
  const out = join(work, 'ous');
  let texts: Map<string, string>;

  beforeAll(async () => {
    const result = build(projectRoot, ['--out', out, '--trust', 'ous']);
    expect(result.status, result.output).toBe(0);
    texts = await siteTexts(out);
  });

  test('no "xxHF" is left anywhere: pages, styles, search index, PDFs', () => {
    const left = [...texts].filter(([, text]) => /xxhf/i.test(text)).map(([file]) => file);
    expect(left).toEqual([]);
  });

  test('every page, its title and the search index name Oslo universitetssykehus', () => {
    const pages = [...texts.keys()].filter((f) => f.endsWith('index.html') && !/(^|\/)print\//.test(f));
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const html = parse(texts.get(file)!);
      expect(html.querySelector('.site-org')?.text, file).toBe('Helse Sør-Øst · Oslo universitetssykehus HF');
    }
    const printTitle = page(out, 'print').querySelector('title')?.text;
    expect(printTitle).toContain('Oslo universitetssykehus HF');
    const fragments = [...texts].filter(([file]) => file.endsWith('.pf_fragment')).map(([, text]) => text);
    expect(fragments.some((text) => text.includes('Ekstern portal OUS'))).toBe(true);
  });

  test.runIf(withPdfs)('the PDFs name the trust on their cover and in their running footer', () => {
    const guide = texts.get(join('pdf', 'logg-inn-hjemmefra-nb.pdf'))!;
    expect(squash(guide)).toContain(squash('Veiledning for ansatte i Oslo universitetssykehus HF'));
    const css = texts.get(join('print', 'page-nb.css'))!;
    expect(css).toContain('Logg inn hjemmefra · Oslo universitetssykehus HF');
  });

  test('unconfirmed values are shown marked as such, and unknown ones are no links', () => {
    const footer = page(out, '').querySelector('.service-desk')!;
    const marked = footer.querySelectorAll('.unconfirmed');
    expect(marked.length).toBeGreaterThanOrEqual(3);
    expect(footer.text).toContain('(ikke bekreftet)');
    expect(footer.text).toContain('[ikke oppgitt ennå]');
    expect(footer.querySelectorAll('a[href^="tel:"]')).toHaveLength(0);
    expect(marked.map((m) => m.getAttribute('data-unconfirmed'))).toContain('src/trusts/ous.yaml:20');
  });

  test('canonical and language links are absolute, on the trust\'s address', () => {
    const head = page(out, 'en/bankid');
    expect(head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('https://intranett.oslo-universitetssykehus.no/logg-inn-hjemmefra/en/bankid/');
    expect(head.querySelector('link[hreflang="nn"]')?.getAttribute('href')).toBe('https://intranett.oslo-universitetssykehus.no/logg-inn-hjemmefra/nn/bankid/');
  });
});

describe('a production build', () => {
  test('refuses unconfirmed values, naming the trust file and line, and leaves dist/ as it was', () => {
    const out = join(work, 'kept');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'earlier.html'), 'the last good site');
    const result = build(projectRoot, ['--out', out, '--trust', 'ous', '--production'], { PDF_EXPORT: 'off' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/src\/trusts\/ous\.yaml:20:3 +trust\/unconfirmed +serviceDesk\.phone is not known yet/);
    expect(result.output).toMatch(/src\/trusts\/ous\.yaml:\d+:\d+ +trust\/unconfirmed +names\.portal is not confirmed/);
    expect(readFileSync(join(out, 'earlier.html'), 'utf8')).toBe('the last good site');
    expect(readdirSync(out)).toEqual(['earlier.html']);
  });

  test('an unknown trust id stops before anything is built, listing the trusts', () => {
    const out = join(work, 'never');
    const result = build(projectRoot, ['--out', out, '--trust', 'osu']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('there is no trust "osu" (did you mean "ous"?)');
    expect(result.output).toContain(trustIds(projectRoot).join(', '));
    expect(existsSync(out)).toBe(false);
  });
});

describe('trust files with mistakes', () => {
  const valid = readFileSync(join(projectRoot, 'src/trusts/xxhf.yaml'), 'utf8');
  let root: string;
  beforeAll(() => {
    root = copyProject({
      'src/trusts/typo.yaml': valid.replace('  phone:\n', '  phon:\n'),
      'src/trusts/method.yaml': valid.replace('methods: [buypass-smartkort,', 'methods: [mitid, buypass-smartkort,'),
      'src/trusts/address.yaml': valid.replace('unconfirmed: https://eksternportal.xxhf.no/', 'unconfirmed: http://eksternportal.xxhf.no/'),
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    ['typo', /src\/trusts\/typo\.yaml:20:3 +trust\/field +phon is not a field: did you mean phone\?/],
    ['method', /src\/trusts\/method\.yaml:\d+:\d+ +trust\/field +"mitid" is not a login method; the methods are: buypass-smartkort/],
    ['address', /src\/trusts\/address\.yaml:16:\d+ +trust\/field +portalUrl must be a whole https:\/\/ address/],
  ])('%s: the build stops at the line, and dist/ is not touched', (id, message) => {
    const out = join(root, 'dist');
    const result = build(root, ['--trust', id]);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('npm run check reports every trust file, whichever trust is built', () => {
    const result = spawnSync(process.execPath, ['scripts/check.ts', '--source-only'], { cwd: root, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    for (const file of ['typo', 'method', 'address']) expect(result.stdout + result.stderr).toContain(`src/trusts/${file}.yaml:`);
  });
});

describe('a trust that offers fewer methods, with every value confirmed', () => {
  const trustFile = `names:
  full: Testsykehuset HF
  short: TSH
  portal: TSH
siteUrl: https://intranett.testsykehuset.no/logg-inn/
portalUrl: https://portal.testsykehuset.no/
serviceDesk:
  name: Brukerstøtte TSH
  phone: 99 99 99 99
  hours:
    nb: Hverdager 08–16
    nn: Kvardagar 08–16
    en: Weekdays 08–16
  url: https://www.testsykehuset.no/it-hjelp
methods: [buypass-smartkort, buypass-app, buypass-passord-sms, buypass-nokkel, bankid]
editUrl: https://git.testsykehuset.no/guide/edit/
notes:
  start:
    nb: Bare for Testsykehuset.
    nn: Berre for Testsykehuset.
    en: Only for Testsykehuset.
`;
  const guides = join('src', 'content', 'guides');
  /** The copy's pages: links to the Commfides page taken out of the shared text, an old review date on one page, the note placed. */
  function pages(dropLinks: boolean): Record<string, string> {
    const files: Record<string, string> = { 'src/trusts/tsh.yaml': trustFile };
    for (const locale of ['nb', 'nn', 'en']) {
      for (const slug of ['index', 'feilsoking', 'buypass-app']) {
        const path = join(guides, locale, `${slug}.mdx`);
        let text = readFileSync(join(projectRoot, path), 'utf8');
        if (dropLinks) text = text.replace(/\[([^\]]+)\]\(\/(?:[a-z]{2}\/)?commfides\/\)/g, '$1');
        if (slug === 'index') text = `${text}\n<TrustNote name="start" />\n`;
        if (slug === 'buypass-app') text = text.replace(/lastReviewed: .*/, 'lastReviewed: 2020-01-15');
        files[path] = text;
      }
    }
    return files;
  }

  test('a link to the missing method from shared text is reported at its line', () => {
    const root = copyProject(pages(false));
    try {
      const result = build(root, ['--trust', 'tsh'], { PDF_EXPORT: 'off' });
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/src\/content\/guides\/nb\/index\.mdx:\d+:\d+ +link\/missing-page +"\/commfides\/" is the commfides page, and tsh does not offer commfides/);
      expect(existsSync(join(root, 'dist'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('built for production', () => {
    let root: string;
    let out: string;
    let output: string;
    beforeAll(() => {
      root = copyProject(pages(true));
      out = join(root, 'dist');
      const result = build(root, ['--trust', 'tsh', '--production']);
      output = result.output;
      expect(result.status, result.output).toBe(0);
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    test('the build passes: every value it shows is confirmed', () => {
      expect(output).toContain('for Testsykehuset HF');
      expect(readdirSync(out)).not.toContain('commfides');
      expect(page(out, '').querySelectorAll('.unconfirmed')).toHaveLength(0);
    });

    test('the method has no page, menu entry, search entry or PDF', () => {
      for (const locale of ['', 'nn', 'en']) {
        expect(existsSync(join(out, locale, 'commfides'))).toBe(false);
        const links = page(out, locale).querySelectorAll('a').map((a) => a.getAttribute('href') ?? '');
        expect(links.filter((href) => href.includes('commfides'))).toEqual([]);
      }
      const fragments = readdirSync(join(out, 'pagefind', 'fragment')).map((f) => gunzipSync(readFileSync(join(out, 'pagefind', 'fragment', f))).toString('utf8'));
      expect(fragments.some((text) => text.includes('/commfides/'))).toBe(false);
      expect(fragments.some((text) => text.includes('/bankid/'))).toBe(true);
      const pdfs = existsSync(join(out, 'pdf')) ? readdirSync(join(out, 'pdf')) : [];
      expect(pdfs.filter((f) => f.includes('commfides'))).toEqual([]);
      if (withPdfs) expect(pdfs).toContain('logg-inn-hjemmefra-nb-bankid.pdf');
    });

    test('the service desk is the trust\'s, with a number to dial', () => {
      const desk = page(out, 'en').querySelector('.service-desk')!;
      expect(desk.querySelector('a[href="tel:99999999"]')?.text).toBe('Call 99\u00a099\u00a099\u00a099');
      expect(desk.text).toContain('Weekdays 08–16');
      expect(desk.querySelector('a[href="https://www.testsykehuset.no/it-hjelp"]')).not.toBeNull();
    });

    test('text only this trust shows is on its start page, in each language', () => {
      expect(page(out, '').querySelector('.trust-note')?.text).toBe('Bare for Testsykehuset.');
      expect(page(out, 'nn').querySelector('.trust-note')?.text).toBe('Berre for Testsykehuset.');
      expect(page(out, 'en').querySelector('.trust-note')?.text).toBe('Only for Testsykehuset.');
    });

    test.each(['nb', 'nn', 'en'] as const)('a page whose review is overdue says so in %s, instead of "last reviewed"', (locale) => {
      const t = useTranslations(locale);
      const meta = page(out, locale === 'nb' ? 'buypass-app' : `${locale}/buypass-app`).querySelector('.page-meta')!;
      expect(meta.querySelector('.review-state')?.text).toBe(t('page.reviewDue', { date: formatDate(new Date('2020-01-15T00:00:00Z'), locale) }));
      expect(meta.text).not.toContain(t('page.lastReviewed'));
    });

    test.runIf(withPdfs)('the overdue review is in the handout PDF too', async () => {
      const text = (await pageTexts(await openPdf(join(out, 'pdf', 'logg-inn-hjemmefra-en-buypass-app.pdf')))).join('\n');
      expect(squash(text)).toContain(squash('This page is due for review: last reviewed 15 January 2020.'));
      expect(squash(text)).not.toContain(squash('Last reviewed:'));
    });
  });
});

describe('npm run build -- --all-trusts', () => {
  const out = join(work, 'all');
  const ids = trustIds(projectRoot);
  const { trusts } = loadTrusts(projectRoot, ids);

  beforeAll(() => {
    const result = build(projectRoot, ['--out', out, '--all-trusts'], { PDF_EXPORT: 'off' });
    expect(result.status, result.output).toBe(0);
  });

  test('twelve sites, one per trust, each complete with its own search index', () => {
    expect(ids).toHaveLength(12);
    expect(readdirSync(out).sort()).toEqual(ids);
    for (const id of ids) {
      for (const file of ['index.html', '404.html', 'sok/index.html', 'en/bankid/index.html', 'pagefind/pagefind.js', 'print/page-nb.css']) {
        expect(existsSync(join(out, id, file)), `${id}/${file}`).toBe(true);
      }
    }
  });

  test('each site names its own trust, and no other', () => {
    for (const trust of trusts) {
      const html = readFileSync(join(out, trust.id, 'index.html'), 'utf8');
      expect(parse(html).querySelector('.site-org')?.text).toBe(`Helse Sør-Øst · ${trust.values['names.full'].value}`);
      for (const other of trusts.filter((t) => t.id !== trust.id && !trust.values['names.full'].value!.includes(t.values['names.full'].value!))) {
        expect(html.includes(other.values['names.full'].value!), `${trust.id} names ${other.id}`).toBe(false);
      }
    }
  });
});

describe('a page awaiting its owner\'s review', () => {
  test.each(['nb', 'nn', 'en'] as const)('tells readers so in %s, instead of "last reviewed"', (locale) => {
    const t = useTranslations(locale);
    const dir = inject('siteDir');
    const meta = page(dir, locale === 'nb' ? 'commfides' : `${locale}/commfides`).querySelector('.page-meta')!;
    expect(meta.querySelector('.review-state')?.text).toBe(t('page.awaitingReview'));
    expect(meta.text).not.toContain(t('page.lastReviewed'));
  });

  test.runIf(withPdfs).each(['nb', 'nn', 'en'] as const)('and so does its handout PDF in %s', async (locale) => {
    const t = useTranslations(locale);
    const file = join(inject('siteDir'), 'pdf', `logg-inn-hjemmefra-${locale}-commfides.pdf`);
    const text = squash((await pageTexts(await openPdf(file))).join('\n'));
    expect(text).toContain(squash(t('page.awaitingReview')));
    expect(text).not.toContain(squash(`${t('page.lastReviewed')}:`));
  });
});

describe('trust values in a render', () => {
  test('the build writes tokens, and filling them in escapes the value for where it stands', async () => {
    const { trusts } = loadTrusts(projectRoot, ['xxhf']);
    const trust = structuredClone(trusts[0]!);
    trust.values['names.full'] = { value: 'A & B "HF" <i>', confirmed: true, at: trust.values['names.full'].at };
    process.env.GUIDE_TRUST_TOKENS = '1';
    try {
      const html = `<title>${trustAttr('trustName', 'attr', 'nb')}</title><p>${await trustHtml('trustName', 'text', 'nb')}</p>`;
      const { text } = await fillTokens(html, trust, { production: false, base: '/' }, '/');
      expect(text).toBe('<title>A &amp; B &quot;HF&quot; &lt;i&gt;</title><p>A &amp; B &quot;HF&quot; &lt;i&gt;</p>');
      const refused = await fillTokens(await trustHtml('serviceDeskPhone', 'call', 'nb'), trust, { production: true, base: '/' }, '/bankid/');
      expect(refused.text).toBe('');
      expect(refused.refused.map((r) => `${r.at.file}:${r.at.line} ${r.page}`)).toEqual(['src/trusts/xxhf.yaml:20 /bankid/']);
    } finally {
      delete process.env.GUIDE_TRUST_TOKENS;
    }
  });
});
