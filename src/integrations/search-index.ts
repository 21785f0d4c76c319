import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_ENTRY_PATH } from '../guide/routing.ts';
import { trustSites } from './trusts.ts';
import { offeredMethods } from '../guide/trusts.ts';
import { loginMethods } from '../lib/methods.ts';
import { formatReport } from '../lib/checks/problems.ts';
import { SEARCH_WORDS_DIR, writeVocabularies } from '../lib/search/vocabulary.ts';

/**
 * Pagefind's ready-made search interfaces, and its web worker. The search page has its own
 * interface (src/scripts/search.ts) and runs Pagefind without a worker, so none of these
 * is ever loaded, and they are not published.
 */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\.(js|css)$/;

/**
 * Builds the Pagefind search index of the finished site: one index per language
 * (from `<html lang>`), of the guide pages' `data-pagefind-body` only. Any error
 * from Pagefind fails the build.
 */
export function searchIndex(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'guide:search-index',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        // Each trust's site has its own index: its names, its methods.
        for (const { dir: site, trust } of trustSites(root, fileURLToPath(dir))) {
          await indexSite(root, site, offeredMethods(trust).length === loginMethods.length, logger);
        }
      },
    },
  };
}

async function indexSite(root: string, site: string, everyMethod: boolean, logger: { info(message: string): void; warn(message: string): void }): Promise<void> {
  const started = performance.now();
  const fail = (step: string, errors: string[]) => {
    throw new Error(`Search index: ${step} failed:\n  ${errors.join('\n  ')}`);
  };
  const { index, errors } = await pagefind.createIndex({});
  if (!index || errors.length > 0) fail('starting Pagefind', errors);
  const added = await index!.addDirectory({ path: site });
  if (added.errors.length > 0) fail('indexing the site', added.errors);
  if (added.page_count === 0) fail('indexing the site', ['no page has data-pagefind-body: nothing to search']);
  const bundle = await index!.getFiles();
  if (bundle.errors.length > 0) fail('writing the index', bundle.errors);
  for (const file of bundle.files) {
    if (UNUSED.test(basename(file.path))) continue;
    const target = join(site, 'pagefind', file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  await pagefind.close();
  // The built-site checks, which ran before, took the search page's preload of it on trust.
  if (!existsSync(join(site, SEARCH_ENTRY_PATH))) fail('writing the index', [`${SEARCH_ENTRY_PATH} was not written`]);
  // Each language's words, for the search page's corrections; the editors' synonyms must lead to some of them.
  const words = writeVocabularies(root, join(site, 'pagefind'), everyMethod);
  if (words.problems.some((p) => p.severity === 'error')) {
    throw new Error(`The search words (${SEARCH_WORDS_DIR}/) have mistakes; nothing was published.\n\n${formatReport(words.problems)}`);
  }
  if (words.dropped.length > 0) logger.warn(`synonyms whose words are not in this site (a method it does not offer?), left out: ${words.dropped.join(', ')}`);
  logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms; vocabularies ${(words.bytes / 1000).toFixed(1)} kB`);
}
