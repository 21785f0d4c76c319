/**
 * `npm run dev` with an editor's mistake in the data: it starts, shows the guide's own
 * report in the terminal and the page's error in the browser, in the words `npm run check`
 * uses, and never Astro's or the YAML library's crash instead.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { build } from '../checks/helpers.ts';
import { projectRoot, startDevServer, type DevServer } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

const SCREENSHOT = 'src/content/screenshots/velg-buypass-id.yaml';
const original = readFileSync(join(projectRoot, SCREENSHOT), 'utf8');
const lines = original.split('\n');
/** The region `fortsett` of the real file, pasted again at its end: a key written twice. */
const first = lines.indexOf('  fortsett:') + 1;
const next = lines.findIndex((line, i) => i >= first && /^ {0,2}\S/.test(line));
const region = lines.slice(first - 1, next === -1 ? undefined : next).join('\n').trimEnd();
const duplicated = `${original.trimEnd()}\n${region}\n`;
const second = duplicated.split('\n').lastIndexOf('  fortsett:') + 1;
/** Our line about it, as npm run check writes it. */
const reported = `${SCREENSHOT}:${second}:3  screenshot/invalid-data  region fortsett is written twice (lines ${first} and ${second}): keep one and delete the other`;

/** A page that shows the broken screenshot, and one that misspells a screenshot's name. */
const PAGE = 'src/content/guides/nb/buypass-app.mdx';
const page = readFileSync(join(projectRoot, PAGE), 'utf8');
const MISSPELT = 'src/content/guides/nb/commfides.mdx';
const misspelt = readFileSync(join(projectRoot, MISSPELT), 'utf8').replace(/(<Screenshot src=")velg-elektronisk-id"/, '$1velg-elektronsk-id"');

/** What Astro's content loader prints when it reads the YAML itself and throws. */
const ASTRO_CRASH = /Map keys must be unique|duplicated mapping key|YAMLException|glob-loader|loaders\/glob|\[ERROR\] \[content\]|at .*node_modules\/astro\//;

let root: string;
let dev: DevServer;

beforeAll(async () => {
  expect(page, `${PAGE} shows velg-buypass-id`).toContain('src="velg-buypass-id"');
  expect(misspelt, `${MISSPELT} with a misspelt screenshot name`).toContain('src="velg-elektronsk-id"');
  expect(first, `${SCREENSHOT} has the region fortsett`).toBeGreaterThan(0);
  root = copyProject({ [SCREENSHOT]: duplicated, [MISSPELT]: misspelt });
  dev = await startDevServer(root, 'info');
}, 120_000);

afterAll(() => {
  dev?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const get = async (path: string) => {
  const response = await fetch(`${dev.origin}${path}`);
  return { status: response.status, html: await response.text() };
};

/** The error the browser shows on a page: the dev server's overlay, as the editor reads it. */
async function shownError(path: string): Promise<string> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.origin}${path}`, { waitUntil: 'networkidle' });
    // Playwright's CSS reaches into the overlay's shadow root.
    return await page.locator('vite-error-overlay #backdrop').innerText({ timeout: 30_000 });
  } finally {
    await browser.close();
  }
}

describe('npm run dev with a key written twice in a screenshot file', () => {
  test('starts, prints our line about it, and none of Astro’s content loader’s crash', async () => {
    await dev.printed(reported);
    expect(dev.output()).not.toMatch(ASTRO_CRASH);
  });

  test('serves the pages; one that shows the screenshot names the file’s mistake at its line', async () => {
    const start = await get('/');
    expect(start.status).toBe(200);
    expect(start.html).toContain('<h1');
    const shown = await shownError('/buypass-app/');
    expect(shown).toContain(`<Screenshot> in ${PAGE} (/buypass-app/): ${SCREENSHOT} has mistakes`);
    expect(shown).toContain(reported);
    expect(shown).not.toContain('has no description');
    expect(dev.output()).not.toMatch(ASTRO_CRASH);
  });
});

describe('npm run dev with a misspelt screenshot name in a page', () => {
  test('the browser’s error suggests the screenshot, as the terminal’s check does', async () => {
    const suggestion = '"velg-elektronsk-id" is not in public/screenshots (did you mean "velg-elektronisk-id"?)';
    await dev.printed(suggestion);
    const shown = await shownError('/commfides/');
    expect(shown).toContain(`<Screenshot> in ${MISSPELT} (/commfides/): ${suggestion}`);
    expect(shown).not.toContain('add src/content/screenshots/velg-elektronsk-id.yaml');
  });
});

describe('npm run build with a key written twice in a screenshot file', () => {
  test('fails with our line only, and leaves no dist/', { timeout: 600_000 }, () => {
    const result = build(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(reported);
    expect(result.output).not.toMatch(ASTRO_CRASH);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});

describe('npm run dev once the screenshot file is put right', () => {
  test('loads it again without a restart: the page shows the screenshot', async () => {
    writeFileSync(join(root, SCREENSHOT), original);
    const end = Date.now() + 30_000;
    for (;;) {
      const { html } = await get('/buypass-app/');
      if (html.includes('data-screenshot="velg-buypass-id"')) break;
      if (Date.now() > end) throw new Error(`the screenshot did not come back; the dev server said:\n${dev.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(dev.output()).not.toMatch(ASTRO_CRASH);
  });
});
