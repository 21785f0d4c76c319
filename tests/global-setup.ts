import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** The real site, built once for every test that reads the built output. */
    siteDir: string;
  }
}

/**
 * Builds the real site once per test run with `scripts/build.ts` (search index, PDFs,
 * checks included) into .test-dist/site. Set TEST_SITE_DIR to reuse a site you built.
 */
export default function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '..');
  let siteDir = process.env.TEST_SITE_DIR ? resolve(process.env.TEST_SITE_DIR) : '';
  if (!siteDir || !existsSync(siteDir)) {
    siteDir = resolve(root, '.test-dist/site');
    // A production build as `npm run build` makes it: not under Vitest's NODE_ENV=test,
    // and without deploy settings from the developer's shell.
    const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
    // Vitest's own variables (BASE_URL overrides Astro's base) stay out too.
    for (const name of ['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST', 'BASE_PATH', 'SITE_URL', 'PDF_EXPORT', 'PDF_FORMAT', 'GUIDE_TRUSTS', 'GUIDE_PRODUCTION', 'GUIDE_TRUST_TOKENS', 'GUIDE_TRUST_FOLDERS', 'REVIEW_MONTHS']) delete env[name];
    for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
    const result = spawnSync(process.execPath, ['scripts/build.ts', '--out', siteDir], { cwd: root, encoding: 'utf8', env });
    if (result.status !== 0) {
      throw new Error(`The site did not build for the tests:\n${result.stdout}\n${result.stderr}`);
    }
  }
  project.provide('siteDir', siteDir);
}
