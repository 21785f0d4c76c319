/**
 * The astro command (`npm run dev`, `npm run preview`, `npm run typecheck`) with Astro's
 * anonymous usage reports turned off, as `npm run build` has them (scripts/build.ts): the
 * guide is written and previewed on machines that send nothing to the web, and the editors'
 * terminal shows no notice about it. Arguments go to astro as they are:
 * `node scripts/astro.ts dev --port 4322`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
// astro reads its command from process.argv, after the script's own path: the same here.
await import(pathToFileURL(astro).href);
