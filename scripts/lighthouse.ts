/**
 * npm run lighthouse: Lighthouse (mobile preset: a mid-range phone on a slow 4G link,
 * simulated) on the start page and one login-method page of the built site in dist/,
 * served by nginx with deploy/nginx.conf as on the intranet (or by the plain static server
 * when nginx is not installed, which then says so). Each page is measured LIGHTHOUSE_RUNS
 * times (3) and the median run is kept. Writes the scores and, for every score under 100,
 * the audits that cost points, to bench/results/lighthouse.json and .md.
 */
import { spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, findChromium, INSTALL_HINT } from './lib/chromium.ts';
import { findNginx, startNginx } from './lib/nginx.ts';
import { serveStatic } from './lib/static-server.ts';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');
const results = resolve(root, 'bench/results');
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** Runs per page (LIGHTHOUSE_RUNS); the median one is reported. */
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));

if (!existsSync(join(dist, 'index.html'))) {
  console.error('✖ No built site in dist/: run `npm run build` first.');
  process.exit(1);
}

/** The start page and a login-method page (Buypass smartcard if there is one). */
function pagesToMeasure(): { name: string; path: string }[] {
  const methodPath = (slug: string) => join(dist, slug, 'index.html');
  const preferred = 'buypass-smartkort';
  let method = existsSync(methodPath(preferred)) && readFileSync(methodPath(preferred), 'utf8').includes('data-method=') ? preferred : undefined;
  if (!method) {
    const candidates = ['buypass-app', 'bankid', 'commfides', 'buypass-passord-sms', 'buypass-nokkel'];
    method = candidates.find((slug) => existsSync(methodPath(slug)));
  }
  return [{ name: 'Start page', path: '/' }, ...(method ? [{ name: 'Method page', path: `/${method}/` }] : [])];
}

/** Headless Chromium with a DevTools port for Lighthouse to drive. */
async function startChromium(flags: string[] = []): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'guide-lighthouse-'));
  const lookup = findChromium();
  if (!lookup.found) throw new Error(`No Chromium for Lighthouse (${lookup.reason}): ${INSTALL_HINT}`);
  const child = spawn(
    lookup.path,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...CHROMIUM_FLAGS,
      ...flags,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not open a DevTools port:\n${output}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        done(Number(match[1]));
      }
    });
    child.once('exit', (code) => fail(new Error(`Chromium exited (${code}):\n${output}`)));
  });
  return {
    port,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface Lost {
  id: string;
  title: string;
  score: number | null;
  weight: number;
  displayValue?: string;
}

let server: { url: string; stop(): Promise<void> };
let servedBy: string;
/** Chromium trusts the test nginx's own certificate, and no other. */
const chromiumFlags: string[] = [];
try {
  findNginx();
  const nginx = await startNginx(dist);
  server = { url: nginx.url, stop: nginx.stop };
  servedBy = 'nginx with deploy/nginx.conf, over HTTPS and HTTP/2';
  const spki = new X509Certificate(nginx.ca).publicKey.export({ type: 'spki', format: 'der' });
  chromiumFlags.push(`--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`);
} catch {
  const plain = await serveStatic(dist);
  server = { url: plain.url, stop: plain.close };
  servedBy = 'the plain static server (nginx is not installed: no compression or cache headers)';
}

const chromium = await startChromium(chromiumFlags);

/** Lighthouse `runs` times on `url`; the run with the median performance score (single runs vary with the machine's load). */
async function measure(url: string, runs: number, only: readonly string[] = categories) {
  const lhrs = [];
  let failures = 0;
  while (lhrs.length < runs) {
    const result = await lighthouse(url, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: [...only] });
    const error = !result ? 'no result' : result.lhr.runtimeError?.message;
    if (!error) {
      lhrs.push(result!.lhr);
      continue;
    }
    // A run can time out on a very busy machine; one more try, then give up.
    console.warn(`  run failed: ${error}`);
    if (++failures > 1) throw new Error(`Lighthouse could not measure ${url}: ${error}`);
  }
  return lhrs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0))[Math.floor(lhrs.length / 2)]!;
}

