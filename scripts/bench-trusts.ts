/**
 * npm run bench:trusts [-- --runs N] — what building every trust costs against building one,
 * on the real guide, with the budgets of the trusts issue:
 *   - every trust's site without PDFs (--all-trusts) in at most 3 × one trust's build;
 *   - the PDFs of every trust's site in at most 2 minutes in all.
 * Builds alternate (one trust, every trust, …) so that a busy moment hits both. Writes
 * bench/results/trusts.md and trusts.json. A benchmark, not a test: it exits 1 when a
 * budget is broken.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium, INSTALL_HINT, launchChromium } from './lib/chromium.ts';
import { exportPdfs } from './lib/pdf-export.ts';
import { trustIds } from '../src/guide/trusts.ts';

const BUDGET_RATIO = 3;
const BUDGET_PDF_SECONDS = 120;

const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs) || 3);
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'bench-trusts-'));
const chromium = findChromium();
if (!chromium.found) {
  console.error(`✖ No Chromium (${chromium.reason}): ${INSTALL_HINT}.`);
  process.exit(1);
}

/** Wall time of one `npm run build` with these arguments, without PDFs. */
function timedBuild(args: string[], out: string): number {
  const env: NodeJS.ProcessEnv = { ...process.env, PDF_EXPORT: 'off', ASTRO_TELEMETRY_DISABLED: '1' };
  for (const name of ['GUIDE_TRUSTS', 'GUIDE_PRODUCTION', 'GUIDE_TRUST_TOKENS', 'GUIDE_TRUST_FOLDERS', 'BASE_PATH']) delete env[name];
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.ts'), '--out', out, ...args], { cwd: root, encoding: 'utf8', env });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`npm run build -- ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const ids = trustIds(root);
const one: number[] = [];
const all: number[] = [];
let code = 1;
try {
  console.log(`Trusts benchmark: ${ids.length} trusts, ${runs} runs each, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  for (let run = 1; run <= runs; run++) {
    one.push(timedBuild(['--trust', 'ous'], join(work, 'one')));
    all.push(timedBuild(['--all-trusts'], join(work, 'all')));
    console.log(`  run ${run}: one trust ${(one.at(-1)! / 1000).toFixed(1)} s, every trust ${(all.at(-1)! / 1000).toFixed(1)} s`);
  }
  // The PDFs of every trust's site, as the build prints them: one site after another.
  mkdirSync(join(work, 'all'), { recursive: true });
  const pdfStarted = performance.now();
  let pdfCount = 0;
  const browser = await launchChromium(chromium.path);
  try {
    for (const id of readdirSync(join(work, 'all'))) {
      const result = await exportPdfs({ dir: join(work, 'all', id), chromiumPath: chromium.path, browser });
      pdfCount += result.pdfs.length;
    }
  } finally {
    await browser.close();
  }
  const pdfSeconds = (performance.now() - pdfStarted) / 1000;

  const oneS = median(one) / 1000;
  const allS = median(all) / 1000;
  const ratio = allS / oneS;
  const lines = [
    '# Building every trust',
    '',
    `${new Date().toISOString()}, ${cpus().length} cores, ${runs} runs each, medians. \`npm run bench:trusts\`.`,
    '',
    '| Measure | Value | Budget |',
    '| --- | ---: | --- |',
    `| One trust's site (\`--trust ous\`), no PDFs | ${oneS.toFixed(1)} s | |`,
    `| Every trust's site (\`--all-trusts\`, ${ids.length} sites), no PDFs | ${allS.toFixed(1)} s | |`,
    `| Every trust ÷ one trust | ${ratio.toFixed(2)} × | ≤ ${BUDGET_RATIO} × ${ratio <= BUDGET_RATIO ? '✔' : '✖'} |`,
    `| PDFs of every trust's site (${pdfCount} PDFs) | ${pdfSeconds.toFixed(1)} s | ≤ ${BUDGET_PDF_SECONDS} s ${pdfSeconds <= BUDGET_PDF_SECONDS ? '✔' : '✖'} |`,
    '',
    'The pages are compiled, their screenshots encoded and rendered once for every trust that offers',
    'the same login methods; each trust\'s values are then written into a copy of the rendered site,',
    'which gets its own checks, search index and PDFs.',
    '',
  ];
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/trusts.md'), lines.join('\n'));
  writeFileSync(
    join(root, 'bench/results/trusts.json'),
    `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, runs, trusts: ids.length, oneTrustMs: one, allTrustsMs: all, ratio, pdfs: pdfCount, pdfSeconds }, null, 2)}\n`,
  );
  console.log(lines.slice(4, 10).join('\n'));
  code = ratio <= BUDGET_RATIO && pdfSeconds <= BUDGET_PDF_SECONDS ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
