import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The project's root directory. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The script that runs one Astro command in a child process (run-astro.ts). */
export const runner = fileURLToPath(new URL('./run-astro.ts', import.meta.url));

/** The environment for an Astro child process: the test runner's own settings left out. */
export function astroEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  // A build under Vitest's NODE_ENV=test would not be a production build (drafts, import.meta.env.PROD).
  delete env.NODE_ENV;
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  // Deploy settings from the developer's shell would change every URL the tests expect.
  delete env.BASE_PATH;
  // The trust a developer previews, or a build's own settings, would change every name the tests expect.
  for (const name of ['GUIDE_TRUSTS', 'GUIDE_PRODUCTION', 'GUIDE_TRUST_TOKENS', 'GUIDE_TRUST_FOLDERS']) delete env[name];
  return env;
}

export interface AstroRun {
  root: string;
  outDir?: string;
  /** Where Astro keeps its content data store between runs. */
  cacheDir?: string;
}

/**
 * Runs `astro sync` or `astro build` in a child process (see run-astro.ts) with errors
 * only on the console; rejects with Astro's output when it fails.
 */
export async function runAstro(command: 'sync' | 'build', options: AstroRun): Promise<void> {
  const env = astroEnv();
  // Fixture sites are not printed; the PDF tests print the real site.
  env.PDF_EXPORT ??= 'off';
  try {
    await promisify(execFile)(process.execPath, [runner, command, JSON.stringify({ ...options, logLevel: 'error' })], {
      cwd: options.root,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`astro ${command} in ${options.root} failed:\n${stderr ?? ''}${stdout ?? ''}`, { cause: error });
  }
}
