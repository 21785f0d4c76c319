/**
 * npm run bench: builds N synthetic guide pages per locale with this project and the same
 * content with a stock Astro Starlight site (bench/starlight) twice, as Starlight MDX (its
 * <Steps> and <Aside>: the anchor a Starlight team would use) and as plain Markdown, in
 * rotating order and several times; measures the builds and what a reader's browser
 * loads; builds the real guide once; times the editors' loop on the real guide (check,
 * build without PDFs against Starlight-MDX building the same pages, the dev server's first
 * page, and on request the tests); and writes bench/results/latest.{md,json} with the
 * budgets met or not.
 *
 *   npm run bench                                  sizes 10, 200, 1000; 3 runs each
 *   npm run bench -- --sizes 10 --runs 1           a quick look
 *   options: --seed N, --query WORD, --no-real (skip the real guide and the editors' loop),
 *            --with-tests (run npm test in a copy and time it: about 10 minutes more),
 *            --profile (CPU profiles: one more build of ours at the largest size, and one
 *            run of each editors' command whose budget is not met),
 *            --keep (keep bench/.work), --label NAME (write bench/results/NAME.* instead of latest.*),
 *            --from FILE.json (only write the report again from an earlier run's JSON)
 *
 * Not part of npm test: timings belong to a benchmark, not to pass/fail tests.
 */
import { spawnSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { generateContent, type GeneratedPage } from './lib/bench/content.ts';
import { launchChromium } from './lib/chromium.ts';
import { summariseProfileDir, type ProfileSummary } from './lib/bench/cpu-profile.ts';
import { measureDevServer } from './lib/bench/dev-server.ts';
import { checkSummary, lastTestsRun, testsSummary } from './lib/bench/editor-loop.ts';
import { hasGnuTime, measureBuild, type BuildMeasurement } from './lib/bench/measure-build.ts';
import { beforeInteraction, byKind, firstSearch, screenshotNameOf, screenshotsServed, sum, type Transfer } from './lib/bench/measure-browser.ts';
import {
  clearCaches,
  copyProject,
  copyStarlight,
  copyWholeProject,
  ensureStarlightInstalled,
  writeContent,
  writeStarlightDocs,
  type SyntheticSites,
} from './lib/bench/projects.ts';
import {
  buildStats,
  checkBudgets,
  median,
  renderMarkdown,
  type BenchReport,
  type BuildRun,
  type CommandRun,
  type EditorLoop,
  type PageStats,
  type PdfStats,
  type RealSiteResult,
  type ScreenshotStats,
  type SearchStats,
  type SiteName,
  type SiteStats,
  type SizeResult,
  type TestsResult,
} from './lib/bench/report.ts';
import { readOriginalSearchWords } from './lib/bench/search-words.ts';
import { convertGuide } from './lib/bench/starlight-guide.ts';
import { readScreenshots } from './lib/bench/screenshots.ts';
import { serveStatic } from './lib/static-server.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    sizes: { type: 'string', default: '10,200,1000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    query: { type: 'string', default: 'sikkerhetskode' },
    'no-real': { type: 'boolean', default: false },
    'with-tests': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    label: { type: 'string', default: 'latest' },
    from: { type: 'string' },
  },
});

const sizes = values.sizes.split(',').map((s) => Number.parseInt(s.trim(), 10));
const runs = Number.parseInt(values.runs, 10);
const seed = Number.parseInt(values.seed, 10);
if (sizes.some((n) => !Number.isInteger(n) || n < 2) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error(
    'Usage: npm run bench -- [--sizes 10,200,1000] [--runs 3] [--seed 7] [--query WORD] [--no-real] [--with-tests] [--profile] [--keep] [--label NAME]  (sizes ≥ 2, runs ≥ 1)',
  );
  process.exit(2);
}
sizes.sort((a, b) => a - b);

