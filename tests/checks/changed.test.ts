/**
 * `npm run check -- --changed`: only the problems of the files a branch changed, counted
 * against what it leaves out. The pure part (what git's answers mean, the summary line)
 * first; then the command in temporary git repositories made from the fixture site.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseNotFoundMessage,
  changedPages,
  changedSummary,
  firstKnownBase,
  mergeBaseNotFoundMessage,
  splitByChange,
  splitPaths,
} from '../../src/lib/checks/changed.ts';
import { problem, type Problem } from '../../src/lib/checks/problems.ts';
import type { JsonReport } from '../../src/lib/checks/problems.ts';
import { fixture, projectRoot, removeFixtures } from './helpers.ts';

/** Folders of the test's own besides the fixtures: JSON reports, clones. */
const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  removeFixtures();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const at = (file: string, line = 1) => ({ file, line, column: 1 });
const error = (file: string) => problem(at(file), 'link/missing-page', '"/bankd/" is not a page of the site');
const warning = (file: string) => problem(at(file), 'review/overdue', 'last reviewed 2025-01-01', 'warning');

describe('what changed, from git', () => {
  it('reads NUL-separated paths, Norwegian letters and spaces as written', () => {
    expect(splitPaths('src/content/guides/nb/feilsøking.mdx\0public/screenshots/ny side.png\0')).toEqual([
      'src/content/guides/nb/feilsøking.mdx',
      'public/screenshots/ny side.png',
    ]);
    expect(splitPaths('')).toEqual([]);
  });

  it('compares with origin/HEAD, else origin/main, else main', () => {
    const defaults = ['origin/HEAD', 'origin/main', 'main'];
    expect(firstKnownBase(defaults, (ref) => ref !== 'origin/HEAD')).toBe('origin/main');
    expect(firstKnownBase(defaults, (ref) => ref === 'main')).toBe('main');
    expect(firstKnownBase(defaults, () => false)).toBeUndefined();
  });

  it('counts a page as changed when its MDX in any language or its translation record changed', () => {
    const pages = changedPages([
      'src/content/guides/nn/bankid.mdx',
      'src/content/translations/en/commfides.yaml',
      'src/content/screenshots/velg.yaml',
      'public/screenshots/velg.png',
      'src/content/guides/xx/ukjent.mdx',
    ]);
    expect([...pages].sort()).toEqual(['bankid', 'commfides']);
  });

  it('keeps the changed files\' problems and every error, and sets the other files\' warnings apart', () => {
    const mine = warning('src/content/guides/nb/bankid.mdx');
    const other = warning('src/content/guides/nb/index.mdx');
    const broken = error('src/content/guides/en/index.mdx');
    expect(splitByChange([mine, other, broken], ['src/content/guides/nb/bankid.mdx'])).toEqual({ shown: [mine, broken], hidden: [other] });
  });

  it('shows the translation warnings a Bokmål change causes, on the translations it leaves unchanged', () => {
    const outdated = { ...warning('src/content/guides/nn/bankid.mdx'), rule: 'translation/outdated' };
    const review = warning('src/content/guides/nn/bankid.mdx');
    const elsewhere = { ...warning('src/content/guides/nn/commfides.mdx'), rule: 'translation/outdated' };
    expect(splitByChange([outdated, review, elsewhere], ['src/content/guides/nb/bankid.mdx'])).toEqual({ shown: [outdated], hidden: [review, elsewhere] });
    // A change to another translation causes none of them; a new record of this one does.
    expect(splitByChange([outdated], ['src/content/guides/en/bankid.mdx']).shown).toEqual([]);
    expect(splitByChange([outdated], ['src/content/translations/nn/bankid.yaml']).shown).toEqual([outdated]);
  });

  it('says in one line what to do when the base or the merge base is not known', () => {
    expect(baseNotFoundMessage(undefined)).toBe(
      'Cannot tell which branch to compare with: none of origin/HEAD, origin/main, main is known in this clone. Fetch it (git fetch origin main) or name it: npm run check -- --changed --base <branch>',
    );
    expect(baseNotFoundMessage('release')).toContain('Cannot compare with "release": it is not a branch or commit in this clone.');
    expect(mergeBaseNotFoundMessage('origin/main', true)).toBe(
      'Cannot find where this branch left origin/main: this clone is shallow and has only the latest commits. Fetch the history with git fetch --unshallow (or git fetch --deepen=100), then run the check again',
    );
    expect(mergeBaseNotFoundMessage('main', false)).toContain('they have no commit in common');
    for (const message of [baseNotFoundMessage(undefined), mergeBaseNotFoundMessage('main', true)]) expect(message).not.toContain('\n');
  });
});

