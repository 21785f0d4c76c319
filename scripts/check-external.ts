/**
 * npm run check:external: checks that every external link (in the pages, the site
 * settings and the app registry) still answers, with linkinator (src/lib/checks/external.ts).
 * Needs the internet, so it is not part of the build; run it now and then, or on a schedule.
 *
 *   npm run check:external
 *   npm run check:external -- --timeout 5000 --retries 1 --json external.json
 *
 * Exit 1 when an address is broken or does not answer; redirects, and sites that turn the
 * check away as a robot, are listed as warnings. Exit 2 on a wrong option.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkExternalLinks, externalLinks, externalProblems, formatExternalReport } from '../src/lib/checks/external.ts';
import { formatGitHubAnnotations, formatReport, hasErrors, toJsonReport } from '../src/lib/checks/problems.ts';
import { loadProject } from '../src/lib/checks/project.ts';

const usage = `Usage: npm run check:external [-- --timeout MS] [--retries N] [--concurrency N] [--json FILE]

  --timeout MS      per request (default 10000)
  --retries N       further attempts after no answer, a 5xx or a 429 (default 2); a 429 with
                    Retry-After waits as long as the site asks
  --concurrency N   addresses checked at once (default 8)
  --json FILE       also write the problems and every address's outcome as JSON`;

function parseOptions() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: {
        timeout: { type: 'string', default: '10000' },
        retries: { type: 'string', default: '2' },
        concurrency: { type: 'string', default: '8' },
        json: { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}
const values = parseOptions();

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const number = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} takes a whole number of at least ${min}, not "${value}"`);
    process.exit(2);
  }
  return n;
};
const options = {
  timeoutMs: number('timeout', values.timeout, 1),
  retries: number('retries', values.retries, 0),
  concurrency: number('concurrency', values.concurrency, 1),
};

const root = resolve(values.root ?? resolve(import.meta.dirname, '..'));
const project = await loadProject(root);
const links = externalLinks(project);
const urls = new Set(links.map((l) => l.url));
console.log(`Checking ${urls.size} external addresses (timeout ${options.timeoutMs / 1000} s, ${options.retries} retries)…`);

const outcomes = await checkExternalLinks(urls, {
  ...options,
  onRetry: ({ url, status, secondsUntilRetry }) =>
    console.log(`  ${status === 0 ? 'no answer' : status} from ${url}: asking again in ${secondsUntilRetry} s`),
});
const problems = externalProblems(links, outcomes);
console.log(`\n${formatExternalReport(outcomes)}\n\n${formatReport(problems)}`);
if (process.env.GITHUB_ACTIONS === 'true' && problems.length > 0) console.log(formatGitHubAnnotations(problems));

if (values.json) {
  const file = resolve(process.cwd(), values.json);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(toJsonReport(problems, { outcomes: [...outcomes.values()] }), null, 2)}\n`);
}

process.exit(hasErrors(problems) ? 1 : 0);
