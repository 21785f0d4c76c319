/**
 * `npm run screenshots` (scripts/screenshots.ts) in a copy of the project, with Chromium:
 * it draws only the screens named, refuses a PNG that would change size unless told to take
 * it, moves the boxes it wrote itself with the mockup, and keeps a box placed by hand.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { copyProject } from '../support/built-site.ts';

const SCREEN = 'velg-buypass-id';
const FILE = `src/content/screenshots/${SCREEN}.yaml`;
const PNG = `public/screenshots/${SCREEN}.png`;
const MOCKUP = `scripts/screenshots/mockups/${SCREEN}.html`;
const copies: string[] = [];
let root: string;

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/** A fresh copy of the project for one test, so the command never writes into the repository. */
function copy(): string {
  root = copyProject({});
  copies.push(root);
  return root;
}

function screenshots(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/screenshots.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const read = (path: string) => readFileSync(join(root, path));
const edit = (path: string, from: string, to: string) => writeFileSync(join(root, path), read(path).toString('utf8').replace(from, to));
const boxes = () => Object.fromEntries(Object.entries(parse(read(FILE).toString('utf8')).regions as Record<string, { box: number[] }>).map(([k, v]) => [k, v.box]));
const boxLine = (region: string) => {
  const lines = read(FILE).toString('utf8').split('\n');
  return lines.findIndex((line, i) => i > lines.indexOf(`  ${region}:`) && line.startsWith('    box:')) + 1;
};
const keptLines = (output: string) => output.split('\n').filter((line) => line.includes('kept the box'));
/** Every PNG and YAML file the command may write, byte for byte. */
const outputs = () =>
  Object.fromEntries(
    ['public/screenshots', 'src/content/screenshots'].flatMap((dir) => readdirSync(join(root, dir)).map((file) => [`${dir}/${file}`, read(`${dir}/${file}`).toString('base64')])),
  );

/** Makes the screen 40 CSS px (80 PNG px) taller, and the Fortsett button wider, so its box would move too. */
function growScreen(): void {
  edit(MOCKUP, '<main class="screen desktop">', '<main class="screen desktop" style="padding-bottom: 40px">');
  edit(MOCKUP, 'data-region="fortsett"', 'data-region="fortsett" style="padding-inline: 80px"');
}

describe('npm run screenshots draws only what the editor names', () => {
  test('with no screen named it draws nothing and lists the screens, without failing', () => {
    copy();
    const before = outputs();
    const run = screenshots();
    expect(run.status).toBe(0);
    const screens = readdirSync(join(root, 'scripts/screenshots/mockups')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -'.html'.length));
    expect(screens.length).toBeGreaterThan(1);
    for (const screen of screens) expect(run.output).toContain(screen);
    expect(run.output).toContain('npm run screenshots -- --all');
    // A screen with no mockup is a mistake in the command, and says which screens there are.
    const unknown = screenshots('velg-bankd');
    expect(unknown.status).toBe(2);
    expect(unknown.output).toContain('No mockup for "velg-bankd"');
    expect(outputs()).toEqual(before);
  });

  test('with --all it draws every screen', { timeout: 120_000 }, () => {
    copy();
    // --accept-size-change: this test is about which screens are drawn, on any machine's fonts.
    const run = screenshots('--all', '--accept-size-change');
    expect(run.status).toBe(0);
    for (const file of readdirSync(join(root, 'scripts/screenshots/mockups')).filter((f) => f.endsWith('.html'))) {
      expect(run.output).toContain(`public/screenshots/${file.replace(/\.html$/, '.png')}  `);
    }
  });
});

