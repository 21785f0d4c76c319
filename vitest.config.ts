/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

// The builds, checks and servers the tests start reuse the code Node compiled for the ones
// before them (Node's compile cache, as npm run build and astro use it).
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'node-compile-cache');

// Astro's Vite config, so tests can import astro:content and render components
// with the container API.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Loads the content collections where astro:content reads them under Vitest.
    globalSetup: ['tests/support/sync-content.ts', 'tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