const root = resolve(import.meta.dirname, '..');
const starlightRoot = join(root, 'bench/starlight');
const work = join(root, 'bench/.work');
const resultsDir = join(root, 'bench/results');
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const LOCALES = 3;
/** A method page of the real guide with several screenshots. */
const REAL_PAGE = '/buypass-smartkort/';
/** The page the dev server is asked for after the start page. */
const DEV_SECOND_PAGE = '/bankid/';

const started = Date.now();
const loadBefore = loadavg();
const loadSamples: number[] = [];
if (!hasGnuTime()) log('/usr/bin/time is missing (Debian package "time"): peak memory comes from /proc sampling alone.');

const buildEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  // The Node running the benchmark (the project's pinned Node) runs the builds too.
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  ASTRO_TELEMETRY_DISABLED: '1',
  ...extra,
});

/** The synthetic builds leave the PDF export out: Starlight has none, and it is timed on the real guide. */
const SYNTHETIC_ENV = { PDF_EXPORT: 'off' };
/** `npm run build` as package.json runs it. */
const OURS_COMMAND = [process.execPath, '--import', './scripts/lib/compile-cache.ts', 'scripts/build.ts'];
const STARLIGHT_COMMAND = [process.execPath, 'node_modules/astro/bin/astro.mjs', 'build'];
/** `npm run check` as an editor runs it while writing: the source checks (the built site's are part of the build). */
const CHECK_COMMAND = [process.execPath, '--import', './scripts/lib/compile-cache.ts', 'scripts/check.ts', '--source-only'];

async function timedBuild(dir: string, command: string[], env: NodeJS.ProcessEnv): Promise<BuildMeasurement> {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  clearCaches(dir);
  loadSamples.push(loadavg()[0]!);
  return measureBuild(command, dir, env);
}

const toRun = (m: BuildMeasurement): BuildRun => ({ wallMs: m.wallMs, peakTreeRssBytes: m.peakTreeRssBytes, peakProcessRssBytes: m.peakProcessRssBytes, cpuSeconds: m.cpuSeconds });