describe('the summary line with --changed', () => {
  const others = (n: number, make: (file: string) => Problem) => Array.from({ length: n }, (_, i) => make(`src/content/guides/nn/side-${i}.mdx`));
  const files = (n: number) => ['a.mdx', 'b.mdx', 'c.mdx'].slice(0, n);

  it('says the changed files are fine, and how many warnings of other files it left out', () => {
    expect(changedSummary([], others(14, warning), files(2))).toBe('✔ No problems in the 2 changed files (14 warnings in other files not shown)');
    expect(changedSummary([warning('a.mdx')], [], files(1))).toBe('✔ No problems in the changed file (1 warning)');
  });

  it('counts the problems of the changed files', () => {
    const shown = [error('a.mdx'), error('a.mdx'), warning('b.mdx')];
    expect(changedSummary(shown, others(3, warning), files(3))).toBe('✖ 2 problems in 1 of the 3 changed files (1 warning; 3 warnings in other files not shown)');
    expect(changedSummary([error('a.mdx')], [], files(1))).toBe('✖ 1 problem in the changed file');
  });

  it('counts the errors of other files, which it lists: the change may have caused them, and they stop the build', () => {
    expect(changedSummary(others(1, error), others(2, warning), files(2))).toBe(
      '✖ No problems in the 2 changed files, but 1 problem in another file, which the change may have caused (2 warnings in other files not shown)',
    );
    expect(changedSummary([error('a.mdx'), ...others(2, error)], [], files(1))).toBe(
      '✖ 1 problem in the changed file, and 2 problems in 2 other files, which the change may have caused',
    );
    // Counted by file: two problems of one other file are in another file.
    expect(changedSummary([error('a.mdx'), error('z.mdx'), error('z.mdx')], [], files(1))).toBe(
      '✖ 1 problem in the changed file, and 2 problems in another file, which the change may have caused',
    );
  });

  it('says when nothing changed', () => {
    expect(changedSummary([], others(4, warning), [])).toBe('✔ No file changed (4 warnings not shown)');
    expect(changedSummary(others(1, error), [], [])).toBe('✖ No file changed, but 1 problem elsewhere');
  });
});

