/**
 * `npm run check -- --changed`: the problems of the files a pull request changes. Changed
 * means committed since the branch left the default branch (git merge-base), plus staged,
 * unstaged and untracked files under the project. Every check still runs on the whole
 * site, since a problem in a changed file may come from an unchanged one, and a change may
 * break a file it does not touch (a link to a heading renamed, a screenshot region removed).
 * The report keeps every problem that stops the build, wherever it is, and the warnings of
 * the changed files; its summary counts the warnings it leaves out.
 */
import { spawnSync } from 'node:child_process';
import { defaultLocale, isLocale } from '../../i18n/locales.ts';
import { GUIDES_DIR } from './project.ts';
import { TRANSLATIONS_DIR } from './translations.ts';
import type { Problem } from './problems.ts';

/** Where the default branch is looked for, in this order, when --base does not name it. */
export const DEFAULT_BASES = ['origin/HEAD', 'origin/main', 'main'] as const;

export type ChangedFiles =
  | {
      ok: true;
      /** The branch or commit compared with, as named (origin/HEAD, main, …). */
      base: string;
      /** The commit this branch left it at. */
      mergeBase: string;
      /** Paths relative to the project, with forward slashes, sorted. */
      files: string[];
    }
  | { ok: false; message: string };

// ---- pure: what git's answers mean ----

/** `git … -z` output as a list of paths. */
export const splitPaths = (output: string): string[] => output.split('\0').filter((path) => path !== '');

/** The first candidate that names a commit here. */
export function firstKnownBase(candidates: readonly string[], exists: (ref: string) => boolean): string | undefined {
  return candidates.find(exists);
}

export function baseNotFoundMessage(named: string | undefined): string {
  return named === undefined
    ? `Cannot tell which branch to compare with: none of ${DEFAULT_BASES.join(', ')} is known in this clone. Fetch it (git fetch origin main) or name it: npm run check -- --changed --base <branch>`
    : `Cannot compare with "${named}": it is not a branch or commit in this clone. Fetch it (e.g. git fetch origin main) or name another: npm run check -- --changed --base <branch>`;
}

export function mergeBaseNotFoundMessage(base: string, shallow: boolean): string {
  return shallow
    ? `Cannot find where this branch left ${base}: this clone is shallow and has only the latest commits. Fetch the history with git fetch --unshallow (or git fetch --deepen=100), then run the check again`
    : `Cannot find where this branch left ${base}: they have no commit in common. Name the branch this one started from: npm run check -- --changed --base <branch>`;
}

/** What --changed shows: every error (it stops the build wherever it is) and the changed files' warnings; and what it leaves out. */
export function splitByChange(problems: readonly Problem[], files: Iterable<string>): { shown: Problem[]; hidden: Problem[] } {
  const changed = new Set(files);
  // A change to a Bokmål page makes its translations outdated, and a new record of a translation
  // changes its status: those translation warnings belong to the change.
  const causes = (p: Problem) => {
    const of = pageOf(p.file);
    return of !== undefined && (changed.has(`${GUIDES_DIR}/${defaultLocale}/${of.page}.mdx`) || changed.has(`${TRANSLATIONS_DIR}/${of.locale}/${of.page}.yaml`));
  };
  const translationOfChanged = (p: Problem) => p.rule.startsWith('translation/') && causes(p);
  const shown = (p: Problem) => p.severity === 'error' || changed.has(p.file) || translationOfChanged(p);
  return { shown: problems.filter(shown), hidden: problems.filter((p) => !shown(p)) };
}

/**
 * The pages (slugs) a change touches: a page's MDX in any language, or a per-language file
 * named after the page elsewhere under src/content (a translation's record of its source).
 */
export function changedPages(files: Iterable<string>): Set<string> {
  const pages = new Set<string>();
  for (const file of files) {
    const of = pageOf(file);
    if (of !== undefined) pages.add(of.page);
  }
  return pages;
}

