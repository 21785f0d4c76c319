/**
 * `npm run screenshots` (scripts/screenshots.ts) in a copy of the project, with Chromium:
 * it moves the boxes it wrote itself with the mockup, and keeps a box placed by hand.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { copyProject } from '../support/built-site.ts';

const FILE = 'src/content/screenshots/velg-buypass-id.yaml';
const MOCKUP = 'scripts/screenshots/mockups/velg-buypass-id.html';
let root: string | undefined;

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function screenshots(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/screenshots.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const boxes = () => Object.fromEntries(Object.entries(parse(readFileSync(join(root!, FILE), 'utf8')).regions as Record<string, { box: number[] }>).map(([k, v]) => [k, v.box]));
const boxLine = (region: string) => {
  const lines = readFileSync(join(root!, FILE), 'utf8').split('\n');
  return lines.findIndex((line, i) => i > lines.indexOf(`  ${region}:`) && line.startsWith('    box:')) + 1;
};

describe('npm run screenshots and boxes placed by hand', () => {
  test('moves the boxes it wrote to where the mockup has them, keeps a hand-placed one with a line saying so, and takes the mockup’s with --reset-boxes', { timeout: 120_000 }, () => {
    root = copyProject({});
    // Start from boxes the command wrote, recorded in the PNG.
    expect(screenshots('--reset-boxes', 'velg-buypass-id').status).toBe(0);
    const written = boxes();
    const texts = parse(readFileSync(join(root, FILE), 'utf8'));

    // The editor moves one box by hand; the mockup's button gets wider.
    writeFileSync(join(root, FILE), readFileSync(join(root, FILE), 'utf8').replace(`box: [${written.app!.join(', ')}]`, 'box: [60, 162, 880, 130]'));
    writeFileSync(join(root, MOCKUP), readFileSync(join(root, MOCKUP), 'utf8').replace('data-region="fortsett"', 'data-region="fortsett" style="padding-inline: 80px"'));
    const run = screenshots('velg-buypass-id');
    expect(run.status).toBe(0);

    const after = boxes();
    expect(after.app).toEqual([60, 162, 880, 130]);
    expect(after.fortsett![2]).toBeGreaterThan(written.fortsett![2]! + 100);
    expect(run.output.split('\n').filter((line) => line.includes('kept the box'))).toEqual([
      `${FILE}:${boxLine('app')}  kept the box of region app placed by hand ([60, 162, 880, 130]); the mockup measures [${written.app!.join(', ')}]: run npm run screenshots -- --reset-boxes velg-buypass-id to take the mockup's`,
    ]);
    // Alt texts and labels are the editor's, and stay.
    expect({ alt: parse(readFileSync(join(root, FILE), 'utf8')).alt }).toEqual({ alt: texts.alt });

    // Run again: the hand-placed box is still kept, and still said.
    expect(screenshots('velg-buypass-id').output).toContain('kept the box of region app placed by hand');
    expect(boxes().app).toEqual([60, 162, 880, 130]);

    const reset = screenshots('--reset-boxes', 'velg-buypass-id');
    expect(reset.status).toBe(0);
    expect(reset.output).not.toContain('kept the box');
    expect(boxes().app).toEqual(written.app);
  });
});
