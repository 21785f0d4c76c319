/**
 * npm run check: the content checks an editor's pull request must pass, without
 * building. Checks the MDX pages and screenshot data, then (when dist/ exists) every
 * link and fragment of the built site, and prints the translation report.
 *
 *   npm run check                      report, exit 1 when there are errors
 *   npm run check -- --json report.json  also write the report as JSON
 *   npm run check -- --source-only     skip the built site even when dist/ exists
 *   npm run check -- --dist DIR        check the built site in DIR instead of dist/
 *   npm run check -- --review-months 6 flag pages not reviewed for 6 months (default 12)
 *
 * Under GitHub Actions (GITHUB_ACTIONS=true) every problem is also written as an
 * annotation (::error file=…,line=…,col=…::…). The site's deploy base is read from
 * BASE_PATH, as in astro.config.mjs.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
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

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'string' },
    dist: { type: 'string' },
    'source-only': { type: 'boolean', default: false },
    'review-months': { type: 'string' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run check [-- --json FILE] [--source-only] [--dist DIR] [--review-months N]');
  process.exit(0);
}

const root = resolve(values.root ?? resolve(import.meta.dirname, '..'));
const reviewMonths = values['review-months'] === undefined ? undefined : Number(values['review-months']);
if (reviewMonths !== undefined && (!Number.isInteger(reviewMonths) || reviewMonths < 1)) {
  console.error('--review-months takes a whole number of months, e.g. --review-months 12');
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
const notes: string[] = [`Checked the content of ${shown(root)} in ${(sourceMs / 1000).toFixed(1)} s.`];

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
  const changed = ['src', 'public'].flatMap((d) => walk(join(root, d))).some((f) => statSync(f).mtimeMs > builtAt);
  if (changed) notes.push(`${shown(dist)}/ is older than the latest change: run npm run build to check the links of what you changed.`);
} else if (!values['source-only']) {
  notes.push('No built site to check links and fragments in: run npm run build (it runs every check).');
}

if (source.translations) console.log(`${formatTranslationReport(source.translations)}\n`);
console.log(notes.join('\n'));
console.log(`\n${formatReport(problems)}`);
if (process.env.GITHUB_ACTIONS === 'true' && problems.length > 0) console.log(formatGitHubAnnotations(problems));

if (values.json) {
  const file = resolve(process.cwd(), values.json);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(toJsonReport(problems, { translations: source.translations }), null, 2)}\n`);
}

process.exit(hasErrors(problems) ? 1 : 0);
