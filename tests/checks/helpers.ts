/**
 * Fixture sites for the check tests. tests/fixtures/checks/base is a small valid site
 * (two pages in nb and en, one screenshot); every other folder there holds only the
 * files that differ from it, so each case fails for the one reason it shows.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../../src/lib/checks/problems.ts';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const fixturesDir = join(projectRoot, 'tests/fixtures/checks');

const made: string[] = [];

/** A temporary copy of the base fixture with the named cases laid over it. */
export function fixture(...cases: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'checks-'));
  made.push(root);
  for (const name of ['base', ...cases]) cpSync(join(fixturesDir, name), root, { recursive: true });
  return root;
}

export function removeFixtures(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** `file:line:col  rule` for each problem of a severity, the way the report starts each line. */
export function located(problems: readonly Problem[], severity: Problem['severity'] = 'error'): string[] {
  return problems.filter((p) => p.severity === severity).map((p) => `${p.file}:${p.line}:${p.column}  ${p.rule}`);
}

/** A fixed "today" so that review dates do not expire in the tests. */
export const today = new Date('2026-11-25T12:00:00Z');

/** Folders a copy of the project leaves out: installed packages, build output, caches. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.dist-staging', '.dist-previous', 'dist.lock', '.astro', '.git', '.test-dist', 'bench']);
/** A build's own folders beside dist/ while it runs (scripts/lib/release.ts). */
const RELEASE_FOLDER = /^dist\.\d+\.(staging|previous)$/;

/**
 * A temporary copy of the whole project (node_modules linked, not copied), to build
 * without touching the worktree's dist/. With `content: 'fixture'` its pages and
 * screenshots are the base fixture's, so a test does not depend on the real content.
 */
export function copyProject(content: 'real' | 'fixture'): string {
  const root = mkdtempSync(join(tmpdir(), 'checks-project-'));
  made.push(root);
  cpSync(projectRoot, root, {
    recursive: true,
    filter: (source) => {
      const rel = relative(projectRoot, source);
      const top = rel.split(sep)[0]!;
      return rel === '' || (!NOT_COPIED.has(top) && !RELEASE_FOLDER.test(top) && !rel.startsWith(`tests${sep}fixtures`) && !rel.endsWith('.log'));
    },
  });
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  if (content === 'fixture') {
    // The fixture's content in place of the project's: its pages with their translation records,
    // and screenshots. The login methods stay the project's, which its trusts offer. The search
    // words belong to the content they name (their targets must be in its pages): the fixture has none.
    for (const dir of ['src/content/guides', 'src/content/screenshots', 'src/content/translations', 'public/screenshots', 'src/search']) {
      rmSync(join(root, dir), { recursive: true, force: true });
      if (existsSync(join(fixturesDir, 'base', dir))) cpSync(join(fixturesDir, 'base', dir), join(root, dir), { recursive: true });
    }
  }
  return root;
}

/** Runs `npm run build` (scripts/build.ts) in a project folder. */
export function build(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: root,
    encoding: 'utf8',
    // The fixture is not printed: the PDF tests print the real site.
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', GITHUB_ACTIONS: '', PDF_EXPORT: 'off' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
