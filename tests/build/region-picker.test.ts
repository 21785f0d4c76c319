/**
 * The region picker (/_editor/regions/, `npm run dev` only) in Chromium: an editor moves a
 * region that is in the file, draws a new one, and follows the lines the picker gives; and
 * what the dev server's terminal says when a region is pasted twice.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { REGION_NAMES_STAY_NORWEGIAN } from '../../src/dev/region-edit.ts';
import { parseYaml } from '../../src/guide/yaml-source.ts';
import { LineIndex } from '../../src/guide/source-text.ts';
import type { Problem } from '../../src/lib/checks/problems.ts';
import { startDevServer, type DevServer } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

const FILE = 'src/content/screenshots/velg-buypass-id.yaml';
/** The screenshot's file as the test knows it (the PNG is the real one, 1000 px wide). */
const SOURCE = `# Describes public/screenshots/velg-buypass-id.png.
alt:
  nb: Skjermbildet «Velg Buypass ID»
  nn: Skjermbiletet «Velg Buypass ID»
  en: The “Velg Buypass ID” (Choose Buypass ID) screen
regions:
  app:
    box: [58, 160, 884, 136]
    label:
      nb: Buypass ID i mobil - App
      nn: Buypass ID i mobil - App
      en: Buypass ID i mobil - App (Buypass ID on mobile, with the app)
  smartkort:
    box: [58, 280, 884, 136]
    label:
      nb: Buypass ID på smartkort
      nn: Buypass ID på smartkort
      en: Buypass ID på smartkort (Buypass ID on smartcard)
  passord-sms:
    box: [58, 400, 884, 136]
    label:
      nb: Buypass ID i mobil - Passord/SMS
      nn: Buypass ID i mobil - Passord/SMS
      en: Buypass ID i mobil - Passord/SMS (Buypass ID on mobile, with password and text message)
  nokkel:
    box: [58, 520, 884, 136]
    label:
      nb: Buypass ID nøkkel (sikkerhetsnøkkel)
      nn: Buypass ID nøkkel (sikkerheitsnøkkel)
      en: Buypass ID nøkkel (Buypass ID security key)
  organisasjon:
    box: [56, 682, 888, 120]
    label:
      nb: Feltet der Helse Sør-Øst skal være valgt
      nn: Feltet der Helse Sør-Øst skal vere vald
      en: The field where Helse Sør-Øst must be chosen
  fortsett:
    box: [56, 826, 256, 112]   # the button only, not Avbryt
    label:
      nb: Knappen Fortsett
      nn: Knappen Fortsett
      en: The Fortsett (Continue) button
`;
const WIDTH = 1000;
/** 1-based line of `text` that starts with `start`, after the line `after` (a region's name). */
const lineOf = (text: string, after: string, start: string) => {
  const lines = text.split('\n');
  return lines.findIndex((line, i) => i > lines.indexOf(after) && line.startsWith(start)) + 1;
};

let root: string;
let dev: DevServer;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  root = copyProject({ [FILE]: SOURCE });
  // Warnings shown: the content checks write their report to the terminal as warnings.
  dev = await startDevServer(root, 'warn');
  origin = dev.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  dev?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function openPicker(viewport = { width: 1280, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const url = `${origin}/_editor/regions/?bilde=velg-buypass-id`;
  await page.goto(url, { waitUntil: 'networkidle' });
  // Vite may reload the page once while it optimises dependencies on a first visit.
  await page.waitForSelector('#picker[data-ready]', { timeout: 15_000 }).catch(async () => {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForSelector('#picker[data-ready]');
  });
  await page.waitForFunction(() => (document.getElementById('image') as HTMLImageElement).complete);
  return page;
}

/** The box the picker shows in its fields, in the PNG's pixels. */
const fields = (page: Page) =>
  page.evaluate(() => ['left', 'top', 'width', 'height'].map((n) => Number((document.getElementById(`box-${n}`) as HTMLInputElement).value)));

/** Where a box in the PNG's pixels is on the screen, in CSS pixels. */
async function onScreen(page: Page, box: number[]) {
  const image = (await page.locator('#image').boundingBox())!;
  const scale = image.width / WIDTH;
  return { x: image.x + box[0]! * scale, y: image.y + box[1]! * scale, width: box[2]! * scale, height: box[3]! * scale, scale };
}

async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x / 2, from.y + by.y / 2, { steps: 3 });
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 3 });
  await page.mouse.up();
}

/** The checks' problems in a screenshot file's text. */
function problemsIn(text: string): Problem[] {
  const problems: Problem[] = [];
  parseYaml(text, 0, new LineIndex(FILE, text), 'screenshot/invalid-data', 'this file', problems);
  return problems;
}