const measured: {
  name: string;
  benchmarkIndex: number;
  warnings: string[];
  path: string;
  scores: Record<string, number | null>;
  metrics: Record<string, string | undefined>;
  lost: Record<string, Lost[]>;
}[] = [];
let lighthouseVersion = '';
/** The same measurement of a page with one heading and nothing else: what this machine allows. */
let baseline: { performance: number; totalBlockingTime: string | undefined } | undefined;
// An empty page served on the side: measured once first to warm the browser up (the first
// page a fresh Chromium loads pays for starting up), and again at the end for scale.
const emptyDir = mkdtempSync(join(tmpdir(), 'guide-lighthouse-empty-'));
writeFileSync(
  join(emptyDir, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Empty</title></head><body><h1>Empty</h1></body></html>',
);
const empty = await serveStatic(emptyDir);
try {
  console.log('Lighthouse: warming up …');
  await measure(empty.url, 1, ['performance']);
  for (const page of pagesToMeasure()) {
    const url = new URL(page.path.slice(1), server.url).href;
    console.log(`Lighthouse: ${page.name} (${page.path}), ${RUNS} run${RUNS === 1 ? '' : 's'} …`);
    const lhr = await measure(url, RUNS);
    lighthouseVersion = lhr.lighthouseVersion;
    const scores: Record<string, number | null> = {};
    const lost: Record<string, Lost[]> = {};
    for (const id of categories) {
      const category = lhr.categories[id]!;
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      lost[id] = category.auditRefs
        .map((ref) => ({ ref, audit: lhr.audits[ref.id]! }))
        .filter(({ ref, audit }) => ref.weight > 0 && audit.score !== null && audit.score < 1)
        .map(({ ref, audit }) => ({ id: ref.id, title: audit.title, score: audit.score, weight: ref.weight, displayValue: audit.displayValue }));
    }
    const metric = (id: string) => lhr.audits[id]?.displayValue;
    measured.push({
      name: page.name,
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
      warnings: lhr.runWarnings.map(String),
      path: page.path,
      scores,
      metrics: {
        'First Contentful Paint': metric('first-contentful-paint'),
        'Largest Contentful Paint': metric('largest-contentful-paint'),
        'Total Blocking Time': metric('total-blocking-time'),
        'Cumulative Layout Shift': metric('cumulative-layout-shift'),
        'Speed Index': metric('speed-index'),
      },
      lost,
    });
  }
  console.log('Lighthouse: an empty page, for scale …');
  const lhr = await measure(empty.url, RUNS, ['performance']);
  baseline = { performance: Math.round((lhr.categories.performance?.score ?? 0) * 100), totalBlockingTime: lhr.audits['total-blocking-time']?.displayValue };
} finally {
  await chromium.stop();
  await server.stop();
  await empty.close();
  rmSync(emptyDir, { recursive: true, force: true });
}

const report = {
  date: new Date().toISOString(),
  // Simulated throttling scales the CPU work it observes: a busy machine inflates Total Blocking Time.
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  lighthouse: lighthouseVersion,
  preset: 'mobile (default config: Moto G Power class phone, simulated slow 4G and 4× CPU slowdown)',
  runsPerPage: RUNS,
  servedBy,
  pages: measured,
  baseline,
};
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'lighthouse.json'), `${JSON.stringify(report, null, 2)}\n`);

const label: Record<string, string> = { performance: 'Performance', accessibility: 'Accessibility', 'best-practices': 'Best practices', seo: 'SEO' };
const lines = [
  '# Lighthouse',
  '',
  `Lighthouse ${lighthouseVersion}, ${report.preset}; the median of ${RUNS} run${RUNS === 1 ? '' : 's'} per page. Served by ${servedBy}. ${report.date.slice(0, 10)}.`,
  '',
  `Machine: load average ${report.loadAverage.join(', ')}; Lighthouse CPU benchmark index ${measured.map((p) => p.benchmarkIndex).join(', ')}. ` +
    'Performance is simulated from the CPU time the page took here, slowed down 4×: on a busy machine Total Blocking Time and the score are worse than a phone would see.',
  ...(baseline
    ? [
        '',
        `For scale, an empty page (one heading, no CSS, no script) measured the same way on this machine just now: performance ${baseline.performance}, Total Blocking Time ${baseline.totalBlockingTime}.`,
      ]
    : []),
  ...measured.flatMap((p) => p.warnings.map((w) => `\n> ${p.name}: ${w}`)),
  '',
  `| Page | ${categories.map((c) => label[c]).join(' | ')} |`,
  `| --- | ${categories.map(() => '---:').join(' | ')} |`,
  ...measured.map((p) => `| ${p.name} (\`${p.path}\`) | ${categories.map((c) => p.scores[c] ?? '–').join(' | ')} |`),
  '',
  '## Metrics',
  '',
  `| Page | ${Object.keys(measured[0]?.metrics ?? {}).join(' | ')} |`,
  `| --- | ${Object.keys(measured[0]?.metrics ?? {}).map(() => '---:').join(' | ')} |`,
  ...measured.map((p) => `| ${p.name} | ${Object.values(p.metrics).map((v) => v ?? '–').join(' | ')} |`),
  '',
  '## What stands between a score and 100',
  '',
];
/** What is known to cause a lost audit on this site, and what to do about it. */
const builtWithoutSiteUrl = /<link rel="alternate" hreflang="[^"]+" href="\//.test(readFileSync(join(dist, 'index.html'), 'utf8'));
const causes: Record<string, string> = {
  hreflang: builtWithoutSiteUrl
    ? "the trust's file has no siteUrl yet (unconfirmed: with nothing after it), so the language alternates are site paths, and hreflang needs absolute URLs. Write the guide's intranet address as siteUrl in src/trusts/<id>.yaml and they are absolute."
    : 'the language alternates are absolute; see the audit in lighthouse.json.',
  'total-blocking-time':
    'guide pages run no JavaScript: the blocking time is the browser parsing, styling and laying out the page on this machine, multiplied by the simulated 4× CPU slowdown. Compare the empty page and the CPU benchmark index above (a quiet desktop scores over 1000).',
};
let anyLost = false;
for (const page of measured) {
  for (const id of categories) {
    const audits = page.lost[id] ?? [];
    if (audits.length === 0) continue;
    anyLost = true;
    lines.push(`- ${page.name}, ${label[id]} ${page.scores[id]}:`);
    for (const a of audits) {
      lines.push(`  - ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} — audit \`${a.id}\`, score ${Math.round((a.score ?? 0) * 100)}, weight ${a.weight}`);
      if (causes[a.id]) lines.push(`    Why: ${causes[a.id]}`);
    }
  }
}
if (!anyLost) lines.push('Nothing: every weighted audit passes on both pages.');
lines.push('');
writeFileSync(join(results, 'lighthouse.md'), lines.join('\n'));

for (const p of measured) console.log(`${p.name.padEnd(12)} ${categories.map((c) => `${label[c]} ${p.scores[c]}`).join(' · ')}`);
console.log(`✔ Wrote bench/results/lighthouse.json and lighthouse.md`);
