// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { rehypeBaseLinks } from './src/lib/rehype-base-links.ts';
import { rehypeHeadingIds } from './src/lib/rehype-heading-ids.ts';
import { remarkFirstScreenshot } from './src/lib/remark-first-screenshot.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { editorTools } from './src/integrations/editor-tools.ts';
import { checks } from './src/integrations/checks.ts';
import pdfExport from './src/integrations/pdf.ts';

const base = process.env.BASE_PATH || '/';

export default defineConfig({
  // Set SITE_URL (and BASE_PATH for a sub-path such as /veiledning/) where the site is published.
  site: process.env.SITE_URL || undefined,
  base,
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One external stylesheet: no inline <style>, so a strict Content-Security-Policy holds.
    inlineStylesheets: 'never',
  },
  markdown: {
    // unified (remark) rather than the default processor, so remark-gfm and the guide's own
    // checks run on the same syntax tree editors' positions come from.
    processor: unified({ remarkPlugins: [remarkGfm, remarkFirstScreenshot], rehypePlugins: [rehypeHeadingIds, [rehypeBaseLinks, { base }]], gfm: false }),
    syntaxHighlight: false,
  },
  // Post-build steps run in this order on the staging folder (see scripts/build.ts): search index,
  // PDF export, then checks(), last, so its astro:build:done hook checks the finished site.
  // optimize: MDX's static parts compile to HTML strings instead of one JSX call per element;
  // the built pages are byte-for-byte the same, the build about 15 % faster.
  integrations: [mdx({ optimize: true }), editorTools(), searchIndex(), pdfExport(), checks()],
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // MDX's "use astro:head-inject" directive is Astro's own; the bundler's note about it
        // is noise for editors reading the build log.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
