/**
 * Global setup of the quality tests: builds the site once into a temp folder that every
 * test file reads (provided as `siteDir`). Set QUALITY_DIST to an already built folder
 * (e.g. dist) to skip the build while working on the tests themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from './lib/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.QUALITY_DIST) {
    project.provide('siteDir', resolve(process.env.QUALITY_DIST));
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'guide-quality-'));
  const dir = join(work, 'dist');
  const started = performance.now();
  await buildSite(dir);
  console.log(`quality: built the site for the tests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  project.provide('siteDir', dir);
  return () => rmSync(work, { recursive: true, force: true });
}
