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
    const result = spawnSync(process.execPath, ['scripts/build.ts', '--out', siteDir], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`The site did not build for the tests:\n${result.stdout}\n${result.stderr}`);
    }
  }
  project.provide('siteDir', siteDir);
}
