import type { AstroIntegration } from 'astro';

/**
 * Pages for editors that exist only in `npm run dev`, never in dist/:
 * /_editor/regions/ (draw a region on a screenshot, get the YAML to paste) and
 * /_editor/status/ (translation and review status of every page).
 */
export function editorTools(): AstroIntegration {
  return {
    name: 'guide:editor-tools',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (command !== 'dev') return;
        injectRoute({ pattern: '/_editor/regions', entrypoint: new URL('../dev/RegionPicker.astro', import.meta.url), prerender: true });
        injectRoute({ pattern: '/_editor/status', entrypoint: new URL('../dev/StatusPage.astro', import.meta.url), prerender: true });
      },
    },
  };
}
