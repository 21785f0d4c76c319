import type { AstroIntegration } from 'astro';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, type Problem } from '../lib/checks/problems.ts';
import { fillTokens, hasTrustTokens, refusedProblems, type RefusedValue } from '../guide/trust-values.ts';
import { isProductionBuild, loadTrusts, selectedTrustIds, type Trust } from '../guide/trusts.ts';

/** One trust's finished site in a build's output: the folder itself, or `<id>/` in it with --all-trusts. */
export interface TrustSite {
  trust: Trust;
  dir: string;
}

/** Each trust in its own folder (`--all-trusts`), even when the render is for one of them. */
const inFolders = (env: NodeJS.ProcessEnv = process.env) => env.GUIDE_TRUST_FOLDERS === '1';

/** The trusts of this build, read from their files; any mistake in them stops the build. */
export function buildTrusts(root: string): Trust[] {
  const { trusts, problems } = loadTrusts(root, selectedTrustIds());
  if (problems.some((p) => p.severity === 'error')) throw new Error(`A trust file has mistakes; nothing was built.\n\n${formatReport(problems)}`);
  return trusts;
}

/** Where each trust's site is in the output folder `dir`. */
export function trustSites(root: string, dir: string): TrustSite[] {
  const trusts = buildTrusts(root);
  return trusts.map((trust) => ({ trust, dir: inFolders() ? join(dir, trust.id) : dir }));
}

/** Files whose text may hold a trust's values: pages, and the print stylesheets. */
const FILLED = new Set(['.html', '.css']);
/** Files the render writes as text that must never hold one. */
const TEXT = new Set(['.js', '.mjs', '.json', '.xml', '.txt', '.svg', '.webmanifest', '.map']);

/** Astro's own working folders in the output (.prerender/), removed when its build ends: not the site. */
const isWorkFolder = (name: string) => name.startsWith('.');

/** The site's files: everything but Astro's working folders. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !relative(dir, e.parentPath).split(/[\\/]/).some(isWorkFolder))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Writes each trust's values into the rendered site (src/guide/trust-values.ts): in place
 * for one trust, or into a copy per trust in `<id>/` with --all-trusts. A production build
 * stops here on any unconfirmed value a page shows, naming the trust file and line.
 */
export async function fillTrustSites(root: string, dir: string, base: string): Promise<TrustSite[]> {
  const sites = trustSites(root, dir);
  const production = isProductionBuild();
  if (inFolders()) {
    const rendered = readdirSync(dir).filter((name) => !isWorkFolder(name));
    for (const site of sites) for (const entry of rendered) cpSync(join(dir, entry), join(site.dir, entry), { recursive: true });
    for (const entry of rendered) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  const problems: Problem[] = [];
  for (const site of sites) {
    const refused: RefusedValue[] = [];
    for (const file of walk(site.dir)) {
      const type = extname(file);
      if (!FILLED.has(type) && !TEXT.has(type)) continue;
      const text = readFileSync(file, 'utf8');
      if (!hasTrustTokens(text)) continue;
      const page = `/${relative(site.dir, file).replaceAll('\\', '/')}`.replace(/index\.html$/, '');
      if (!FILLED.has(type)) throw new Error(`${page}: a trust's value is written into a ${type} file; only pages and stylesheets may show one`);
      const filled = await fillTokens(text, site.trust, { production, base }, page);
      refused.push(...filled.refused);
      writeFileSync(file, filled.text);
    }
    problems.push(...refusedProblems(site.trust, refused));
  }
  if (problems.length > 0) {
    throw new Error(`A production build shows only confirmed values; nothing was published.\n\n${formatReport(problems)}`);
  }
  return sites;
}

/**
 * The trusts' values in the built pages. Pages are rendered once, with tokens where a
 * trust's value goes; after the render, before the checks, each trust's site is written.
 * Register it first: the checks, the search index and the PDFs work on the trusts' sites.
 */
export function trusts(): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  return {
    name: 'guide:trusts',
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        root = fileURLToPath(config.root);
        // Where the pages' render finds the trust files (src/guide/trust-values.ts).
        process.env.GUIDE_ROOT = root;
        if (command !== 'build') return;
        // Fail before anything is rendered on a trust file with mistakes or an unknown id.
        buildTrusts(root);
        process.env.GUIDE_TRUST_TOKENS = '1';
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:generated': async ({ dir }) => {
        await fillTrustSites(root, fileURLToPath(dir), base);
      },
    },
  };
}
