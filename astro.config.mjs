// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';

export default defineConfig({
  // Set SITE_URL (and BASE_PATH for a sub-path such as /veiledning/) where the site is published.
  site: process.env.SITE_URL || undefined,
  base: process.env.BASE_PATH || '/',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One external stylesheet: no inline <style>, so a strict Content-Security-Policy holds.
    inlineStylesheets: 'never',
  },
  markdown: {
    // unified (remark) rather than the default processor, so remark-gfm and the guide's own
    // checks run on the same syntax tree editors' positions come from.
    processor: unified({ remarkPlugins: [remarkGfm], gfm: false }),
    syntaxHighlight: false,
  },
  integrations: [mdx()],
  devToolbar: { enabled: false },
});
