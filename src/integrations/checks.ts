import type { AstroIntegration } from 'astro';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatGitHubAnnotations,
  formatReport,
  hasErrors,
  runBuiltChecks,
  runSourceChecks,
  type Problem,
  type SourceCheckResult,
} from '../lib/checks/index.ts';

export interface ChecksOptions {
  /** Months after lastReviewed before a page is listed as overdue (default 12). */
  reviewMonths?: number;
}

/**
 * The folder scripts/build.ts replaces after every check passed, when the build goes
 * into its staging folder (`dist.staging` or `.dist-staging` for `dist`); undefined when
 * Astro builds straight into the output folder.
 */
export function publishedFolder(outDir: string): string | undefined {
  const name = basename(outDir);
  if (name === '.dist-staging') return 'dist';
  if (name.endsWith('.staging')) return name.slice(0, -'.staging'.length);
  return undefined;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function print(problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  process.stdout.write(`\n${formatReport(problems)}\n`);
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(`${formatGitHubAnnotations(problems)}\n`);
}

/** Stops the build with the whole report (errors, then warnings) as its message. */
function fail(problems: readonly Problem[], headline: string): never {
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(`${formatGitHubAnnotations(problems)}\n`);
  throw new Error(`${headline}\n\n${formatReport(problems)}`);
}

/**
 * Checks the editors' content: the MDX and screenshot data before the build (so a
 * mistake stops it in seconds, not after it), then every link and fragment of the
 * built site. Any error fails the build with one line per problem; warnings are listed.
 * Register it after every other integration, so it checks the finished site.
 */
export function checks(options: ChecksOptions = {}): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  let kept = 'dist';
  let outcome = 'dist/ was left as it was';
  let source: SourceCheckResult | undefined;

  return {
    name: 'guide:checks',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        base = config.base;
        // Only a build checks here; the dev server checks when it starts (astro:server:setup),
        // and tools that merely read the config (vitest, astro sync) check nothing.
        if (command !== 'build') return;
        const outDir = fileURLToPath(config.outDir);
        const published = publishedFolder(outDir);
        kept = published ?? (relative(root, outDir) || '.');
        // Built straight into the output folder (`astro build`), there is no earlier site to keep.
        outcome = published ? `${published}/ was left as it was` : `the output in ${kept}/ failed its checks: do not publish it`;

        const started = performance.now();
        source = await runSourceChecks(root, options);
        if (hasErrors(source.problems)) fail(source.problems, `The guide's content has mistakes; nothing was built and ${kept}/ was left as it was.`);
        logger.info(`content checked in ${seconds(performance.now() - started)}`);
      },

      'astro:server:setup': async ({ server, logger }) => {
        // Vitest starts a Vite server from Astro's config (vitest.config.ts): it is no preview.
        if (process.env.VITEST) return;
        // The preview keeps running with mistakes in it; the same problems stop `npm run build`.
        let dirty = false;
        const run = async () => {
          const { problems } = await runSourceChecks(root, { ...options, translations: false });
          const errors = problems.filter((p) => p.severity === 'error');
          if (errors.length > 0) logger.warn(`\n${formatReport(errors)}`);
          else if (dirty) logger.info('the content checks pass again');
          dirty = errors.length > 0;
        };
        await run();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const watched = ['src/content/', 'public/screenshots/'].map((d) => join(root, d));
        server.watcher.on('all', (_event, path) => {
          if (!watched.some((d) => path.startsWith(d))) return;
          clearTimeout(timer);
          timer = setTimeout(() => void run().catch((error: unknown) => logger.error(String(error))), 300);
        });
      },

      'astro:build:done': async ({ dir, logger }) => {
        if (!source) return;
        const started = performance.now();
        const built = await runBuiltChecks(source.project, fileURLToPath(dir), { base }, source.problems);
        const problems = [...source.problems, ...built];
        logger.info(`links and fragments of the built site checked in ${seconds(performance.now() - started)}`);
        if (!hasErrors(problems)) {
          print(problems);
          return;
        }
        fail(problems, `The built site has broken links; ${outcome}.`);
      },
    },
  };
}
