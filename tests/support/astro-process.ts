import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** `astro dev` running on a project copy, as a test sees it. */
export interface DevServer {
  /** http://127.0.0.1:<port> (or [::1]). */
  origin: string;
  port: number;
  /** The address it listens on, as Astro reports it. */
  host: string;
  /** Everything it has printed so far. */
  output(): string;
  /**
   * Resolves once it has printed `expected`; rejects with what it printed when `ms` pass first.
   * The content checks report after the server is ready, from a worker of their own.
   */
  printed(expected: string | RegExp, ms?: number): Promise<void>;
  /** Stops it and removes its caches (not the project). */
  stop(): void;
}

/**
 * Starts `npm run dev` on `root` with Astro's and Vite's caches of its own, on a free port and
 * the host astro.config.mjs sets; resolves once it listens, rejects with its output if it stops.
 */
export async function startDevServer(root: string, logLevel: 'info' | 'warn' | 'error' = 'error'): Promise<DevServer> {
  const work = mkdtempSync(join(tmpdir(), 'guide-dev-'));
  const config = { root, cacheDir: join(work, 'astro'), vite: { cacheDir: join(work, 'vite') }, server: { port: 0 }, logLevel };
  const server = spawn(process.execPath, [runner, 'dev', JSON.stringify(config)], { cwd: root, env: astroEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () => {
    server.kill();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const [port, host] = await new Promise<[number, string]>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = /listening on (\d+) at (\S+)/.exec(output);
        if (match) resolve([Number(match[1]), match[2]!]);
      });
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      server.on('exit', (code) => reject(new Error(`the dev server stopped (exit code ${code}):\n${output}`)));
    });
    const printed = async (expected: string | RegExp, ms = 60_000) => {
      const seen = () => (typeof expected === 'string' ? output.includes(expected) : expected.test(output));
      const end = Date.now() + ms;
      while (!seen()) {
        if (Date.now() > end) throw new Error(`the dev server did not print ${String(expected)} within ${ms / 1000} s; it said:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    return { origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, host, output: () => output, printed, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
