/**
 * The two sites the benchmark builds, each a throw-away copy in a temporary folder:
 * this project (its src, public, scripts and config, with generated pages in place of
 * the guide's own) and the stock Starlight project in bench/starlight.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { locales } from '../../../src/i18n/locales.ts';
import { markdownFileOf, mdxFileOf, type GeneratedPage } from './content.ts';

/** What a copy of this project needs to build, besides node_modules. */
const PROJECT_ENTRIES = ['src', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json'];
/** What a copy of the Starlight project needs, besides node_modules and the content. */
const STARLIGHT_ENTRIES = ['src', 'astro.config.mjs', 'package.json'];
/** Caches Astro, Vite and this project (screenshot encodings) keep; a copy gets its own, emptied before each build. */
const CACHE_DIRS = ['node_modules/.astro', 'node_modules/.vite', '.astro', 'node_modules/.cache'];

/**
 * Gives `copy` its own node_modules: hard links to `source`'s files (fast, no extra
 * space), or a plain copy where links cannot be made. Not symlinks: Astro compiles
 * .astro files inside packages (Starlight's) by their real path, which must lie in the copy.
 * The copy starts without Astro's and Vite's caches.
 */
function copyNodeModules(source: string, copy: string): void {
  const from = join(source, 'node_modules');
  if (!existsSync(from)) throw new Error(`${from} is missing: install the packages first`);
  const to = join(copy, 'node_modules');
  const linked = spawnSync('cp', ['-al', from, to], { stdio: 'ignore' });
  if (linked.status !== 0) {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
  clearCaches(copy);
}

/** Copies this project into `dir`, with its own node_modules. */
export function copyProject(root: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of PROJECT_ENTRIES) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  copyNodeModules(root, dir);
  return dir;
}

/** Copies bench/starlight into `dir`, with the project's screenshot PNGs as its image assets. */
export function copyStarlight(starlightRoot: string, projectRoot: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of STARLIGHT_ENTRIES) cpSync(join(starlightRoot, entry), join(dir, entry), { recursive: true });
  // Starlight optimises images that live in src/assets; public/ files would be served as PNG.
  const shots = join(dir, 'src/assets/screenshots');
  mkdirSync(shots, { recursive: true });
  const pngs = join(projectRoot, 'public/screenshots');
  for (const file of readdirSync(pngs)) {
    if (file.endsWith('.png') && statSync(join(pngs, file)).isFile()) cpSync(join(pngs, file), join(shots, file));
  }
  // Starlight's starter ships a favicon; both sites serve the guide's, so neither loads a 404 page for it.
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(join(projectRoot, 'public/favicon.svg'), join(dir, 'public/favicon.svg'));
  copyNodeModules(starlightRoot, dir);
  return dir;
}

/** Replaces the guide pages of the project copy and the docs of the Starlight copy with `pages`. */
export function writeContent(pages: GeneratedPage[], oursDir: string, starlightDir: string): void {
  const guides = join(oursDir, 'src/content/guides');
  const docs = join(starlightDir, 'src/content/docs');
  rmSync(guides, { recursive: true, force: true });
  rmSync(docs, { recursive: true, force: true });
  for (const locale of locales) mkdirSync(join(guides, locale), { recursive: true });
  for (const page of pages) {
    writeFileSync(join(oursDir, mdxFileOf(page)), page.mdx);
    const file = join(starlightDir, markdownFileOf(page));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.markdown);
  }
}

/** Empties Astro's and Vite's caches, so every timed build starts cold. */
export function clearCaches(dir: string): void {
  for (const cache of CACHE_DIRS) rmSync(join(dir, cache), { recursive: true, force: true });
}

/**
 * Installs bench/starlight's packages from its lockfile (npm ci) when they are missing or
 * older than the lockfile (npm ci writes node_modules/.package-lock.json), with this
 * process's Node first on PATH, so npm resolves packages for the Node the benchmark runs on.
 */
export function ensureStarlightInstalled(starlightRoot: string, log: (line: string) => void): void {
  const lock = join(starlightRoot, 'package-lock.json');
  const installed = join(starlightRoot, 'node_modules/.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('Installing the Starlight project (npm ci in bench/starlight) …');
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: starlightRoot, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci in bench/starlight failed: see the output above');
}

