/**
 * Vitest global setup: fills the content data store before any test imports astro:content.
 *
 * Under Vitest, Astro's Vite config runs as a dev server, and a dev server reads the
 * collections from `.astro/data-store.json`; only `astro dev` writes that file, while
 * `astro sync` and `astro build` write theirs to `cacheDir` (node_modules/.astro). So a
 * fresh checkout renders every `getEntry()` as undefined (withastro/astro#12836).
 * Syncing with `cacheDir` pointed at `.astro/` writes the store where the tests read it.
 */
import { projectRoot, runAstro } from './astro-process.ts';

export default async function syncContent(): Promise<void> {
  await runAstro('sync', { root: projectRoot, cacheDir: './.astro/' });
}