/** The page and language of a file under src/content/<collection>/<locale>/, e.g. bankid in nn; undefined for any other file. */
function pageOf(file: string): { page: string; locale: string } | undefined {
  const match = /^src\/content\/[^/]+\/([^/]+)\/([^/]+)\.[a-z]+$/.exec(file);
  return match && isLocale(match[1]!) ? { page: match[2]!, locale: match[1]! } : undefined;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The report's last line with --changed: the problems of the changed files and those of
 * other files (listed too: the change may have caused them, and they stop the build all the
 * same), then the warnings shown and those left out.
 */
export function changedSummary(shown: readonly Problem[], hidden: readonly Problem[], files: readonly string[]): string {
  const changed = new Set(files);
  const errors = shown.filter((p) => p.severity === 'error');
  const mine = errors.filter((p) => changed.has(p.file));
  const elsewhere = errors.length - mine.length;
  const otherFiles = new Set(errors.filter((p) => !changed.has(p.file)).map((p) => p.file)).size;
  const warnings = shown.length - errors.length;
  const inChanged =
    files.length === 0
      ? 'No file changed'
      : mine.length === 0
        ? `No problems in ${files.length === 1 ? 'the changed file' : `the ${files.length} changed files`}`
        : `${count(mine.length, 'problem', 'problems')} in ${files.length === 1 ? 'the changed file' : `${new Set(mine.map((p) => p.file)).size} of the ${files.length} changed files`}`;
  const others =
    elsewhere === 0
      ? ''
      : files.length === 0
        ? `, but ${count(elsewhere, 'problem', 'problems')} elsewhere`
        : `${mine.length === 0 ? ', but' : ', and'} ${count(elsewhere, 'problem', 'problems')} in ${otherFiles === 1 ? 'another file' : `${otherFiles} other files`}, which the change may have caused`;
  const inner = [
    warnings > 0 ? count(warnings, 'warning', 'warnings') : '',
    hidden.length > 0 ? `${count(hidden.length, 'warning', 'warnings')}${files.length === 0 ? '' : ' in other files'} not shown` : '',
  ].filter(Boolean);
  return `${errors.length > 0 ? '✖' : '✔'} ${inChanged}${others}${inner.length > 0 ? ` (${inner.join('; ')})` : ''}`;
}

// ---- git ----

function git(root: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/**
 * The files of the project at `root` changed since the branch left `base` (by default the
 * first of DEFAULT_BASES known here), with the work not yet committed. Fetches nothing:
 * when git cannot tell, the answer says why and what to run.
 */
export function changedFiles(root: string, base?: string): ChangedFiles {
  if (!git(root, ['rev-parse', '--show-toplevel']).ok) {
    return { ok: false, message: `--changed compares with git, but ${root} is not in a git repository (or git is not installed): run npm run check without --changed` };
  }
  if (!git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).ok) {
    return { ok: false, message: 'This branch has no commit yet, so nothing tells what it changed: run npm run check without --changed' };
  }
  const known = firstKnownBase(base === undefined ? DEFAULT_BASES : [base], (ref) => git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).ok);
  if (known === undefined) return { ok: false, message: baseNotFoundMessage(base) };
  const mergeBase = git(root, ['merge-base', 'HEAD', known]);
  if (!mergeBase.ok) {
    const shallow = git(root, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
    return { ok: false, message: mergeBaseNotFoundMessage(known, shallow) };
  }
  const commit = mergeBase.stdout.trim();
  // From the merge base to the working tree: committed, staged and unstaged; --relative keeps
  // it to the project folder and gives paths from there, as the problems have them.
  const diff = git(root, ['diff', '--name-only', '-z', '--no-renames', '--relative', commit, '--']);
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (!diff.ok || !untracked.ok) return { ok: false, message: `git could not list the files changed since ${known}: run git status to see why` };
  const files = [...new Set([...splitPaths(diff.stdout), ...splitPaths(untracked.stdout)])].sort();
  return { ok: true, base: known, mergeBase: commit, files };
}
