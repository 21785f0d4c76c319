/**
 * npm run build: the whole pipeline, into a staging folder, and dist/ replaced only when
 * every step passed. In this order (the integrations in astro.config.mjs run the steps
 * inside Astro's build; a plain `astro build` runs them the same way):
 *
 *   1. source checks (src/lib/checks): every page compiled with the guide's plugins, the
 *      screenshots and data read; nothing is rendered until they pass;
 *   2. Astro renders the pages, each compiled again by the same plugins, which stop on any
 *      page that breaks a rule; where a page shows a trust's value, the render writes a token;
 *   3. each trust's values written into the rendered pages (src/integrations/trusts.ts); a
 *      production build stops on an unconfirmed one;
 *   4. built-site checks: links, fragments and ids, looked up in what the compile recorded;
 *      and the last-line scan of every page's markup (scripts, handlers, other hosts);
 *   5. the search index (Pagefind);
 *   6. the PDFs, printed by a Chromium that can reach only the local server.
 *
 * Which trust (src/trusts/<id>.yaml):
 *   npm run build                      the template trust (xxhf)
 *   npm run build -- --trust ous       one trust, into dist/
 *   npm run build -- --all-trusts      every trust, into dist/<id>/, rendered once
 *   npm run build -- --production      refuse every unconfirmed value a page shows
 *
 * Releasing (scripts/lib/release.ts): each build renders into a folder of its own,
 * dist.<pid>.staging/, so builds run side by side without mixing; dist/ is replaced by two
 * renames under dist.lock, and the last build to finish is what dist/ holds. When anything
 * fails, dist/ is left exactly as it was and the build's folder removed. A build that is
 * killed (even with SIGKILL) leaves dist/ whole, or its last release beside it, which the
 * next build puts back when it starts; that build also removes the killed one's folder.
 */
import { build } from 'astro';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentChecksSettled } from '../src/integrations/pending-checks.ts';
import { formatReport } from '../src/lib/checks/problems.ts';
import { loadTrusts, offeredMethods, TEMPLATE_TRUST, trustIds } from '../src/guide/trusts.ts';
import { publish, recover, releaseFolders, withLock } from './lib/release.ts';

process.env.ASTRO_TELEMETRY_DISABLED = '1';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    out: { type: 'string' },
    trust: { type: 'string' },
    'all-trusts': { type: 'boolean', default: false },
    production: { type: 'boolean', default: false },
    /** Internal: a second render of --all-trusts for trusts that offer other methods, into --out. */
    'render-group': { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..');
/** Where the finished site goes: dist/, or --out <dir> (the tests build elsewhere). */
const dist = resolve(root, values.out ?? 'dist');
const renderGroup = values['render-group'];
/**
 * This build's own folder and, in it, where the site is rendered. A --render-group child
 * renders straight into its --out, a folder inside its parent's own folder.
 */
const { work, staging } = renderGroup ? { work: dist, staging: dist } : releaseFolders(dist);
const shown = values.out ?? 'dist/';
const kept = () => `${shown} was left as it was${existsSync(dist) ? '' : ' (there was none)'}`;

function fail(message: string): never {
  rmSync(work, { recursive: true, force: true });
  console.error(`\n${message}\n`);
  console.error(`✖ Build failed: ${renderGroup ? 'this render failed' : kept()}.`);
  process.exit(1);
}

if (renderGroup) {
  // Killed, the parent cannot end this render; it ends itself once the parent is gone.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1000).unref();
} else {
  // A folder with this pid can only be left by an earlier process that had the same pid.
  rmSync(work, { recursive: true, force: true });
  // What builds killed before this one left: dist/ put back, their folders removed.
  try {
    withLock(dist, () => recover(dist));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  // The checks (src/integrations/checks.ts) exit the process when they fail: the folder goes too.
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
}

if (values.trust !== undefined && values['all-trusts']) fail('Choose one: --trust <id> builds one trust, --all-trusts builds every trust.');
// A --render-group child renders the trusts its parent names in GUIDE_TRUSTS.
const ids = renderGroup ? (process.env.GUIDE_TRUSTS ?? '').split(',') : values['all-trusts'] ? trustIds(root) : [values.trust ?? TEMPLATE_TRUST];
const { trusts, problems } = loadTrusts(root, ids);
if (problems.some((p) => p.severity === 'error')) fail(`A trust file has mistakes; nothing was built.\n\n${formatReport(problems)}`);

if (values.production) process.env.GUIDE_PRODUCTION = '1';
if (values['all-trusts'] || renderGroup) process.env.GUIDE_TRUST_FOLDERS = '1';

/**
 * Trusts that offer the same login methods share one render: their pages are the same.
 * The first group renders here; any other renders in a process of its own, its sites then
 * moved in beside the first group's.
 */
const groups = new Map<string, string[]>();
for (const trust of trusts) {
  const key = offeredMethods(trust).join(',');
  groups.set(key, [...(groups.get(key) ?? []), trust.id]);
}
const [first = [], ...others] = [...groups.values()];

rmSync(staging, { recursive: true, force: true });

const started = performance.now();
process.env.GUIDE_TRUSTS = first.join(',');
try {
  await build({ root, outDir: staging, logLevel: process.env.BUILD_LOG_LEVEL === 'info' ? 'info' : 'warn' });
} catch (error) {
  // When the content checks find the editor's mistake behind this error, they report it and stop here.
  await contentChecksSettled();
  fail(error instanceof Error ? error.message : String(error));
}

for (const [index, group] of others.entries()) {
  // Named like the staging folder, so that the render's checks speak of dist/ too.
  const out = join(work, `group-${index}`, basename(staging));
  const args = [join(root, 'scripts/build.ts'), '--out', out, '--render-group', ...(values.production ? ['--production'] : [])];
  const child = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, GUIDE_TRUSTS: group.join(',') } });
  if (child.status !== 0) fail(`The render for ${group.join(', ')} failed (above).`);
  mkdirSync(staging, { recursive: true });
  for (const id of group) renameSync(join(out, id), join(staging, id));
  rmSync(dirname(out), { recursive: true, force: true });
}

if (!renderGroup) {
  try {
    publish(dist);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
const what = values['all-trusts'] ? `${trusts.length} trusts' sites (${shown.replace(/\/?$/, '/')}<id>/)` : `${shown} for ${trusts[0]!.values['names.full'].value ?? trusts[0]!.id}`;
console.log(`✔ Built ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
