/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

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