/** NODE_OPTIONS that make every Node process and thread of a run write a CPU profile into `dir`. */
const profilingEnv = (dir: string) => ({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${dir}`.trim() });

/** A fresh folder for one run's CPU profiles. */
function profileDir(name: string): string {
  const dir = join(work, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The commit measured, and the paths that differ from it in the working tree (they were measured too). */
function gitState(): { commit: string; changed: string[] } {
  const run = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = run(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return { commit: 'not a git checkout', changed: [] };
  const status = run(['status', '--porcelain', '--', 'src', 'public', 'scripts', 'astro.config.mjs', 'package.json', 'bench/starlight']);
  const changed = status.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return { commit: head.stdout.trim(), changed };
}

function packageVersion(dir: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** PNG bytes of each screenshot, by name (per-locale overrides under their own name). */
function pngSizes(projectDir: string): Map<string, number> {
  const dir = join(projectDir, 'public/screenshots');
  const sizes = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.png')) sizes.set(file.slice(0, -4), statSync(join(dir, file)).size);
  }
  return sizes;
}

const relative = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

function pageStats(path: string, transfers: Transfer[]): PageStats {
  const withoutImages = transfers.filter((t) => t.kind !== 'image');
  return {
    path,
    byKind: byKind(transfers),
    total: sum(withoutImages),
    js: sum(transfers, (t) => t.kind === 'js'),
    htmlCss: sum(transfers, (t) => t.kind === 'html' || t.kind === 'css'),
    fonts: sum(transfers, (t) => t.kind === 'font'),
    requests: transfers.map((t) => ({ path: relative(t.url), kind: t.kind, raw: t.raw, gzip: t.gzip })),
  };
}

async function screenshotStats(browser: Browser, url: string, pngs: Map<string, number>): Promise<ScreenshotStats[]> {
  const stats: ScreenshotStats[] = [];
  for (const deviceScaleFactor of [2, 1]) {
    const images = (await screenshotsServed(browser, url, deviceScaleFactor)).map((t) => {
      const name = screenshotNameOf(t.url);
      return { name, path: relative(t.url), servedBytes: t.raw, pngBytes: pngs.get(name) ?? 0 };
    });
    const servedBytes = images.reduce((s, i) => s + i.servedBytes, 0);
    const pngBytes = images.reduce((s, i) => s + i.pngBytes, 0);
    stats.push({ deviceScaleFactor, servedBytes, pngBytes, ratio: pngBytes > 0 ? servedBytes / pngBytes : Number.NaN, images });
  }
  return stats;
}

async function searchStats(browser: Browser, url: string, how: 'guide-search-page' | 'starlight-dialog'): Promise<SearchStats> {
  const measured = await firstSearch(browser, url, values.query, how);
  return {
    query: values.query,
    resultCount: measured.resultCount,
    bytes: sum(measured.transfers),
    allBytes: sum(measured.allTransfers),
    requests: measured.transfers.map((t) => ({ path: relative(t.url), kind: t.kind, raw: t.raw, gzip: t.gzip })),
  };
}

/** Page bytes, first search and screenshots of one built site. */
async function browse(browser: Browser, dist: string, path: string, how: 'guide-search-page' | 'starlight-dialog', pngs: Map<string, number>) {
  const server = await serveStatic(dist, '/');
  try {
    const url = new URL(path, server.url).href;
    const page = pageStats(path, await beforeInteraction(browser, url));
    const search = await searchStats(browser, url, how);
    const screenshots = await screenshotStats(browser, url, pngs);
    return { page, search, screenshots };
  } finally {
    await server.close();
  }
}

/** The generated page with the most screenshots among the first few, the same at every size. */
function pageToMeasure(pages: GeneratedPage[]): GeneratedPage {
  const candidates = pages.filter((p) => p.locale === 'nb' && p.slug !== 'index').slice(0, 9);
  const count = (p: GeneratedPage) => p.mdx.split('<Screenshot ').length;
  return candidates.reduce((best, p) => (count(p) > count(best) ? p : best));
}

/** PDF export time per locale from the build log, when the build has a PDF step. */
function pdfStats(output: string, dist: string): PdfStats {
  const files: { file: string; seconds: number }[] = [];
  for (const line of output.split('\n')) {
    const match = /(pdf\/[^\s]+\.pdf)\b.*?(\d+(?:\.\d+)?) s\s*$/.exec(line);
    if (match) files.push({ file: match[1]!, seconds: Number(match[2]) });
  }
  const total = /✔ \d+ PDFs.* in (\d+(?:\.\d+)?) s/.exec(output);
  if (files.length === 0 && !total) {
    const skipped = /PDFs skipped: ([^.]*)/.exec(output);
    const reason = skipped
      ? `the build skipped the PDFs (${skipped[1]})`
      : existsSync(join(dist, 'pdf'))
        ? 'the build wrote PDFs but logged no timing the benchmark can read'
        : 'this build has no PDF export step yet (the PDF export has not landed on this branch)';
    return { measured: false, reason };
  }
  const perLocaleSeconds: Record<string, number> = {};
  for (const f of files) {
    const locale = /-(nb|nn|en)(?:[-.]|$)/.exec(f.file.replace(/\.pdf$/, ''))?.[1] ?? 'other';
    perLocaleSeconds[locale] = (perLocaleSeconds[locale] ?? 0) + f.seconds;
  }
  const totalSeconds = total ? Number(total[1]) : files.reduce((s, f) => s + f.seconds, 0);
  return { measured: true, perLocaleSeconds, totalSeconds, files };
}

/**
 * The editors' loop on the real guide: `npm run check`, `npm run build` without PDFs against
 * Starlight-MDX building the same pages (alternately, each from cold caches), the dev
 * server's first page (cold caches), and `npm test` when asked for.
 */
async function measureEditorLoop(real: string, starlightReal: string, testsCopy: string | undefined): Promise<EditorLoop> {
  const converted = convertGuide(real, (name, locale) => existsSync(join(real, 'public/screenshots', locale, `${name}.png`)));
  writeStarlightDocs(starlightReal, converted);
  log(`Editors' loop: ${converted.length} pages of the real guide, also as Starlight MDX …`);

  // `npm run check`: one untimed run warms the file cache, as the builds' warm-up does.
  await measureBuild(CHECK_COMMAND, real, buildEnv(), { allowFailure: true });
  const checkRuns: CommandRun[] = [];
  let checkOutput = '';
  for (let run = 1; run <= runs; run++) {
    clearCaches(real);
    const m = await measureBuild(CHECK_COMMAND, real, buildEnv(), { allowFailure: true });
    checkRuns.push({ wallMs: m.wallMs, cpuSeconds: m.cpuSeconds, exitCode: m.exitCode });
    checkOutput = m.output;
    log(`check run ${run}/${runs}: ${(m.wallMs / 1000).toFixed(2)} s (exit ${m.exitCode})`);
  }
  const cpuOf = (list: { cpuSeconds: number | null }[]) => (list.every((r) => r.cpuSeconds !== null) ? median(list.map((r) => r.cpuSeconds!)) : null);

  const noPdf = buildEnv({ PDF_EXPORT: 'off' });
  await timedBuild(starlightReal, STARLIGHT_COMMAND, buildEnv());
  const oursRuns: BuildRun[] = [];
  const starlightRuns: BuildRun[] = [];
  for (let run = 1; run <= runs; run++) {
    const order = run % 2 === 1 ? (['ours', 'starlight'] as const) : (['starlight', 'ours'] as const);
    for (const site of order) {
      const m = site === 'ours' ? await timedBuild(real, OURS_COMMAND, noPdf) : await timedBuild(starlightReal, STARLIGHT_COMMAND, buildEnv());
      (site === 'ours' ? oursRuns : starlightRuns).push(toRun(m));
      log(`real guide, run ${run}/${runs}, ${site === 'ours' ? 'ours without PDFs' : 'Starlight-MDX'}: ${(m.wallMs / 1000).toFixed(1)} s (CPU ${m.cpuSeconds?.toFixed(1) ?? '?'} s)`);
    }
  }
  rmSync(join(real, 'dist'), { recursive: true, force: true });
  rmSync(join(starlightReal, 'dist'), { recursive: true, force: true });

  // Ours and Starlight-MDX's dev servers, alternately, each from cold caches.
  const devRuns: { firstPageMs: number; secondPageFirstByteMs: number }[] = [];
  const starlightDevRuns: number[] = [];
  for (let run = 1; run <= runs; run++) {
    clearCaches(real);
    loadSamples.push(loadavg()[0]!);
    const m = await measureDevServer(real, buildEnv(), DEV_SECOND_PAGE);
    devRuns.push({ firstPageMs: m.firstPageMs, secondPageFirstByteMs: m.secondPageFirstByteMs });
    log(`dev run ${run}/${runs}: first page ${(m.firstPageMs / 1000).toFixed(1)} s, then ${DEV_SECOND_PAGE} ${m.secondPageFirstByteMs.toFixed(0)} ms to its first byte`);
    clearCaches(starlightReal);
    const s = await measureDevServer(starlightReal, buildEnv(), DEV_SECOND_PAGE);
    starlightDevRuns.push(s.firstPageMs);
    log(`dev run ${run}/${runs}, Starlight-MDX: first page ${(s.firstPageMs / 1000).toFixed(1)} s`);
  }

  let tests: TestsResult;
  if (testsCopy) {
    log('npm test in a copy of the project (about 10 minutes) …');
    clearCaches(testsCopy);
    const m = await measureBuild(['npm', 'test'], testsCopy, buildEnv(), { allowFailure: true });
    tests = { measured: true, wallMs: m.wallMs, exitCode: m.exitCode, summary: testsSummary(m.output) };
    log(`npm test: ${(m.wallMs / 60000).toFixed(1)} min (exit ${m.exitCode}): ${tests.summary}`);
  } else {
    tests = { measured: false, last: lastTestsRun(resultsDir) };
  }

  return {
    check: {
      runs: checkRuns,
      wallMs: median(checkRuns.map((r) => r.wallMs)),
      cpuSeconds: cpuOf(checkRuns),
      exitCode: checkRuns[checkRuns.length - 1]?.exitCode ?? null,
      summary: checkSummary(checkOutput),
    },
    build: { pages: converted.length, ours: buildStats(oursRuns, converted.length), starlightMdx: buildStats(starlightRuns, converted.length) },
    dev: {
      runs: devRuns,
      firstPageMs: median(devRuns.map((r) => r.firstPageMs)),
      secondPath: DEV_SECOND_PAGE,
      secondPageFirstByteMs: median(devRuns.map((r) => r.secondPageFirstByteMs)),
      starlightMdx: { runs: starlightDevRuns, firstPageMs: median(starlightDevRuns) },
    },
    tests,
  };
}

/** One profiled run of each editors' command whose budget this run did not meet. */
async function profileEditorLoop(real: string, editor: EditorLoop): Promise<ProfileSummary[]> {
  const unmet = new Set(
    checkBudgets([], undefined, editor)
      .filter((b) => b.met === false && b.profile)
      .map((b) => b.profile!),
  );
  const profiles: ProfileSummary[] = [];
  if (unmet.has('check')) {
    log('Profiling npm run check …');
    const dir = profileDir('check');
    clearCaches(real);
    const m = await measureBuild(CHECK_COMMAND, real, buildEnv(profilingEnv(dir)), { allowFailure: true });
    profiles.push(summariseProfileDir(dir, real, { id: 'check', what: '`npm run check` on the real guide', wallMs: m.wallMs }));
  }
  if (unmet.has('real-build')) {
    log('Profiling npm run build without PDFs on the real guide …');
    const dir = profileDir('real-build');
    const m = await timedBuild(real, OURS_COMMAND, buildEnv({ PDF_EXPORT: 'off', ...profilingEnv(dir) }));
    rmSync(join(real, 'dist'), { recursive: true, force: true });
    profiles.push(summariseProfileDir(dir, real, { id: 'real-build', what: '`npm run build` without PDFs on the real guide', wallMs: m.wallMs }));
  }
  if (unmet.has('dev')) {
    log('Profiling npm run dev until its first page …');
    const dir = profileDir('dev');
    clearCaches(real);
    // The dev server writes its profile when it is stopped, right after the two pages.
    const m = await measureDevServer(real, buildEnv(profilingEnv(dir)), DEV_SECOND_PAGE);
    profiles.push(
      summariseProfileDir(dir, real, { id: 'dev', what: `\`npm run dev\` from the start to the first page (and ${DEV_SECOND_PAGE} after it)`, wallMs: m.firstPageMs }),
    );
  }
  return profiles;
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  const chromiumVersion = browser.version();
  ensureStarlightInstalled(starlightRoot, log);

  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const screenshots = readScreenshots(root);
  const pngs = pngSizes(root);
  log('Copying the projects into bench/.work …');
  // Everything measured is copied now, with the commit it came from: edits made while the
  // benchmark runs do not reach it.
  const git = gitState();
  const oursCopy = copyProject(root, join(work, 'ours'));
  const sites: SyntheticSites = {
    ours: oursCopy,
    starlight: copyStarlight(starlightRoot, root, join(work, 'starlight')),
    starlightMdx: copyStarlight(starlightRoot, root, join(work, 'starlight-mdx')),
    oursSearchWords: readOriginalSearchWords(oursCopy),
  };
  const real = values['no-real'] ? undefined : copyProject(root, join(work, 'real'));
  const starlightReal = real ? copyStarlight(starlightRoot, root, join(work, 'starlight-real')) : undefined;
  const testsCopy = values['with-tests'] ? copyWholeProject(root, join(work, 'tests')) : undefined;
  const command: Record<SiteName, string[]> = { ours: OURS_COMMAND, starlight: STARLIGHT_COMMAND, starlightMdx: STARLIGHT_COMMAND };
  const buildSite = (site: SiteName) => timedBuild(sites[site], command[site], buildEnv(SYNTHETIC_ENV));

  // One untimed build of each first, so none pays for a cold file cache in the timings.
  log(`Warm-up: one untimed build of each site at ${sizes[0]} pages per locale …`);
  writeContent(generateContent({ pagesPerLocale: sizes[0]!, seed, screenshots }), sites);
  for (const site of ['ours', 'starlightMdx', 'starlight'] as const) await buildSite(site);

  const results: SizeResult[] = [];
  for (const n of sizes) {
    const pages = generateContent({ pagesPerLocale: n, seed, screenshots });
    writeContent(pages, sites);
    const guidePages = n * LOCALES;
    const runsOf: Record<SiteName, BuildRun[]> = { ours: [], starlightMdx: [], starlight: [] };
    const runOrder: SiteName[][] = [];
    for (let run = 1; run <= runs; run++) {
      // The order rotates, so every site builds first, second and third in turn: drift in the machine's load hits all alike.
      const base: SiteName[] = ['ours', 'starlightMdx', 'starlight'];
      const order = base.map((_, i) => base[(i + run - 1) % base.length]!);
      runOrder.push(order);
      for (const site of order) {
        const m = await buildSite(site);
        runsOf[site].push(toRun(m));
        log(`N=${n} run ${run}/${runs} ${site}: ${(m.wallMs / 1000).toFixed(1)} s (CPU ${m.cpuSeconds?.toFixed(1) ?? '?'} s), peak ${(m.peakTreeRssBytes / 1024 ** 2).toFixed(0)} MB`);
      }
    }
    // The browser measurements compare with Starlight-Markdown, as before: Starlight-MDX's pages load the same assets (its <Steps> adds a few lines of CSS).
    const measured = pageToMeasure(pages);
    log(`N=${n}: measuring ${measured.path} in Chromium …`);
    const oursBrowse = await browse(browser, join(sites.ours, 'dist'), measured.path, 'guide-search-page', pngs);
    const starlightBrowse = await browse(browser, join(sites.starlight, 'dist'), measured.path, 'starlight-dialog', pngs);
    const oursStats: SiteStats = { build: buildStats(runsOf.ours, guidePages), ...oursBrowse };
    const starlightStats: SiteStats = { build: buildStats(runsOf.starlight, guidePages), ...starlightBrowse };
    const starlightMdxBuild = buildStats(runsOf.starlightMdx, guidePages);
    results.push({ pagesPerLocale: n, guidePages, ours: oursStats, starlight: starlightStats, starlightMdx: { build: starlightMdxBuild }, runOrder });
    log(
      `N=${n}: build ${(oursStats.build.wallMs / 1000).toFixed(1)} s vs Starlight-MDX ${(starlightMdxBuild.wallMs / 1000).toFixed(1)} s, Starlight-Markdown ${(starlightStats.build.wallMs / 1000).toFixed(1)} s; page ${(oursStats.page.total.gzip / 1024).toFixed(1)} KB vs ${(starlightStats.page.total.gzip / 1024).toFixed(1)} KB gzip; search ${(oursStats.search.bytes.gzip / 1024).toFixed(1)} KB vs ${(starlightStats.search.bytes.gzip / 1024).toFixed(1)} KB`,
    );
  }

  const profiles: ProfileSummary[] = [];
  if (values.profile) {
    // The largest size's pages are still in place.
    const n = sizes[sizes.length - 1]!;
    log(`Profiling one more build of ours at ${n} pages per locale …`);
    const dir = profileDir('build');
    const m = await timedBuild(sites.ours, OURS_COMMAND, buildEnv({ ...SYNTHETIC_ENV, ...profilingEnv(dir) }));
    profiles.push(summariseProfileDir(dir, sites.ours, { id: 'build', what: `Our build at ${n} pages per locale`, wallMs: m.wallMs }));
  }
  for (const dir of [sites.ours, sites.starlight, sites.starlightMdx]) rmSync(join(dir, 'dist'), { recursive: true, force: true });

  let realSite: RealSiteResult | undefined;
  let editorLoop: EditorLoop | undefined;
  if (real && starlightReal) {
    log('Building the real guide (PDF export included when the build has it) …');
    const m = await timedBuild(real, OURS_COMMAND, buildEnv({ BUILD_LOG_LEVEL: 'info' }));
    const dist = join(real, 'dist');
    const browsed = await browse(browser, dist, REAL_PAGE, 'guide-search-page', pngs);
    realSite = { build: buildStats([toRun(m)], 1), pdf: pdfStats(m.output, dist), ...browsed };
    log(`Real guide: ${(m.wallMs / 1000).toFixed(1)} s; PDF ${realSite.pdf.measured ? `${realSite.pdf.totalSeconds} s` : `not measured (${realSite.pdf.reason})`}`);
    await browser.close();
    editorLoop = await measureEditorLoop(real, starlightReal, testsCopy);
    if (values.profile) profiles.push(...(await profileEditorLoop(real, editorLoop)));
  } else {
    await browser.close();
  }

  const loadAfter = loadavg();
  const cores = cpus().length;
  const report: BenchReport = {
    date: new Date().toISOString(),
    git,
    command: `npm run bench -- --sizes ${sizes.join(',')} --runs ${runs} --seed ${seed} --query ${values.query}${values['no-real'] ? ' --no-real' : ''}${values['with-tests'] ? ' --with-tests' : ''}${values.profile ? ' --profile' : ''}`,
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores,
      memoryBytes: totalmem(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
      // Our own build keeps up to two cores busy; more than that at a build's start was someone else's work.
      busy: loadBefore[0]! > 1 || median(loadSamples) > cores + 1,
    },
    versions: {
      Node: process.version,
      Astro: packageVersion(root, 'astro'),
      'Astro (Starlight project)': packageVersion(starlightRoot, 'astro'),
      Starlight: packageVersion(starlightRoot, '@astrojs/starlight'),
      'MDX (Starlight project)': packageVersion(starlightRoot, '@astrojs/mdx'),
      Pagefind: packageVersion(root, 'pagefind'),
      'Pagefind (Starlight project)': packageVersion(starlightRoot, 'pagefind'),
      sharp: packageVersion(root, 'sharp'),
      Chromium: chromiumVersion,
    },
    options: { sizes, runs, seed, query: values.query, pdfInSyntheticBuilds: 'off (PDF_EXPORT=off); timed on the real guide' },
    durationSeconds: (Date.now() - started) / 1000,
    sizes: results,
    realSite,
    editorLoop,
    ...(profiles.length > 0 ? { profiles } : {}),
    budgets: checkBudgets(results, realSite, editorLoop),
  };

  writeReport({ ...report, loadSamples, freeMemoryAfterBytes: freemem() } as BenchReport);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

/** Writes bench/results/<label>.{md,json} and a dated copy, and prints the budgets. */
function writeReport(report: BenchReport): void {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = report.date.slice(0, 16).replace(':', '');
  const markdown = renderMarkdown(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const names = values.label === 'latest' ? ['latest', stamp] : [values.label, `${stamp}-${values.label}`];
  for (const name of names) {
    writeFileSync(join(resultsDir, `${name}.md`), markdown);
    writeFileSync(join(resultsDir, `${name}.json`), json);
  }
  log(`Wrote bench/results/${names[0]}.md and .json (and ${names[1]}.*), ${(report.durationSeconds / 60).toFixed(1)} min of measuring.`);
  for (const b of report.budgets) console.log(`  ${b.met === null ? '–' : b.met ? '✔' : '✖'} ${b.rule}: ${b.measured}`);
}

if (values.from) {
  // The same measurements, reported again (e.g. after the budgets' rules changed).
  const earlier = JSON.parse(readFileSync(resolve(values.from), 'utf8')) as BenchReport;
  writeReport({ ...earlier, budgets: checkBudgets(earlier.sizes, earlier.realSite, earlier.editorLoop) });
} else {
  await main();
}