describe('npm run screenshots and a PNG that would change size', () => {
  test('refuses it, names the file, its old and new size and what to do, and writes neither the PNG nor the YAML', { timeout: 120_000 }, async () => {
    copy();
    const { width, height } = await sharp(read(PNG)).metadata();
    growScreen();
    const before = outputs();
    const run = screenshots(SCREEN);
    expect(run.status).toBe(1);
    const refusal = run.output.split('\n').filter((line) => line.startsWith(`${PNG}  `));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(
      new RegExp(`^${PNG}  would change size, ${width}×${height} px → \\d+×\\d+ px, so neither it nor ${FILE} was written: this machine most likely draws the fonts of ${MOCKUP} differently`),
    );
    expect(refusal[0]).toContain(`npm run screenshots -- --accept-size-change ${SCREEN} and then check every region of ${SCREEN} in the region picker (npm run dev, then /_editor/regions/)`);
    expect(outputs()).toEqual(before);
  });

  test('writes it with --accept-size-change, and lists the regions whose boxes to check', { timeout: 120_000 }, async () => {
    copy();
    const { width, height } = await sharp(read(PNG)).metadata();
    const fortsett = boxes().fortsett!;
    growScreen();
    const run = screenshots('--accept-size-change', SCREEN);
    expect(run.status).toBe(0);
    const after = await sharp(read(PNG)).metadata();
    expect(after.width).toBe(width);
    expect(after.height).toBeGreaterThan(height);
    expect(boxes().fortsett![2]).toBeGreaterThan(fortsett[2]! + 100);
    expect(run.output).toContain(
      `${PNG}  changed size, ${width}×${height} px → ${after.width}×${after.height} px: check the box of every region of ${SCREEN} in the region picker (npm run dev, then /_editor/regions/): app, smartkort, passord-sms, nokkel, organisasjon, fortsett`,
    );
  });
});

describe('npm run screenshots and boxes placed by hand', () => {
  test('on the committed screenshots, keeps only the box moved by hand: the PNGs record the boxes the command wrote', { timeout: 120_000 }, () => {
    copy();
    const committed = boxes();
    edit(FILE, `box: [${committed.app!.join(', ')}]`, 'box: [60, 162, 880, 130]');
    const run = screenshots(SCREEN);
    expect(run.status).toBe(0);
    expect(keptLines(run.output)).toHaveLength(1);
    expect(keptLines(run.output)[0]).toMatch(new RegExp(`^${FILE}:${boxLine('app')}  kept the box of region app placed by hand \\(\\[60, 162, 880, 130\\]\\); the mockup measures `));
    expect(boxes().app).toEqual([60, 162, 880, 130]);
  });

  test('moves the boxes it wrote to where the mockup has them, keeps a hand-placed one with a line saying so, and takes the mockup’s with --reset-boxes', { timeout: 120_000 }, () => {
    copy();
    // Start from boxes the command wrote, recorded in the PNG.
    expect(screenshots('--reset-boxes', SCREEN).status).toBe(0);
    const written = boxes();
    const texts = parse(read(FILE).toString('utf8'));

    // The editor moves one box by hand; the mockup's button gets wider.
    edit(FILE, `box: [${written.app!.join(', ')}]`, 'box: [60, 162, 880, 130]');
    edit(MOCKUP, 'data-region="fortsett"', 'data-region="fortsett" style="padding-inline: 80px"');
    const run = screenshots(SCREEN);
    expect(run.status).toBe(0);

    const after = boxes();
    expect(after.app).toEqual([60, 162, 880, 130]);
    expect(after.fortsett![2]).toBeGreaterThan(written.fortsett![2]! + 100);
    expect(keptLines(run.output)).toEqual([
      `${FILE}:${boxLine('app')}  kept the box of region app placed by hand ([60, 162, 880, 130]); the mockup measures [${written.app!.join(', ')}]: run npm run screenshots -- --reset-boxes ${SCREEN} to take the mockup's`,
    ]);
    // Alt texts and labels are the editor's, and stay.
    expect({ alt: parse(read(FILE).toString('utf8')).alt }).toEqual({ alt: texts.alt });

    // Run again: the hand-placed box is still kept, and still said.
    expect(screenshots(SCREEN).output).toContain('kept the box of region app placed by hand');
    expect(boxes().app).toEqual([60, 162, 880, 130]);

    const reset = screenshots('--reset-boxes', SCREEN);
    expect(reset.status).toBe(0);
    expect(reset.output).not.toContain('kept the box');
    expect(boxes().app).toEqual(written.app);
  });
});
