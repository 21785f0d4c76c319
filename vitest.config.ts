/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite config, so tests can import astro:content and render components
// with the container API.
export default getViteConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/quality/**'] } },
      // The quality gates build the site once (global setup), only when one of them runs.
      { extends: true, test: { name: 'quality', include: ['tests/quality/**/*.test.ts'], globalSetup: ['tests/quality/setup.ts'] } },
    ],
  },
});
