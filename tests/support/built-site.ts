import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { projectRoot, runAstro } from './astro-process.ts';

/** A site built into a temporary folder, read page by page. */
export interface BuiltSite {
  outDir: string;
  /** The built file of a site path: `/nn/bankid/` → `<outDir>/nn/bankid/index.html`. */
  file(path: string): string;
  has(path: string): boolean;
  page(path: string): HTMLElement;
  /** Removes the build and everything made for it. */
  remove(): void;
}

/**
 * Builds the project at `root` into a fresh temporary folder, with a cache of its own
 * so that neither a stale content cache nor another build can change what is built.
 */
export async function buildSite(root = projectRoot, cleanUp: string[] = []): Promise<BuiltSite> {
  const work = mkdtempSync(join(tmpdir(), 'guide-build-'));
  const outDir = join(work, 'dist');
  await runAstro('build', { root, outDir, cacheDir: join(work, 'cache') });
  return siteAt(outDir, [work, ...cleanUp]);
}

/** A site already built into `outDir` (e.g. the one the global setup builds), read page by page. */
export function siteAt(outDir: string, cleanUp: string[] = []): BuiltSite {
  const file = (path: string) => join(outDir, path, path.endsWith('.html') ? '' : 'index.html');
  return {
    outDir,
    file,
    has: (path) => existsSync(file(path)),
    page: (path) => parse(readFileSync(file(path), 'utf8')),
    remove: () => {
      for (const dir of cleanUp) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of the project in a temporary folder (sources, public files and config;
 * node_modules linked), for building a site with extra or changed content.
 * `files` maps project-relative paths to the text to write there.
 */
export function copyProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'guide-fixture-'));
  for (const entry of ['src', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(projectRoot, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