// ---- the command, in git repositories of its own ----

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function check(root: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/check.ts', '--root', root, '--source-only', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonReport(root: string, ...args: string[]): JsonReport<{ changed?: { base: string; files: string[]; notShown: number } }> {
  const file = join(tempDir('changed-report-'), 'report.json');
  check(root, '--json', file, ...args);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The report's problem lines: `file:line:col  rule  message`. */
const problemLines = (stdout: string) => stdout.split('\n').filter((line) => /^\S+:\d+:\d+ {2}\S+\//.test(line));
const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);

const NEW_PAGE = `---
title: Ny side
description: En side som er ny på grenen.
order: 9
lastReviewed: 2026-10-01
owner: IT-brukerstøtte
---

Se [siden som ikke finnes](/finnes-ikke/).
`;

describe('npm run check -- --changed', { timeout: 120_000 }, () => {
  let repo: string;
  const changed = [
    'src/content/guides/en/bankid.mdx', // staged
    'src/content/guides/nb/bankid.mdx', // committed on the branch
    'src/content/guides/nb/ny-side.mdx', // untracked
    'src/content/screenshots/velg.yaml', // changed, not staged
  ];

  beforeAll(() => {
    // main: the fixture site, then a later change to a page the branch does not touch.
    repo = fixture();
    git(repo, 'init', '--quiet', '--initial-branch=main');
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '--message', 'The site');
    git(repo, 'switch', '--quiet', '--create', 'endring');
    git(repo, 'switch', '--quiet', 'main');
    appendFileSync(join(repo, 'src/content/guides/en/index.mdx'), '\nA line added on main after the branch left it.\n');
    git(repo, 'commit', '--quiet', '--all', '--message', 'Later on main');
    // The branch: a committed mistake, a staged and an unstaged change, and a new page.
    git(repo, 'switch', '--quiet', 'endring');
    const bankid = join(repo, 'src/content/guides/nb/bankid.mdx');
    writeFileSync(bankid, readFileSync(bankid, 'utf8').replace('src="velg"', 'src="vleg"'));
    git(repo, 'commit', '--quiet', '--all', '--message', 'A typo');
    appendFileSync(join(repo, 'src/content/guides/en/bankid.mdx'), '\nRead more on the BankID site.\n');
    git(repo, 'add', 'src/content/guides/en/bankid.mdx');
    appendFileSync(join(repo, 'src/content/screenshots/velg.yaml'), '# checked against the login screen\n');
    writeFileSync(join(repo, 'src/content/guides/nb/ny-side.mdx'), NEW_PAGE);
  });

  it('counts what the branch committed since it left main and what is not committed yet, not what main did since', () => {
    expect(jsonReport(repo, '--changed').extra?.changed).toMatchObject({ base: 'main', files: changed, notShown: expect.any(Number) });
  });

  it('lists only the problems of the changed files, and counts the others in its last line', () => {
    const all = jsonReport(repo).problems;
    const inChanged = all.filter((p) => changed.includes(p.file));
    const left = all.filter((p) => !changed.includes(p.file));
    // The fixture has problems in files the branch did not change, or there would be nothing to leave out.
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((p) => p.severity === 'warning')).toBe(true);

    const { status, stdout } = check(repo, '--changed');
    expect(status).toBe(1);
    expect(problemLines(stdout).map((line) => line.split(':')[0]).sort()).toEqual(inChanged.map((p) => p.file).sort());
    expect(stdout).toContain('src/content/guides/nb/bankid.mdx:16:22  screenshot/missing  "vleg" is not in public/screenshots');
    expect(stdout).toMatch(/src\/content\/guides\/nb\/ny-side\.mdx:9:\d+ {2}link\/missing-page/);
    const warnings = inChanged.filter((p) => p.severity === 'warning').length;
    const warningWords = (n: number) => `${n} warning${n === 1 ? '' : 's'}`;
    expect(lastLine(stdout)).toBe(
      `✖ 2 problems in 2 of the 4 changed files (${warnings > 0 ? `${warningWords(warnings)}; ` : ''}${warningWords(left.length)} in other files not shown)`,
    );
  });

  it('shows the translation rows of the changed pages only', () => {
    const { stdout } = check(repo, '--changed');
    const rows = stdout.split('\n').filter((line) => /^ {2}(bankid|index|ny-side)\b/.test(line));
    expect(rows.map((row) => row.trim().split(/\s+/)[0])).toEqual(['bankid', 'ny-side']);
    // Without --changed, every page has its row.
    expect(check(repo).stdout).toMatch(/^ {2}index\s/m);
  });

  it('writes GitHub annotations for the changed files only', () => {
    const result = spawnSync(process.execPath, ['scripts/check.ts', '--root', repo, '--source-only', '--changed'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true' },
    });
    const files = result.stdout.split('\n').filter((line) => line.startsWith('::')).map((line) => /file=([^,]+)/.exec(line)?.[1]);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((file) => changed.includes(file!))).toBe(true);
  });

  it('compares with the branch --base names', () => {
    const { stdout } = check(repo, '--base', 'endring');
    // Against itself, the branch has changed only what is not committed.
    expect(stdout).toContain('Showing the warnings of only the 3 files changed since endring');
    // The committed typo is in a file not changed since endring: listed all the same, it stops the build.
    expect(lastLine(stdout)).toMatch(/^✖ 1 problem in 1 of the 3 changed files, and 1 problem in another file, which the change may have caused /);
    expect(stdout).toContain('src/content/guides/nb/bankid.mdx:16:22  screenshot/missing');
  });

  it('shows an error the change causes in a file it does not touch, and puts the errors last', () => {
    // The branch removes a screenshot region that the pages, untouched, still mark.
    const root = fixture();
    git(root, 'init', '--quiet', '--initial-branch=main');
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--message', 'The site');
    const yaml = join(root, 'src/content/screenshots/velg.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/ {2}bankid:\n(?: {4}.*\n)+/, ''));
    const { status, stdout } = check(root, '--changed');
    expect(status).toBe(1);
    const lines = problemLines(stdout);
    expect(lines.filter((line) => line.includes('screenshot/region')).map((line) => line.split(':')[0]).sort()).toEqual([
      'src/content/guides/en/bankid.mdx',
      'src/content/guides/nb/bankid.mdx',
    ]);
    // The errors are the last lines above the summary, after every warning.
    const report = stdout.trimEnd().split('\n');
    const firstError = report.findIndex((line) => line.includes('screenshot/region'));
    expect(report.slice(firstError).filter((line) => /^\S+:\d+:\d+ {2}\S+\//.test(line)).every((line) => line.includes('screenshot/region'))).toBe(true);
    expect(lastLine(stdout)).toMatch(/^✖ No problems in the changed file, but 2 problems in 2 other files, which the change may have caused \(\d+ warnings? in other files not shown\)$/);
  });

  it('stops with one line naming --base when there is no default branch to compare with', () => {
    const alone = fixture();
    git(alone, 'init', '--quiet', '--initial-branch=trunk');
    git(alone, 'add', '--all');
    git(alone, 'commit', '--quiet', '--message', 'The site');
    const { status, stdout, stderr } = check(alone, '--changed');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(baseNotFoundMessage(undefined));
    expect(check(alone, '--changed', '--base', 'nope').stderr.trim()).toBe(baseNotFoundMessage('nope'));
    expect(lastLine(check(alone, '--base', 'trunk').stdout)).toMatch(/^✔ No file changed \(\d+ warnings? not shown\)$/);
  });

  it('in a shallow clone, checks nothing and says how to fetch the history; then it works', () => {
    // A clone with only the latest commit of each branch: where endring left main is not in it.
    // As on a server, the origin's default branch is main.
    const dir = tempDir('changed-shallow-');
    git(dir, 'clone', '--quiet', '--bare', repo, 'origin.git');
    git(join(dir, 'origin.git'), 'symbolic-ref', 'HEAD', 'refs/heads/main');
    const shallow = join(dir, 'clone');
    git(dir, 'clone', '--quiet', '--depth=1', '--no-single-branch', '--branch=endring', `file://${join(dir, 'origin.git')}`, shallow);
    expect(git(shallow, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    const { status, stdout, stderr } = check(shallow, '--changed');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(mergeBaseNotFoundMessage('origin/HEAD', true));

    git(shallow, 'fetch', '--quiet', '--unshallow');
    const after = check(shallow, '--changed');
    expect(after.stdout).toContain('Showing the warnings of only the file changed since origin/HEAD');
    // The Bokmål page's own lines, and the warnings of its translations, which its change makes outdated.
    const shown = problemLines(after.stdout);
    expect(shown.some((line) => line.startsWith('src/content/guides/nb/bankid.mdx:'))).toBe(true);
    expect(shown.filter((line) => !line.startsWith('src/content/guides/nb/bankid.mdx:')).every((line) => /^src\/content\/guides\/(nn|en)\/bankid\.mdx:\d+:\d+ {2}translation\//.test(line))).toBe(true);
  });
});

describe('the JSON report', { timeout: 60_000 }, () => {
  it('lists every passage awaiting its owner, which the report lines sum up per page', () => {
    const report = jsonReport(fixture('review-passage')) as JsonReport<{ reviewPassages: unknown[] }>;
    expect(report.problems.filter((p) => p.rule === 'review/passage')).toHaveLength(1);
    expect(report.extra?.reviewPassages).toEqual([
      { file: 'src/content/guides/nb/bankid.mdx', line: 10, column: 76, owner: 'IT-brukerstøtte', words: 'Bestill tilgangen fra jobb.' },
      {
        file: 'src/content/guides/nb/bankid.mdx',
        line: 18,
        column: 5,
        owner: 'IT-brukerstøtte',
        reason: 'ikke fra kildeteksten',
        words: 'Kortet sperres: Skriver du feil kode flere ganger, blir …',
      },
    ]);
  });
});
