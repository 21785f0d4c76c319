/**
 * npm run check: the content checks an editor's pull request must pass, without
 * building. Checks the MDX pages and screenshot data, then (when dist/ exists) every
 * link and fragment of the built site, and prints the translation report. The options
 * are in USAGE below (npm run check -- --help).
 *
 * With --changed every check still runs (a problem in a changed file may come from an
 * unchanged one); the report, the annotations and the JSON keep every error, wherever it
 * is (the change may have caused it, and it stops the build), and leave out the other
 * files' warnings, which the summary line counts. When git cannot tell where the branch started
 * (a shallow clone), it says how to fetch the history and exits 2; it fetches nothing.
 *
 * Under GitHub Actions (GITHUB_ACTIONS=true) every problem is also written as an
 * annotation (::error file=…,line=…,col=…::…). The site's deploy base is read from
 * BASE_PATH, as in astro.config.mjs.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { changedFiles, changedPages, changedSummary, splitByChange } from '../src/lib/checks/changed.ts';
import {
  formatGitHubAnnotations,
  formatReport,
  formatTranslationReport,
  hasErrors,
  runBuiltChecks,
  runSourceChecks,
  toJsonReport,
} from '../src/lib/checks/index.ts';
import { walk } from '../src/lib/checks/project.ts';
import { passagesAwaitingReview } from '../src/lib/checks/review.ts';

const USAGE = `Usage: npm run check [-- options]
  --changed          report the warnings of the files changed against the default
                     branch only (origin/HEAD, else origin/main, else main): committed
                     since this branch left it, plus staged, unstaged and untracked
                     files; every problem that stops the build is still shown
  --base BRANCH      --changed, comparing with BRANCH instead
  --json FILE        also write the report as JSON
  --source-only      skip the built site even when dist/ exists
  --dist DIR         check the built site in DIR instead of dist/
  --review-months N  flag pages not reviewed for N months (default 12)`;

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      json: { type: 'string' },
      dist: { type: 'string' },
      'source-only': { type: 'boolean', default: false },
      'review-months': { type: 'string' },
      changed: { type: 'boolean', default: false },
      base: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const root = resolve(values.root ?? resolve(import.meta.dirname, '..'));
const reviewMonths = values['review-months'] === undefined ? undefined : Number(values['review-months']);
if (reviewMonths !== undefined && (!Number.isInteger(reviewMonths) || reviewMonths < 1)) {
  console.error('--review-months takes a whole number of months, e.g. --review-months 12');
  process.exit(2);
}

// Before the checks: when git cannot tell what changed, say so at once.
const changes = values.changed || values.base !== undefined ? changedFiles(root, values.base) : undefined;
if (changes && !changes.ok) {
  console.error(changes.message);
  process.exit(2);
}

const started = performance.now();
const source = await runSourceChecks(root, reviewMonths === undefined ? {} : { reviewMonths });
const sourceMs = performance.now() - started;
let problems = source.problems;
/** A folder as the reader of the report knows it: relative when it is under the current folder. */
const shown = (dir: string) => {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
};
const notes: string[] = [`Checked the content${shown(root) === '.' ? '' : ` of ${shown(root)}`} in ${(sourceMs / 1000).toFixed(1)} s.`];

const dist = resolve(root, values.dist ?? 'dist');
// One trust's site in dist/, or every trust's in dist/<id>/ (npm run build -- --all-trusts).
const builtSites = existsSync(join(dist, 'index.html'))
  ? [dist]
  : existsSync(dist)
    ? readdirSync(dist)
        .map((name) => join(dist, name))
        .filter((dir) => existsSync(join(dir, 'index.html')))
    : [];
if (!values['source-only'] && builtSites.length > 0) {
  const builtStarted = performance.now();
  for (const site of builtSites) {
    const built = await runBuiltChecks(source.project, site, { base: process.env.BASE_PATH || '/' }, problems);
    problems = [...problems, ...built];
  }
  notes.push(`Checked the links and fragments of ${builtSites.map((d) => `${shown(d)}/`).join(', ')} in ${((performance.now() - builtStarted) / 1000).toFixed(1)} s.`);
  // The built site shows what was built, not what was changed since.
  const builtAt = statSync(join(builtSites[0]!, 'index.html')).mtimeMs;
  const edited = ['src', 'public'].flatMap((d) => walk(join(root, d))).some((f) => statSync(f).mtimeMs > builtAt);
  if (edited) notes.push(`Files in src/ or public/ were saved (or checked out with git) after ${shown(dist)}/ was built: run npm run build to check the links of the site as it is now.`);
} else if (!values['source-only']) {
  notes.push('No built site to check links and fragments in: run npm run build (it runs every check).');
}

// The per-passage detail the report sums up per page (review/passage), for the JSON report.
let passages = passagesAwaitingReview(source.project).map(({ guide, at, reason, words }) => ({
  file: at.file,
  line: at.line,
  column: at.column,
  ...(typeof guide.data.owner === 'string' ? { owner: guide.data.owner } : {}),
  ...(reason ? { reason } : {}),
  words,
}));
let translations = source.translations;
let reported = problems;
let summaryLine: string | undefined;
if (changes?.ok) {
  const { shown: inChanged, hidden } = splitByChange(problems, changes.files);
  reported = inChanged;
  summaryLine = changedSummary(inChanged, hidden, changes.files);
  const files = new Set(changes.files);
  passages = passages.filter((p) => files.has(p.file));
  const pages = changedPages(changes.files);
  if (translations) translations = { ...translations, entries: translations.entries.filter((e) => pages.has(e.slug)) };
  const listed = changes.files.slice(0, 5).join(', ') + (changes.files.length > 5 ? ` and ${changes.files.length - 5} more` : '');
  notes.push(
    changes.files.length === 0
      ? `Nothing changed since ${changes.base} (${changes.mergeBase.slice(0, 7)}), committed or not.`
      : `Showing the warnings of only the ${changes.files.length === 1 ? 'file' : `${changes.files.length} files`} changed since ${changes.base} (${changes.mergeBase.slice(0, 7)}), committed or not: ${listed}, and of the translations a change to a Bokmål page makes outdated. Problems that stop the build are shown wherever they are.`,
  );
}

if (translations) {
  console.log(
    translations.entries.length > 0 || !changes?.ok ? `${formatTranslationReport(translations, { changedPagesOnly: changes?.ok })}\n` : 'Translations: no page changed.\n',
  );
}
console.log(notes.join('\n'));
console.log(`\n${formatReport(reported, summaryLine)}`);
if (process.env.GITHUB_ACTIONS === 'true' && reported.length > 0) console.log(formatGitHubAnnotations(reported));

if (values.json) {
  const file = resolve(process.cwd(), values.json);
  mkdirSync(dirname(file), { recursive: true });
  const changedReport = changes?.ok
    ? { changed: { base: changes.base, mergeBase: changes.mergeBase, files: changes.files, notShown: problems.length - reported.length } }
    : {};
  writeFileSync(file, `${JSON.stringify(toJsonReport(reported, { translations, reviewPassages: passages, ...changedReport }), null, 2)}\n`);
}

process.exit(hasErrors(problems) ? 1 : 0);
