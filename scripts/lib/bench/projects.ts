/**
 * The sites the benchmark builds, each a throw-away copy in bench/.work/: this project
 * (its src, public, scripts and config, with generated pages in place of the guide's own)
 * and the stock Starlight project in bench/starlight, twice (the same pages as Markdown
 * and as MDX), and for the editors' loop the real guide in both.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultLocale, locales } from '../../../src/i18n/locales.ts';
import { markdownFileOf, mdxFileOf, starlightMdxFileOf, type GeneratedPage } from './content.ts';
import { writeSearchWords, type OriginalSearchWords } from './search-words.ts';

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
  // The PNGs only, with a locale's own versions in their folders (public/screenshots/en/x.png).
  const pngs = join(projectRoot, 'public/screenshots');
  cpSync(pngs, join(dir, 'src/assets/screenshots'), { recursive: true, filter: (from) => statSync(from).isDirectory() || from.endsWith('.png') });
  // Starlight's starter ships a favicon; both sites serve the guide's, so neither loads a 404 page for it.
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(join(projectRoot, 'public/favicon.svg'), join(dir, 'public/favicon.svg'));
  copyNodeModules(starlightRoot, dir);
  return dir;
}

/** The three copies the synthetic pages go into. */
export interface SyntheticSites {
  ours: string;
  starlight: string;
  starlightMdx: string;
  /** The project's search words as copied (readOriginalSearchWords), before generated pages replaced the guide. */
  oursSearchWords: OriginalSearchWords;
}

/**
 * Replaces the guide pages of the project copy and the docs of both Starlight copies with
 * `pages`. The project copy's translation records (src/content/translations/) are the
 * real guide's; they are replaced by records of the generated translations, written by
 * the project's own `npm run translated`: a guide whose translations are up to date, as
 * a maintained guide's are. Its search words keep the synonyms that hold for the generated
 * pages (scripts/lib/bench/search-words.ts).
 */
export function writeContent(pages: GeneratedPage[], sites: SyntheticSites): void {
  const guides = join(sites.ours, 'src/content/guides');
  rmSync(guides, { recursive: true, force: true });
  for (const locale of locales) mkdirSync(join(guides, locale), { recursive: true });
  for (const page of pages) writeFileSync(join(sites.ours, mdxFileOf(page)), page.mdx);
  recordTranslations(
    sites.ours,
    pages.filter((p) => p.locale !== defaultLocale),
  );
  writeSearchWords(sites.ours, sites.oursSearchWords, pages);
  writeStarlightDocs(
    sites.starlight,
    pages.map((page) => ({ file: markdownFileOf(page), text: page.markdown })),
  );
  writeStarlightDocs(
    sites.starlightMdx,
    pages.map((page) => ({ file: starlightMdxFileOf(page), text: page.starlightMdx })),
  );
}

/** Writes the translation records of `translations` in a project copy, with its scripts/translated.ts, in place of the ones it has. */
export function recordTranslations(projectDir: string, translations: GeneratedPage[]): void {
  rmSync(join(projectDir, 'src/content/translations'), { recursive: true, force: true });
  if (translations.length === 0) return;
  const names = translations.map((p) => `${p.locale}/${p.slug}`);
  const result = spawnSync(process.execPath, ['scripts/translated.ts', '--root', projectDir, ...names], {
    cwd: projectDir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`npm run translated failed in ${projectDir}:\n${(result.stderr || result.stdout).slice(-4000)}`);
}

/** Replaces the docs of a Starlight copy with `files` (paths relative to the copy). */
export function writeStarlightDocs(starlightDir: string, files: { file: string; text: string }[]): void {
  rmSync(join(starlightDir, 'src/content/docs'), { recursive: true, force: true });
  for (const { file, text } of files) {
    const path = join(starlightDir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/**
 * Copies everything of this project that git knows of (tracked files, and untracked ones
 * not ignored: what a checkout with the work in progress holds) into `dir`, with its own
 * node_modules: a copy `npm test` can run in. Only reads git; changes nothing there.
 */
export function copyWholeProject(root: string, dir: string): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    // Deleted in the working tree but still in the index: not part of what is tested.
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file), { verbatimSymlinks: true });
  }
  copyNodeModules(root, dir);
  return dir;
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

