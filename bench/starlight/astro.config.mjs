// @ts-check
// A stock Starlight site: only a title and the guide's three languages, so the benchmark
// compares the guide with Starlight as people get it.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Logg inn hjemmefra',
      // Bokmål at the root like the guide; Nynorsk and English under /nn/ and /en/.
      defaultLocale: 'root',
      locales: {
        root: { label: 'Norsk bokmål', lang: 'nb' },
        nn: { label: 'Norsk nynorsk', lang: 'nn' },
        en: { label: 'English', lang: 'en' },
      },
    }),
  ],
});
