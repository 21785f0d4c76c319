/**
 * Runs Astro's programmatic `sync`, `build` or `dev` in a process of its own:
 *
 *   node tests/support/run-astro.ts build '{"root":"/tmp/site","outDir":"/tmp/site/out"}'
 *
 * `dev` prints `listening on <port> at <address>` once the dev server answers, and runs until killed.
 *
 * Inside Vitest, `import 'astro'` resolves to Astro's type-only entry (its Vite config
 * aliases it), and two builds in one process share Astro's global content layer; a
 * child process has neither problem.
 */
import { build, dev, sync, type AstroInlineConfig } from 'astro';

const [command, json] = process.argv.slice(2);
const config = JSON.parse(json ?? '{}') as AstroInlineConfig;
if (command === 'build') await build(config);
else if (command === 'sync') await sync(config);
else if (command === 'dev') {
  const { address } = await dev(config);
  console.log(`listening on ${address.port} at ${address.address}`);
}
else throw new Error(`run-astro: unknown command ${JSON.stringify(command)}; use build, sync or dev`);
