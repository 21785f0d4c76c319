import type { AstroIntegration } from 'astro';
import { DRAFT_PREVIEW_PREFIX } from '../guide/routing.ts';

/**
 * Pages for editors that exist only in `npm run dev`, never in dist/:
 * /_editor/regions/ (draw a region on a screenshot, get the YAML to paste),
 * /_editor/status/ (translation and review status of every page), /_editor/draft/ (the list of
 * every page the build leaves out) and /_editor/draft/…/ (each of them, marked: a draft, or a
 * method the trust does not offer; the site's own paths show what the build publishes).
 */
export function editorTools(): AstroIntegration {
  return {
    name: 'guide:editor-tools',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (command !== 'dev') return;
        injectRoute({ pattern: '/_editor/regions', entrypoint: new URL('../dev/RegionPicker.astro', import.meta.url), prerender: true });
        injectRoute({ pattern: '/_editor/status', entrypoint: new URL('../dev/StatusPage.astro', import.meta.url), prerender: true });
        injectRoute({ pattern: DRAFT_PREVIEW_PREFIX, entrypoint: new URL('../dev/DraftIndex.astro', import.meta.url), prerender: true });
        injectRoute({ pattern: `${DRAFT_PREVIEW_PREFIX}/[...path]`, entrypoint: new URL('../dev/DraftPage.astro', import.meta.url), prerender: true });
      },
    },
  };
}
