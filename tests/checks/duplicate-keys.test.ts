import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/guide/source-text.ts';
import { readTrust } from '../../src/guide/trusts.ts';
import { parseYaml } from '../../src/guide/yaml-source.ts';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { formatProblem, type Problem } from '../../src/lib/checks/problems.ts';
import { build, copyProject, fixture, projectRoot, removeFixtures, today } from './helpers.ts';

afterAll(removeFixtures);

const SCREENSHOT = 'src/content/screenshots/velg.yaml';
/** The region the old picker had editors paste whole: fortsett again, with a new box, at the end of the file. */
const PASTED_AGAIN = '  fortsett:\n    box: [40, 470, 300, 100]\n    label:\n      nb: Fortsett\n      nn: Fortsett\n      en: Continue\n';

const check = async (root: string) => (await runSourceChecks(root, { now: today, translations: false })).problems;
const about = (problems: readonly Problem[], file: string) => problems.filter((p) => p.file === file && p.severity === 'error').map(formatProblem);

function edit(root: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(root, file), change(readFileSync(join(root, file), 'utf8')));
}

describe('a key written twice in a YAML file the editors write', () => {
  it('names the region written twice and both its lines, at the second one', async () => {
    const root = fixture();
    edit(root, SCREENSHOT, (text) => `${text}${PASTED_AGAIN}`);
    expect(about(await check(root), SCREENSHOT)).toEqual([
      'src/content/screenshots/velg.yaml:18:3  screenshot/invalid-data  region fortsett is written twice (lines 12 and 18): keep one and delete the other',
    ]);
  });

  it('names any other key written twice in a screenshot file: alt, a label’s language, a region three times', async () => {
    const root = fixture();
    edit(root, SCREENSHOT, (text) =>
      `${text.replace('      nn: BankID\n', '      nn: BankID\n      nn: BankID\n')}${PASTED_AGAIN}${PASTED_AGAIN}alt:\n  nb: x\n`,
    );
    expect(about(await check(root), SCREENSHOT)).toEqual([
      'src/content/screenshots/velg.yaml:11:7  screenshot/invalid-data  label nn of region bankid is written twice (lines 10 and 11): keep one and delete the other',
      'src/content/screenshots/velg.yaml:19:3  screenshot/invalid-data  region fortsett is written 3 times (lines 13, 19 and 25): keep one and delete the others',
      'src/content/screenshots/velg.yaml:31:1  screenshot/invalid-data  alt is written twice (lines 1 and 31): keep one and delete the other',
    ]);
  });

  it('names a frontmatter field written twice, at its line in the page', async () => {
    const root = fixture();
    edit(root, 'src/content/guides/nb/bankid.mdx', (text) => text.replace('order: 5\n', 'order: 5\ntitle: BankID-appen\n'));
    expect(about(await check(root), 'src/content/guides/nb/bankid.mdx')).toEqual([
      'src/content/guides/nb/bankid.mdx:6:1  page/frontmatter  title is written twice (lines 2 and 6): keep one and delete the other',
    ]);
  });

  it('names a trust file’s field written twice, with the fields above it', () => {
    const root = fixture();
    mkdirSync(join(root, 'src/trusts'), { recursive: true });
    const text = readFileSync(join(projectRoot, 'src/trusts/xxhf.yaml'), 'utf8').replace('serviceDesk:\n', 'serviceDesk:\n  url:\n    unconfirmed:\n');
    writeFileSync(join(root, 'src/trusts/xxhf.yaml'), text);
    const problems: Problem[] = [];
    expect(readTrust(root, 'xxhf', problems)).toBeUndefined();
    const first = text.split('\n').indexOf('  url:') + 1;
    const second = text.split('\n').lastIndexOf('  url:') + 1;
    expect(problems.map(formatProblem)).toEqual([
      `src/trusts/xxhf.yaml:${second}:3  trust/yaml  url in serviceDesk is written twice (lines ${first} and ${second}): keep one and delete the other`,
    ]);
  });

  it('names a key written twice in an entry of a list, such as a words file', () => {
    const text = '- avoid: [trykk]\n  use: klikk\n- avoid: [chip]\n  use: brikke\n  use: brikken\n';
    const problems: Problem[] = [];
    parseYaml(text, 0, new LineIndex('src/terms/nb.yaml', text), 'terms/yaml', 'this words file', problems);
    expect(problems.map(formatProblem)).toEqual([
      'src/terms/nb.yaml:5:3  terms/yaml  use in item 2 is written twice (lines 4 and 5): keep one and delete the other',
    ]);
  });
});

describe('the editor who pastes a whole region again', () => {
  const line = 'src/content/screenshots/velg.yaml:18:3  screenshot/invalid-data  region fortsett is written twice (lines 12 and 18): keep one and delete the other';

  it('reads the same line from npm run check and from npm run build, and never the YAML library’s words', { timeout: 600_000 }, () => {
    const root = copyProject('fixture');
    edit(root, SCREENSHOT, (text) => `${text}${PASTED_AGAIN}`);

    const checked = spawnSync(process.execPath, ['scripts/check.ts', '--source-only'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: '' },
    });
    const built = build(root);
    for (const [command, status, output] of [
      ['npm run check', checked.status, `${checked.stdout}\n${checked.stderr}`],
      ['npm run build', built.status, built.output],
    ] as const) {
      expect(status, command).not.toBe(0);
      expect(output, command).toContain(line);
      expect(output, command).not.toMatch(/Map keys must be unique|duplicated mapping key/);
    }
  });
});
