import type { AstroIntegration } from 'astro';
import { rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
// The checks themselves run in checks-worker.ts; this thread only reports what they found.
import type { SourceCheckOptions } from '../lib/checks/index.ts';
import { formatGitHubAnnotations, formatReport, hasErrors, type Problem } from '../lib/checks/problems.ts';
import { TERMS_DIR } from '../lib/checks/terms.ts';
import { SEARCH_WORDS_DIR } from '../lib/search/vocabulary.ts';
import type { CheckerData, FromChecker, ToChecker } from './checks-worker.ts';
import { setPendingChecks } from './pending-checks.ts';
import { trustSites } from './trusts.ts';
import { offeredMethods, TRUSTS_DIR } from '../guide/trusts.ts';
import { SITE_SETTINGS_FILE } from '../lib/site-settings.ts';

export interface ChecksOptions {
  /** Months after lastReviewed before a page is listed as overdue (default 12). */
  reviewMonths?: number;
}

/**
 * The folder scripts/build.ts replaces after every check passed, when the build goes
 * into its staging folder (`dist.<pid>.staging/dist.staging` for `dist`, see
 * scripts/lib/release.ts; `.dist-staging` from older builds); undefined when Astro builds
 * straight into the output folder.
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

/** The failure's headline and whole report (errors, then warnings); the annotations too under GitHub Actions. */
function failureReport(problems: readonly Problem[], headline: string): string {
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(`${formatGitHubAnnotations(problems)}\n`);
  return `${headline}\n\n${formatReport(problems)}`;
}

/** The checks' worker thread (checks-worker.ts), seen from the build. */
class Checker {
  /** The source checks' problems, as soon as they are known. */
  readonly source: Promise<Problem[]>;
  private readonly worker: Worker;
  private answer?: { resolve(problems: Problem[]): void; reject(error: Error): void };
  /** Rejects the source checks' promise (a no-op once it is settled). */
  private readonly abandon: (error: Error) => void;
  /** The worker's first failure, so that a later request fails at once instead of waiting. */
  private failure?: Error;

  constructor(data: CheckerData) {
    this.worker = new Worker(new URL('./checks-worker.ts', import.meta.url), { workerData: data });
    let source!: { resolve(problems: Problem[]): void; reject(error: Error): void };
    this.source = new Promise((resolve, reject) => (source = { resolve, reject }));
    this.abandon = (error) => source.reject(error);
    const crash = (error: Error) => {
      this.failure ??= error;
      source.reject(error);
      this.answer?.reject(error);
    };
    this.worker.on('message', (message: FromChecker) => {
      if (message.kind === 'source') {
        // Nothing to wait for until the build asks for the built-site checks.
        this.worker.unref();
        source.resolve(message.problems);
      } else if (message.kind === 'built') {
        this.answer?.resolve(message.problems);
      } else {
        crash(new Error(`The content checks crashed:\n${message.message}`));
      }
    });
    this.worker.on('error', crash);
    this.worker.on('exit', (code) => crash(new Error(`The content checks stopped (exit code ${code}) before they were done`)));
  }

  /** Parses the built pages now, while Astro finishes its build. */
  read(dir: string, base: string): void {
    this.worker.postMessage({ kind: 'read', dir, base } satisfies ToChecker);
  }

  /** The built-site checks' problems (those the source checks found already left out). */
  async check(dir: string, base: string, offered: readonly string[], trust: string): Promise<Problem[]> {
    try {
      if (this.failure) throw this.failure;
      this.worker.ref();
      return await new Promise<Problem[]>((resolve, reject) => {
        this.answer = { resolve, reject };
        this.worker.postMessage({ kind: 'check', dir, base, offered: [...offered], trust } satisfies ToChecker);
      });
    } finally {
      this.answer = undefined;
      this.worker.unref();
    }
  }

  /** Stops the worker; source checks still running then fail with "closed". */
  close(): void {
    this.worker.removeAllListeners('exit');
    this.abandon(new Error('The content checks were closed before they were done'));
    void this.worker.terminate();
  }
}

/**
 * Checks the editors' content: the MDX and screenshot data before Astro renders anything
 * (a mistake stops the build in seconds, before anything is published), then every link,
 * fragment and id of the built site and the last-line scan of its markup. Any error fails
 * the build with one line per problem; warnings are listed. Register it before the search
 * index and the PDF export, so they run only on a site that passed.
 */
export function checks(options: ChecksOptions = {}): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  let outcome = 'dist/ was left as it was';
  /** The staging folder of a build by scripts/build.ts, removed when a check fails. */
  let staging: string | undefined;
  let checker: Checker | undefined;

  return {
    name: 'guide:checks',
    hooks: {
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        root = fileURLToPath(config.root);
        base = config.base;
        // Only a build checks here; the dev server checks when it starts (astro:server:setup),
        // and tools that merely read the config (vitest, astro sync) check nothing.
        if (command !== 'build') return;
        const outDir = fileURLToPath(config.outDir);
        const published = publishedFolder(outDir);
        const kept = published ?? (relative(root, outDir) || '.');
        // Built straight into the output folder (`astro build`), there is no earlier site to keep.
        outcome = published ? `${published}/ was left as it was` : `the output in ${kept}/ failed its checks: do not publish it`;
        staging = published ? outDir : undefined;

        // The source checks run in a worker; a mistake stops the build before anything is rendered.
        const started = performance.now();
        const current = new Checker({ root, options: options satisfies SourceCheckOptions });
        checker = current;
        const settled = current.source.then(
          (problems) => {
            if (!hasErrors(problems)) {
              logger.info(`content checked in ${seconds(performance.now() - started)}`);
              return;
            }
            current.close();
            // Into a staging folder (scripts/build.ts) the published site is untouched; remove the
            // half-built one. A file Astro's bundler writes in the moment before exit may stay
            // behind; scripts/build.ts clears the staging folder when it starts.
            if (published) rmSync(outDir, { recursive: true, force: true });
            console.error(`\n${failureReport(problems, `The guide's content has mistakes; nothing was built and ${kept}/ was left as it was.`)}\n`);
            process.exit(1);
          },
          (error: Error) => {
            if (published) rmSync(outDir, { recursive: true, force: true });
            console.error(`\n${error.message}\n`);
            process.exit(1);
          },
        );
        setPendingChecks(settled);
        // The checks run beside Astro's content sync and bundling, on the other core, and nothing
        // is rendered until they are done: the bundle waits for them before it is written. A page
        // they refuse never becomes JavaScript either: its compile stops at the same rules
        // (remarkStopOnProblems), and scripts/build.ts then shows the checks' report (file, line,
        // fix) in place of the compile's error.
        updateConfig({ vite: { plugins: [{ name: 'guide:checks-before-render', apply: 'build', generateBundle: () => settled }] } });
      },

      'astro:build:generated': ({ dir }) => {
        // Every page is written, each trust's values in it (trusts.ts); the search index and
        // PDFs, next, only add files. With one site the worker parses it while Astro finishes.
        const sites = trustSites(root, fileURLToPath(dir));
        if (sites.length === 1) checker?.read(sites[0]!.dir, base);
      },

      'astro:server:setup': async ({ server, logger }) => {
        // Vitest starts a Vite server from Astro's config (vitest.config.ts): it is no preview.
        if (process.env.VITEST) return;
        // The preview keeps running with mistakes in it; the same problems stop `npm run build`.
        // Each run is a new worker (checks-worker.ts): the first page does not wait for the
        // checks, which use the other core, and every run reads the files as they are now,
        // the site settings (src/site.config.ts) and the lists of words included.
        let dirty = false;
        let latest = 0;
        let running: Checker | undefined;
        const run = async () => {
          const id = ++latest;
          // A save starts a new run: the one before it checks files that are no more.
          running?.close();
          const worker = new Checker({ root, options: options satisfies SourceCheckOptions });
          running = worker;
          try {
            const problems = await worker.source;
            // A save while it ran started a newer run: that one reports the files as they are now.
            if (id !== latest) return;
            const errors = problems.filter((p) => p.severity === 'error');
            if (errors.length > 0) logger.warn(`\n${formatReport(errors)}`);
            else if (dirty) logger.info('the content checks pass again');
            dirty = errors.length > 0;
          } finally {
            worker.close();
            if (running === worker) running = undefined;
          }
        };
        const report = () => {
          const id = latest + 1;
          // A run closed by a newer one stops with an error nobody needs to read.
          void run().catch((error: unknown) => {
            if (id === latest) logger.error(error instanceof Error ? error.message : String(error));
          });
        };
        report();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const watched = ['src/content/', 'public/screenshots/', `${TERMS_DIR}/`, `${SEARCH_WORDS_DIR}/`, `${TRUSTS_DIR}/`, SITE_SETTINGS_FILE].map((d) => join(root, d));
        server.watcher.on('all', (_event, path) => {
          if (!watched.some((d) => path.startsWith(d))) return;
          clearTimeout(timer);
          timer = setTimeout(report, 300);
        });
      },

      'astro:build:done': async ({ dir, logger }) => {
        if (!checker) return;
        const source = await checker.source;
        const started = performance.now();
        const built: Problem[] = [];
        try {
          for (const site of trustSites(root, fileURLToPath(dir))) {
            const found = await checker.check(site.dir, base, offeredMethods(site.trust), site.trust.id);
            // The same page mistake in every trust's site is one problem.
            const seen = new Set(built.map((p) => `${p.file}:${p.line}:${p.column}:${p.rule}:${p.message}`));
            built.push(...found.filter((p) => !seen.has(`${p.file}:${p.line}:${p.column}:${p.rule}:${p.message}`)));
          }
        } finally {
          checker.close();
        }
        const problems = [...source, ...built];
        logger.info(`links, fragments and markup of the built site checked in ${seconds(performance.now() - started)}`);
        if (!hasErrors(problems)) {
          print(problems);
          return;
        }
        // Stopped here, before the search index and the PDFs, with the report as the last word.
        if (staging) rmSync(staging, { recursive: true, force: true });
        console.error(`\n${failureReport(problems, `The built site did not pass its checks; ${outcome}.`)}\n`);
        process.exit(1);
      },
    },
  };
}
