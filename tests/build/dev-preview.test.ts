/**
 * The editors' preview shows what the build publishes: a draft translation's address shows
 * the Bokmål page with its notice, as published, and leads to the draft, which is shown at
 * /_editor/draft/… marked as a draft. A Bokmål draft has no page at its own address.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot, startDevServer, type DevServer } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

const real = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
const drafted = (text: string) => text.replace(/^---\n/, '---\ndraft: true\n');

let root: string;
let dev: DevServer;

beforeAll(async () => {
  root = copyProject({
    // A translation not ready yet, and a new Bokmål page being written.
    'src/content/guides/en/bankid.mdx': drafted(real('src/content/guides/en/bankid.mdx')),
    'src/content/guides/nb/ny-side.mdx': drafted(real('src/content/guides/nb/feilsoking.mdx')).replace(/^title: .*$/m, 'title: En side under arbeid'),
    // A Bokmål step changed since the translations were made.
    'src/content/guides/nb/bankid.mdx': real('src/content/guides/nb/bankid.mdx').replace('og gå videre.', 'og trykk på Neste.'),
  });
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
