import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { guideFrontmatter, screenshotData } from './lib/schemas.ts';
import { screenshotLoader } from './lib/screenshot-loader.ts';

/** One MDX file per page and locale: src/content/guides/<locale>/<slug>.mdx */
const guides = defineCollection({
  // The id is the path without extension (`nb/index`), so the start page keeps its slug.
  loader: glob({ pattern: '*/*.mdx', base: './src/content/guides', generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: guideFrontmatter,
});

/**
 * One YAML file per screenshot: its alt text and regions, shared by every
 * page and locale that shows it. src/content/screenshots/<name>.yaml describes
 * public/screenshots/<name>.png. Read by the guide's own YAML reader, as the checks read
 * it: a file with a mistake is reported at its line, never a crash of Astro's loader.
 */
const screenshots = defineCollection({
  loader: screenshotLoader(),
  schema: screenshotData,
});

export const collections = { guides, screenshots };
