/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

// The builds, checks and servers the tests start reuse the code Node compiled for the ones
// before them (Node's compile cache, as npm run build and astro use it).
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'node-compile-cache');

/**
 * Test files that run `npm run build` on the project itself (every such build shares its
 * node_modules/.astro cache): one at a time, after the rest. Every other file builds a copy,
 * or with a cache of its own, and runs beside the others.
 */
const ONE_AT_A_TIME = ['tests/build/trusts.test.ts', 'tests/build/release.test.ts'];

// Astro's Vite config, so tests can import astro:content and render components
// with the container API.
export default getViteConfig({
  test: {
    // Loads the content collections where astro:content reads them under Vitest.
    globalSetup: ['tests/support/sync-content.ts', 'tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Vitest's default leaves one core idle; most files spend their time waiting on a build,
    // a server or Chromium in another process, so two files at a time fill a 2-core machine.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { extends: true, test: { name: 'side by side', include: ['tests/**/*.test.ts'], exclude: ONE_AT_A_TIME } },
      { extends: true, test: { name: 'one at a time', include: ONE_AT_A_TIME, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