describe('the region picker', () => {
  test('draws every region of the file where its box is on the screenshot, and says region names stay Norwegian', async () => {
    const page = await openPicker();
    try {
      const regions = parse(SOURCE).regions as Record<string, { box: number[] }>;
      expect(await page.locator('.box').count()).toBe(Object.keys(regions).length);
      for (const [name, { box }] of Object.entries(regions)) {
        const drawn = (await page.locator(`.box[data-key="region:${name}"]`).boundingBox())!;
        const expected = await onScreen(page, box);
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(drawn[key] - expected[key]), `${name} ${key}`).toBeLessThan(1);
      }
      expect(await page.locator('body').innerText()).toContain(REGION_NAMES_STAY_NORWEGIAN);
    } finally {
      await page.context().close();
    }
  });

  test('moves a region of the file by dragging it and its corner, and names the one line to replace, indented as in the file', async () => {
    const page = await openPicker();
    try {
      const app = await onScreen(page, [58, 160, 884, 136]);
      await page.locator('.box[data-key="region:app"]').click({ position: { x: 40, y: 40 } });
      expect(await page.locator('.box[data-key="region:app"]').getAttribute('aria-pressed')).toBe('true');
      expect(await fields(page)).toEqual([58, 160, 884, 136]);
      expect(await page.locator('#instruction').innerText()).toBe(`This is the box on line 8 of ${FILE}. Drag it or its edges, or use the arrow keys, to move it or change its size.`);

      // 10 and 20 CSS px: 20 and 40 of the PNG's pixels at the desktop's half size.
      await drag(page, { x: app.x + app.width / 2, y: app.y + app.height / 2 }, { x: 10 * (app.scale * 2), y: 20 * (app.scale * 2) });
      expect(await fields(page)).toEqual([78, 200, 884, 136]);
      const corner = (await page.locator('.box[data-key="region:app"] .handle.se').boundingBox())!;
      await drag(page, { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 }, { x: -5 * (app.scale * 2), y: -3 * (app.scale * 2) });
      expect(await fields(page)).toEqual([78, 200, 874, 130]);

      expect(await page.locator('#instruction').innerText()).toBe(`Replace line 8 of ${FILE}, ${'    box: [58, 160, 884, 136]'}, with:`);
      expect(await page.locator('#instruction code').nth(1).textContent()).toBe(SOURCE.split('\n')[7]);
      const replacement = await page.locator('#output').textContent();
      expect(replacement).toBe('    box: [78, 200, 874, 130]');
      await page.getByRole('button', { name: 'Copy the new line' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(replacement);

      // Done as the picker says, the file moves the box and nothing else.
      const lines = SOURCE.split('\n');
      lines[7] = replacement!;
      const edited = lines.join('\n');
      expect(problemsIn(edited)).toEqual([]);
      const expected = parse(SOURCE);
      expected.regions.app.box = [78, 200, 874, 130];
      expect(parse(edited)).toEqual(expected);

      // A comment after the box stays on the line.
      await page.getByRole('button', { name: /^fortsett / }).click();
      await page.keyboard.press('ArrowDown');
      const fortsett = lineOf(SOURCE, '  fortsett:', '    box:');
      expect(await page.locator('#instruction').innerText()).toBe(`Replace line ${fortsett} of ${FILE}, ${SOURCE.split('\n')[fortsett - 1]}, with:`);
      expect(await page.locator('#output').textContent()).toBe('    box: [56, 827, 256, 112]   # the button only, not Avbryt');
    } finally {
      await page.context().close();
    }
  });

  test('moves and resizes the selected region from the keyboard: arrows 1 px, Shift+arrow 10 px, Alt+arrow resizes', async () => {
    const page = await openPicker();
    try {
      // Tab reaches the boxes on the picture; an arrow selects the box it is on, then moves it.
      await page.locator('#shot').focus();
      await page.keyboard.press('Shift+Tab');
      for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.getAttribute('data-key'))) !== 'region:smartkort'; i++) {
        await page.keyboard.press('Shift+Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('region:smartkort');
      const before = await page.evaluate(() => scrollY);
      await page.keyboard.press('ArrowRight');
      expect(await fields(page)).toEqual([59, 280, 884, 136]);
      await page.keyboard.press('Shift+ArrowDown');
      expect(await fields(page)).toEqual([59, 290, 884, 136]);
      await page.keyboard.press('Alt+ArrowLeft');
      expect(await fields(page)).toEqual([59, 290, 883, 136]);
      await page.keyboard.press('Alt+Shift+ArrowUp');
      expect(await fields(page)).toEqual([59, 290, 883, 126]);
      // The keys moved the box, not the page, and Alt+← did not go back a page.
      expect(await page.evaluate(() => scrollY)).toBe(before);
      expect(page.url()).toContain('/_editor/regions/');
      expect(await page.locator('#output').textContent()).toBe('    box: [59, 290, 883, 126]');

      // The numbers can be typed too.
      await page.locator('#box-width').fill('500');
      expect(await page.locator('#output').textContent()).toBe('    box: [59, 290, 500, 126]');
      await page.getByRole('button', { name: 'Put the box back as in the file' }).click();
      expect(await fields(page)).toEqual([58, 280, 884, 136]);
    } finally {
      await page.context().close();
    }
  });

  test('draws a new region and gives its whole block to add under regions:, with the name and labels typed', async () => {
    const page = await openPicker();
    try {
      // The heading "Velg Buypass ID", where no region is.
      const start = await onScreen(page, [60, 40, 0, 0]);
      await drag(page, { x: start.x, y: start.y }, { x: 200 * start.scale, y: 80 * start.scale });
      expect(await fields(page)).toEqual([60, 40, 200, 80]);
      expect(await page.locator('#new-region').isVisible()).toBe(true);

      await page.locator('#new-name').fill('fortsett');
      expect(await page.locator('#instruction').innerText()).toContain(
        'fortsett is already a region of this screenshot: click it on the picture to move it, or choose another name.',
      );
      expect(await page.locator('#output').isVisible()).toBe(false);

      await page.locator('#new-name').fill('tittel');
      await page.locator('#new-nb').fill('Overskriften: «Velg Buypass ID»');
      await page.locator('#new-nn').fill('Overskrifta');
      await page.locator('#new-en').fill('The Velg Buypass ID (Choose Buypass ID) heading');
      const last = SOURCE.trimEnd().split('\n').length;
      expect(await page.locator('#instruction').innerText()).toBe(`Add these lines under regions: in ${FILE}, after line ${last}:`);
      const block = (await page.locator('#output').textContent())!;
      expect(block.split('\n')[0]).toBe('  tittel:');

      const lines = SOURCE.trimEnd().split('\n');
      lines.splice(last, 0, block.trimEnd());
      const edited = `${lines.join('\n')}\n`;
      expect(problemsIn(edited)).toEqual([]);
      expect(parse(edited).regions.tittel).toEqual({
        box: [60, 40, 200, 80],
        label: { nb: 'Overskriften: «Velg Buypass ID»', nn: 'Overskrifta', en: 'The Velg Buypass ID (Choose Buypass ID) heading' },
      });
      expect(await page.locator('#usage').innerText()).toBe(`Then mark it on a page: <Screenshot src="velg-buypass-id" regions={['tittel']} />`);
    } finally {
      await page.context().close();
    }
  });

  test('works on a phone: the picture fits the screen, boxes stay on their regions, and a drag moves by the picture’s scale', async () => {
    const page = await openPicker({ width: 360, height: 740 });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const fortsett = await onScreen(page, [56, 826, 256, 112]);
      expect(fortsett.scale).toBeLessThan(0.4);
      const drawn = (await page.locator('.box[data-key="region:fortsett"]').boundingBox())!;
      expect(Math.abs(drawn.x - fortsett.x)).toBeLessThan(1);
      expect(Math.abs(drawn.y - fortsett.y)).toBeLessThan(1);
      await drag(page, { x: fortsett.x + fortsett.width / 2, y: fortsett.y + fortsett.height / 2 }, { x: 0, y: -20 });
      const [, top] = await fields(page);
      // 20 CSS px up is about 20 / scale of the PNG's pixels.
      expect(Math.abs(826 - top! - 20 / fortsett.scale)).toBeLessThan(2 / fortsett.scale);
    } finally {
      await page.context().close();
    }
  });
});

describe('a region pasted twice while npm run dev runs', () => {
  const second = SOURCE.trimEnd().split('\n').length + 1;
  const line = `${FILE}:${second}:3  screenshot/invalid-data  region app is written twice (lines 7 and ${second}): keep one and delete the other`;

  test('the terminal names the region and both lines, and the picker shows the same instead of lines to paste', async () => {
    writeFileSync(join(root, FILE), `${SOURCE}  app:\n    box: [60, 162, 880, 130]\n    label:\n      nb: a\n      nn: a\n      en: a\n`);
    const until = Date.now() + 30_000;
    while (!dev.output().includes(line) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dev.output()).toContain(line);
    expect(dev.output()).not.toContain('Map keys must be unique');

    const page = await openPicker();
    try {
      expect(await page.locator('#file-problems').innerText()).toContain(line);
      expect(await page.locator('.box').count()).toBe(0);
    } finally {
      await page.context().close();
      writeFileSync(join(root, FILE), readFileSync(join(root, FILE), 'utf8').replace(/ {2}app:\n {4}box: \[60[^]*$/, ''));
    }
  });
});
