/**
 * Finds the system's Chromium and launches it headless through playwright-core, which
 * never downloads a browser of its own. Shared by the screenshot renderer and the PDF export.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Executable names tried on PATH, in this order, when CHROMIUM_PATH is not set. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/** Quiet, offline, reproducible: no update checks, sync, first-run UI or GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-gpu',
] as const;

/** Thrown when no Chromium can be found; its message is the one line to show the user. */
export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium executable to use: `CHROMIUM_PATH` when set, else the first of
 * chromium, chromium-browser or google-chrome on PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutableFile(configured)) return configured;
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH is "${configured}", which is not an executable file: point it at Chromium or Chrome, or unset it to search PATH`,
    );
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new ChromiumNotFoundError(
    `Chromium not found (looked for CHROMIUM_PATH, then ${CHROMIUM_NAMES.join(', ')} on PATH): install it with "sudo apt-get install chromium" or set CHROMIUM_PATH to a Chromium or Chrome executable`,
  );
}

/**
 * Launches headless Chromium with CHROMIUM_ARGS plus any `extraArgs`. Playwright gives
 * every launch a fresh temporary --user-data-dir and removes it on close, so no profile
 * state leaks between runs.
 */
export async function launchChromium(executablePath: string = findChromium(), extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
