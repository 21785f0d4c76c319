/**
 * Builds the site into a folder of its own, in a child process so Astro's build runs as
 * it does from `npm run build` (integrations included), not inside the test runner's Vite.
 * Run directly (`node build.ts <outDir>`) it is that child.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = resolve(self, '../../../..');

/** Builds into `outDir` for the given base path; `extraEnv` e.g. sets GUIDE_TRUSTS. */
export async function buildSite(outDir: string, base = '/', extraEnv: Record<string, string> = {}): Promise<void> {
  // The test runner's own variables (BASE_URL, MODE, NODE_ENV=test, VITEST_*) would change the build.
  const env: Record<string, string | undefined> = { ...process.env, ...extraEnv, BASE_PATH: base, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  const child = spawn(process.execPath, [self, outDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`Building the site (base ${base}) into ${outDir} failed:\n${output}`);
}

if (import.meta.main) {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node tests/quality/lib/build.ts <outDir>');
  const { build } = await import('astro');
  // A cache of its own beside the site: other builds of the project may run at the same time.
  await build({ root, outDir, cacheDir: resolve(outDir, '..', '.astro-cache'), logLevel: 'error' });
}
