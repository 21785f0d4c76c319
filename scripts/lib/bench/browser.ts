/**
 * Headless Chromium for the benchmark's page measurements, through playwright-core (which
 * downloads no browser). CHROMIUM_PATH, else chromium / chromium-browser / google-chrome
 * on PATH. Kept small on purpose: scripts/lib/chromium.ts on main does the same for the
 * PDF export and screenshots, and this can use it once both are on one branch.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is "${env.CHROMIUM_PATH}", which is not an executable: point it at Chromium or unset it`);
  }
  for (const name of NAMES) {
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
      if (executable(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error('Chromium not found: install it with "sudo apt-get install chromium" or set CHROMIUM_PATH');
}

/** Playwright gives each launch a fresh temporary profile and removes it on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: ARGS });
}
