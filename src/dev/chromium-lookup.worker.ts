/** Runs in a worker thread (src/dev/chromium-lookup.ts): the build's Chromium lookup, its answer posted back. */
import { parentPort } from 'node:worker_threads';
import { findChromium } from '../../scripts/lib/chromium.ts';

parentPort!.postMessage(findChromium());
