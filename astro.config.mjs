// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { astroRemarkPlugins } from './src/guide/plugins.ts';
import { rehypeBaseLinks } from './src/lib/rehype-base-links.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { editorTools } from './src/integrations/editor-tools.ts';
import { checks } from './src/integrations/checks.ts';
import { trusts } from './src/integrations/trusts.ts';
import { dataReload } from './src/integrations/data-reload.ts';
import pdfExport from './src/integrations/pdf.ts';

const base = process.env.BASE_PATH || '/';

export default defineConfig({
  // BASE_PATH for a sub-path such as /veiledning/. The site's published address is the
  // trust's (siteUrl in src/trusts/<id>.yaml), written into the pages per trust.
  base,
  trailingSlash: 'always',
  // `npm run dev` serves the editors' preview on this machine only (drafts and unconfirmed
  // values included), and Astro says so as it starts: "Network  use --host to expose".
  // `npm run dev -- --host` shares it on the network, on purpose only.
  server: { host: false },
  build: {
    format: 'directory',
    // One external stylesheet: no inline <style>, so a strict Content-Security-Policy holds.
    inlineStylesheets: 'never',
  },
  markdown: {
    // unified (remark): the guide's plugins (src/guide/plugins.ts), the same list `npm run check`
    // compiles with, run first on every page, the safe-content profile before anything else; the
    // build stops there on a page that breaks a rule. GFM and typographic quotes are in the list
    // rather than Astro's defaults, which would run before it.
    processor: unified({
      remarkPlugins: astroRemarkPlugins,
      rehypePlugins: [[rehypeBaseLinks, { base }]],
      gfm: false,
      smartypants: false,
    }),
    syntaxHighlight: false,
  },
  // Post-build steps run in this order on the staging folder (see scripts/build.ts): trusts() (each
  // trust's values written into the rendered pages), checks() (the built-site checks and the
  // last-line scan of the HTML), then the search index and the PDFs, per trust's site.
  // optimize: MDX's static parts compile to HTML strings instead of one JSX call per element;
  // the built pages are byte-for-byte the same, the build about 15 % faster.
  integrations: [mdx({ optimize: true }), trusts(), dataReload(), editorTools(), checks(), searchIndex(), pdfExport()],
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
