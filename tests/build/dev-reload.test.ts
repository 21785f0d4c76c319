/**
 * `npm run dev` follows the editors' data while it runs: a change to a trust's file, to the
 * list of login methods (src/content/methods.yaml) or to the site settings (linkHosts
 * among them) is used by the next page load and the checks, without restarting the
 * command, and the terminal says so in a line.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot, startDevServer, type DevServer } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

let root: string;
let dev: DevServer;

/** A page for a login method the list does not have yet: a copy of the Commfides page. */
const newMethodPage = readFileSync(join(projectRoot, 'src/content/guides/nb/commfides.mdx'), 'utf8')
  .replace('method: commfides', 'method: ny-metode')
  .replace(/^title: .*$/m, 'title: Ny metode');

beforeAll(async () => {
  // A copy of the project (the test changes its files).
  root = copyProject({ 'src/content/guides/nb/ny-metode.mdx': newMethodPage });
  dev = await startDevServer(root, 'info');
});

afterAll(() => {
  dev?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Waits until `ready` holds, trying again every 200 ms; fails with the dev server's output. */
async function until<T>(what: string, ready: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(ready()).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms / 1000} s; the dev server said:\n${dev.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const page = async (path: string) => {
  const response = await fetch(`${dev.origin}${path}`);
  return { status: response.status, html: await response.text() };
};
const footer = (html: string) => /<p class="site-footer-about">([^<]*)<\/p>/.exec(html)?.[1];
/** The terminal's output from now on. */
const mark = () => {
  const from = dev.output().length;
  return () => dev.output().slice(from);
};
const edit = (file: string, from: string, to: string) => {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `${file} holds ${from}`).toContain(from);
  writeFileSync(path, text.replace(from, to));
};

describe('npm run dev while the editors’ data changes', () => {
  test('a trust file changed: the next page load shows its new value, and the terminal says it was reloaded', async () => {
    expect(footer((await page('/bankid/')).html)).toContain('xxHF');
    const since = mark();
    edit('src/trusts/xxhf.yaml', 'full: xxHF', 'full: Testforetaket HF');
    await until('the reload line', () => since().includes('reloaded the trusts (src/trusts/xxhf.yaml): the next page load uses them'));
    expect(footer((await page('/bankid/')).html)).toContain('Testforetaket HF');
  });

  test('a page whose method is not in the list is reported, and stops being rejected once the method is added', async () => {
    expect((await page('/ny-metode/')).status).toBe(404);
    await dev.printed('src/content/guides/nb/ny-metode.mdx:4:9  frontmatter/field  method "ny-metode" is not a login method');
    const since = mark();
    appendFileSync(join(root, 'src/content/methods.yaml'), '- id: ny-metode\n  choice: commfides\n  label: Commfides\n');
    edit('src/trusts/xxhf.yaml', 'bankid, commfides]', 'bankid, commfides, ny-metode]');
    await until('the reload line', () => /reloaded the login methods \(src\/content\/methods\.yaml\)( and the trusts \(src\/trusts\/xxhf\.yaml\))?: the next page load uses them/.test(since()));
    const shown = await until('the new method page', async () => {
      const loaded = await page('/ny-metode/');
      return loaded.status === 200 ? loaded : undefined;
    });
    expect(shown.html).toContain('<h1');
    expect(shown.html).toContain('Ny metode');
    await until('the checks passing again', () => since().includes('the content checks pass again'));
  });

  test('the site settings changed: the next page load shows them, and the terminal says they were reloaded', async () => {
    const since = mark();
    edit('src/site.config.ts', "organisation: 'Helse Sør-Øst'", "organisation: 'Helse Testregion'");
    await until('the line about the site settings', () =>
      since().includes('reloaded the site settings (src/site.config.ts), organisation changed: the next page load and the checks use them'),
    );
    expect(since()).not.toContain('started again');
    await until('the new organisation on the page', async () => footer((await page('/bankid/')).html)?.includes('Helse Testregion') || undefined);
  });

  test('a host added to linkHosts: the page linking to it compiles, and the checks accept it, without a restart', async () => {
    const link = '[Commfides-støtte](https://support.example.org/)';
    let since = mark();
    edit('src/content/guides/nb/commfides.mdx', 'for vanlige feil og hva du kan gjøre.', `for vanlige feil og hva du kan gjøre, eller se ${link}.`);
    await until('the checks refusing the host', () => since().includes('"https://support.example.org/" leads to support.example.org, which is not one of the hosts pages may link to'));
    await until('the page refused', async () => ((await page('/commfides/')).status === 200 ? undefined : true));

    since = mark();
    edit('src/site.config.ts', "'play.google.com']", "'play.google.com', 'support.example.org']");
    await until('the reload line', () => since().includes('reloaded the site settings (src/site.config.ts), linkHosts changed: the next page load and the checks use them'));
    await until('the checks passing again', () => since().includes('the content checks pass again'));
    const shown = await until('the page with its link', async () => {
      const loaded = await page('/commfides/');
      return loaded.status === 200 && loaded.html.includes('href="https://support.example.org/"') ? loaded : undefined;
    });
    expect(shown.html).toContain('<h1');
    expect(dev.output()).not.toContain('started again');
  });
});
