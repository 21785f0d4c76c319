import { Worker } from 'node:worker_threads';
import type { ChromiumLookup } from '../../scripts/lib/chromium.ts';

/**
 * The build's answer to "is there a Chromium?" (findChromium in scripts/lib/chromium.ts), asked
 * in a worker thread: that module loads playwright-core as it is imported, half a second the
 * dev server's first page must not wait for. playwright-core comes into the dev server itself
 * only when a PDF is asked for (src/dev/pdf-on-demand.ts).
 */
export function findChromiumAside(): Promise<ChromiumLookup> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./chromium-lookup.worker.ts', import.meta.url));
    worker.once('message', (lookup: ChromiumLookup) => {
      resolve(lookup);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
