/**
 * Finds and starts the system's Chromium for the PDF export and browser tests.
 * playwright-core drives it; no browser is ever downloaded. It is loaded only to start
 * one (half a second): finding Chromium, as the build's config and `npm run dev` do, needs
 * only the file system.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';

/** Browser names looked up on PATH, in this order, when CHROMIUM_PATH is not set. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** Flags for a quiet, reproducible headless run: no network chatter, no GPU, no first-run UI. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-gpu',
] as const;

/** One line telling how to get a browser, for error messages and the build log. */
export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Google Chrome executable';

export type ChromiumLookup =
  | { found: true; path: string; source: 'CHROMIUM_PATH' | 'PATH' }
  | { found: false; reason: string };

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * CHROMIUM_PATH when set (and then only it: a wrong path is reported, not silently
 * replaced), otherwise the first of CHROMIUM_NAMES on PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    return isExecutableFile(configured)
      ? { found: true, path: configured, source: 'CHROMIUM_PATH' }
      : { found: false, reason: `CHROMIUM_PATH is "${configured}", which is not an executable file` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return { found: true, path: candidate, source: 'PATH' };
    }
  }
  return { found: false, reason: `no ${CHROMIUM_NAMES.join(', ')} on PATH and CHROMIUM_PATH is not set` };
}

/** Thrown by launchChromium when no Chromium is found; its message is the one line to show. */
export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/**
 * Starts headless Chromium. playwright gives every launch a fresh temporary profile
 * (it refuses a --user-data-dir flag for that reason) and deletes it on close.
 */
export async function launchChromium(executablePath?: string, extraArgs: readonly string[] = []): Promise<Browser> {
  let path = executablePath;
  if (!path) {
    const lookup = findChromium();
    if (!lookup.found) throw new ChromiumNotFoundError(`Chromium not found: ${lookup.reason}; ${INSTALL_HINT}`);
    path = lookup.path;
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: path, headless: true, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}
