/**
 * The benchmark's results: their shape (written as JSON), the budgets from the
 * performance issues checked against them, what meeting an unmet one would take, and the
 * Markdown report.
 */
import type { ProfileSummary } from './cpu-profile.ts';
import type { Bytes, Kind } from './measure-browser.ts';

export interface BuildRun {
  wallMs: number;
  peakTreeRssBytes: number;
  peakProcessRssBytes: number | null;
  cpuSeconds: number | null;
}

export interface BuildStats {
  runs: BuildRun[];
  /** Medians over the runs. */
  wallMs: number;
  peakTreeRssBytes: number;
  peakProcessRssBytes: number | null;
  cpuSeconds: number | null;
  /** Median wall time divided by the guide pages built (pages per locale × locales). */
  perPageMs: number;
}

export interface PageStats {
  path: string;
  byKind: Partial<Record<Kind, Bytes & { count: number }>>;
  /** HTML, CSS, JS, fonts and anything else, images excluded. */
  total: Bytes;
  js: Bytes;
  htmlCss: Bytes;
  fonts: Bytes;
  requests: { path: string; kind: Kind; raw: number; gzip: number }[];
}

export interface SearchStats {
  query: string;
  resultCount: number;
  /** What the search requested that the guide page had not loaded already. */
  bytes: Bytes;
  /** Everything requested once the reader started searching, cached or not. */
  allBytes: Bytes;
  requests: { path: string; kind: Kind; raw: number; gzip: number }[];
}

export interface ScreenshotStats {
  deviceScaleFactor: number;
  servedBytes: number;
  pngBytes: number;
  ratio: number;
  images: { name: string; path: string; servedBytes: number; pngBytes: number }[];
}

export interface SiteStats {
  build: BuildStats;
  page: PageStats;
  search: SearchStats;
  screenshots: ScreenshotStats[];
}

export interface SizeResult {
  pagesPerLocale: number;
  guidePages: number;
  ours: SiteStats;
  /** Starlight building the pages as plain Markdown (its `:::` asides, no <Steps>). */
  starlight: SiteStats;
  /** Starlight building the same pages as MDX with <Steps> and <Aside>: builds only (absent in runs before it was added). */
  starlightMdx?: { build: BuildStats };
  /** The sites in the order each run built them (the order rotates from run to run). */
  runOrder?: SiteName[][];
}

/** The synthetic sites, by the names the report uses. */
export const SITE_NAMES = { ours: 'Ours', starlightMdx: 'Starlight-MDX', starlight: 'Starlight-Markdown' } as const;
export type SiteName = keyof typeof SITE_NAMES;

export interface PdfStats {
  measured: boolean;
  /** Why not, when not measured. */
  reason?: string;
  /** Seconds per locale: the sum of that locale's PDFs. */
  perLocaleSeconds?: Record<string, number>;
  totalSeconds?: number;
  files?: { file: string; seconds: number }[];
}

export interface RealSiteResult {
  build: BuildStats;
  pdf: PdfStats;
  page: PageStats;
  search: SearchStats;
  screenshots: ScreenshotStats[];
}

export interface Budget {
  id: string;
  rule: string;
  measured: string;
  /** null: not measured in this run (and why is in `measured`). */
  met: boolean | null;
  /** When not met: how far off it is, in the budget's own terms (what would have to go). */
  toMeet?: string;
  /** When not met: the share of the measured value that would have to go (0.4: 40 % less). */
  reduction?: number;
  /** The profile (ProfileSummary.id) that shows where this budget's time goes. */
  profile?: string;
}

/** One timed run of a command of the editors' loop. */
export interface CommandRun {
  wallMs: number;
  cpuSeconds: number | null;
  exitCode: number | null;
}

/** The editors' loop on the real guide: check, build without PDFs, the dev server's first page, and (on request) the tests. */
export interface EditorLoop {
  /** `npm run check` = node --import ./scripts/lib/compile-cache.ts scripts/check.ts --source-only (package.json). */
  check: { runs: CommandRun[]; wallMs: number; cpuSeconds: number | null; exitCode: number | null; summary: string };
  /** `npm run build` with PDF_EXPORT=off, against Starlight-MDX building the same pages converted (scripts/lib/bench/starlight-guide.ts). */
  build: { pages: number; ours: BuildStats; starlightMdx: BuildStats };
  /** `npm run dev` (astro dev), each run from cold caches. */
  dev: {
    runs: { firstPageMs: number; secondPageFirstByteMs: number }[];
    firstPageMs: number;
    secondPath: string;
    secondPageFirstByteMs: number;
    /** Starlight-MDX's dev server on the same pages, timed the same way: what Astro with Starlight takes here. */
    starlightMdx?: { runs: number[]; firstPageMs: number };
  };
  tests: TestsResult;
}

/** `npm test` in a copy of the project (only with --with-tests), or the last value measured. */
export interface TestsResult {
  measured: boolean;
  wallMs?: number;
  exitCode?: number | null;
  /** Vitest's summary lines ("Tests  512 passed"). */
  summary?: string;
  /** When not measured: the last run that measured it, from bench/results. */
  last?: { wallMs: number; date: string; file: string; exitCode: number | null };
}

export interface BenchReport {
  date: string;
  /** The commit measured; `changed` lists paths that differed from it in the working tree. */
  git: { commit: string; changed: string[] };
  command: string;
  machine: {
    cpu: string;
    cores: number;
    memoryBytes: number;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    busy: boolean;
  };
  versions: Record<string, string>;
  options: { sizes: number[]; runs: number; seed: number; query: string; pdfInSyntheticBuilds: string };
  durationSeconds: number;
  sizes: SizeResult[];
  realSite?: RealSiteResult;
  /** The editors' loop on the real guide (absent with --no-real, and in runs before it was added). */
  editorLoop?: EditorLoop;
  /** CPU profiles (--profile): our build at the largest size, and the editors' commands whose budgets were not met. */
  profiles?: ProfileSummary[];
  budgets: Budget[];
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function buildStats(runs: BuildRun[], guidePages: number): BuildStats {
  const wallMs = median(runs.map((r) => r.wallMs));
  const process = runs.map((r) => r.peakProcessRssBytes).filter((v): v is number => v !== null);
  const cpu = runs.map((r) => r.cpuSeconds).filter((v): v is number => v !== null);
  return {
    runs,
    wallMs,
    peakTreeRssBytes: median(runs.map((r) => r.peakTreeRssBytes)),
    peakProcessRssBytes: process.length > 0 ? median(process) : null,
    cpuSeconds: cpu.length > 0 ? median(cpu) : null,
    perPageMs: wallMs / guidePages,
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const minutes = (ms: number) => `${(ms / 60000).toFixed(1)} min`;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
const percent = (r: number) => `${(r * 100).toFixed(0)} %`;

/** The limits of the budgets, in one place: the report's rules are written from them. */
export const LIMITS = {
  /** Ours / Starlight-MDX at 1000 pages per locale, wall and CPU. */
  vsStarlightMdxAt1000: 0.8,
  /** Ours / Starlight-Markdown at 1000 pages per locale, wall and CPU. */
  vsStarlightMarkdownAt1000: 1.2,
  /** Ours / Starlight-MDX at 10 pages per locale, wall and CPU. */
  vsStarlightMdxAt10: 1.0,
  /** Our time per page at 1000 / at 200. */
  perPageGrowth: 1.0,
  checkMs: 2000,
  /** `npm run build` without PDFs / Starlight-MDX building the same pages. */
  editorBuildVsStarlightMdx: 2.0,
  devFirstPageMs: 3000,
  testsMs: 6 * 60 * 1000,
} as const;

type Measure = 'wall' | 'cpu';
const measureName: Record<Measure, string> = { wall: 'wall time', cpu: 'CPU time' };
/** A build's time in the measure: wall ms, or CPU seconds as ms; null when not measured (no GNU time). */
const timeOf = (b: BuildStats, m: Measure) => (m === 'wall' ? b.wallMs : b.cpuSeconds === null ? null : b.cpuSeconds * 1000);
/** How far a value is above its limit: the words, and the share of it that would have to go. */
const gap = (now: number, limit: number, format: (v: number) => string, what = '') => {
  const share = (now - limit) / now;
  return {
    toMeet: `${what}${format(now - limit)} (${share < 0.01 ? (share * 100).toFixed(1) : (share * 100).toFixed(0)} %) less: ≤ ${format(limit)} instead of ${format(now)}`,
    reduction: share,
  };
};
/** A duration for a gap: milliseconds when under a tenth of a second, so a near miss does not read "0.0 s". */
const duration = (ms: number) => (Math.abs(ms) < 100 ? `${ms.toFixed(0)} ms` : seconds(ms));
/** A ratio against its limit, with a third decimal when two would show the limit itself for a miss or a pass. */
const timesText = (r: number, limit: number) => `${r.toFixed(r.toFixed(2) === limit.toFixed(2) && r !== limit ? 3 : 2)} ×`;

/** "Ours ≤ limit × anchor" for one measure, or not measured (and why). */
function ratioBudget(
  id: string,
  rule: string,
  measure: Measure,
  ours: BuildStats | undefined,
  anchor: BuildStats | undefined,
  anchorName: string,
  limit: number,
  missing: string,
): Budget {
  const full = `${rule}, ${measureName[measure]}`;
  if (!ours || !anchor) return { id, rule: full, measured: `not measured: ${missing}`, met: null };
  const a = timeOf(ours, measure);
  const b = timeOf(anchor, measure);
  if (a === null || b === null) return { id, rule: full, measured: 'not measured: no CPU time (GNU time, /usr/bin/time, is missing)', met: null };
  const r = a / b;
  const met = r <= limit;
  return {
    id,
    rule: full,
    measured: `${seconds(a)} vs ${seconds(b)} (${anchorName}): ${timesText(r, limit)}`,
    met,
    ...(met ? {} : gap(a, limit * b, duration, 'ours ')),
  };
}

/** The budgets of the performance issues, checked against the results. */
export function checkBudgets(sizes: SizeResult[], real: RealSiteResult | undefined, editor?: EditorLoop): Budget[] {
  const budgets: Budget[] = [];
  const at = (n: number) => sizes.find((s) => s.pagesPerLocale === n);
  const big = at(1000);
  const small = at(10);
  const noMdx = 'this run has no Starlight-MDX build';
  for (const measure of ['wall', 'cpu'] as const) {
    budgets.push({
      ...ratioBudget(
        `build-1000-vs-starlight-mdx-${measure}`,
        `Build at 1000 pages per locale ≤ ${LIMITS.vsStarlightMdxAt1000} × Starlight-MDX`,
        measure,
        big?.ours.build,
        big?.starlightMdx?.build,
        'Starlight-MDX',
        LIMITS.vsStarlightMdxAt1000,
        big ? noMdx : '1000 was not among --sizes',
      ),
      profile: 'build',
    });
  }
  for (const measure of ['wall', 'cpu'] as const) {
    budgets.push({
      ...ratioBudget(
        `build-1000-vs-starlight-markdown-${measure}`,
        `Build at 1000 pages per locale ≤ ${LIMITS.vsStarlightMarkdownAt1000} × Starlight-Markdown`,
        measure,
        big?.ours.build,
        big?.starlight.build,
        'Starlight-Markdown',
        LIMITS.vsStarlightMarkdownAt1000,
        '1000 was not among --sizes',
      ),
      profile: 'build',
    });
  }
  for (const measure of ['wall', 'cpu'] as const) {
    budgets.push({
      ...ratioBudget(
        `build-10-vs-starlight-mdx-${measure}`,
        `Build at 10 pages per locale ≤ ${LIMITS.vsStarlightMdxAt10.toFixed(1)} × Starlight-MDX`,
        measure,
        small?.ours.build,
        small?.starlightMdx?.build,
        'Starlight-MDX',
        LIMITS.vsStarlightMdxAt10,
        small ? noMdx : '10 was not among --sizes',
      ),
      profile: 'build',
    });
  }

  const withMdx = sizes.filter((s) => s.starlightMdx);
  if (withMdx.length > 0 && withMdx.length === sizes.length) {
    const worst = withMdx.reduce((w, s) =>
      s.ours.build.peakTreeRssBytes - s.starlightMdx!.build.peakTreeRssBytes > w.ours.build.peakTreeRssBytes - w.starlightMdx!.build.peakTreeRssBytes ? s : w,
    );
    const met = withMdx.every((s) => s.ours.build.peakTreeRssBytes <= s.starlightMdx!.build.peakTreeRssBytes);
    budgets.push({
      id: 'memory-vs-starlight-mdx',
      rule: 'Peak memory of the build ≤ Starlight-MDX’s, at every size',
      measured: withMdx
        .map((s) => `N=${s.pagesPerLocale}: ${mb(s.ours.build.peakTreeRssBytes)} vs ${mb(s.starlightMdx!.build.peakTreeRssBytes)} (${ratio(s.ours.build.peakTreeRssBytes, s.starlightMdx!.build.peakTreeRssBytes)} ×)`)
        .join('; '),
      met,
      ...(met ? {} : gap(worst.ours.build.peakTreeRssBytes, worst.starlightMdx!.build.peakTreeRssBytes, mb, `at ${worst.pagesPerLocale} per locale (the whole process tree) ours `)),
    });
  } else {
    budgets.push({ id: 'memory-vs-starlight-mdx', rule: 'Peak memory of the build ≤ Starlight-MDX’s, at every size', measured: `not measured: ${noMdx}`, met: null });
  }

  const mid = at(200);
  for (const measure of ['wall', 'cpu'] as const) {
    const id = `per-page-1000-vs-200-${measure}`;
    const rule = `Our build time per page at 1000 pages per locale ≤ at 200, ${measureName[measure]}`;
    if (!big || !mid) {
      budgets.push({ id, rule, measured: 'not measured: needs 200 and 1000 among --sizes', met: null });
      continue;
    }
    const a = timeOf(big.ours.build, measure);
    const b = timeOf(mid.ours.build, measure);
    if (a === null || b === null) {
      budgets.push({ id, rule, measured: 'not measured: no CPU time (GNU time, /usr/bin/time, is missing)', met: null });
      continue;
    }
    const perPage = (ms: number, s: SizeResult) => ms / s.guidePages;
    const [x, y] = [perPage(a, big), perPage(b, mid)];
    const met = x <= y * LIMITS.perPageGrowth;
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    budgets.push({
      id,
      rule,
      measured: `${ms(x)} vs ${ms(y)}: ${timesText(x / y, LIMITS.perPageGrowth)}`,
      met,
      profile: 'build',
      ...(met ? {} : gap(x, y * LIMITS.perPageGrowth, ms, 'a page at 1000 per locale ')),
    });
  }

  if (sizes.length > 0) {
    const worst = sizes.reduce((w, s) => (s.ours.page.total.gzip / s.starlight.page.total.gzip > w.ours.page.total.gzip / w.starlight.page.total.gzip ? s : w));
    const r = worst.ours.page.total.gzip / worst.starlight.page.total.gzip;
    budgets.push({
      id: 'page-bytes',
      rule: 'A guide page ≤ 50 % of Starlight’s bytes before interaction (images excluded, gzip)',
      measured: `${sizes.map((s) => `N=${s.pagesPerLocale}: ${kb(s.ours.page.total.gzip)} vs ${kb(s.starlight.page.total.gzip)} (${percent(s.ours.page.total.gzip / s.starlight.page.total.gzip)})`).join('; ')}`,
      met: r <= 0.5,
      ...(r <= 0.5 ? {} : gap(worst.ours.page.total.gzip, 0.5 * worst.starlight.page.total.gzip, kb, `at ${worst.pagesPerLocale} per locale the page `)),
    });
    const jsPages = [...sizes.map((s) => s.ours.page.js.raw), ...(real ? [real.page.js.raw] : [])];
    budgets.push({
      id: 'no-js',
      rule: 'No JavaScript before interaction on a guide page',
      measured: `${sizes.map((s) => `N=${s.pagesPerLocale}: ${s.ours.page.js.raw} B`).join('; ')}${real ? `; real site: ${real.page.js.raw} B` : ''}`,
      met: jsPages.every((b) => b === 0),
    });
    const searches = [...sizes.map((s) => ({ label: `N=${s.pagesPerLocale}`, bytes: s.ours.search.bytes.gzip })), ...(real ? [{ label: 'real site', bytes: real.search.bytes.gzip }] : [])];
    budgets.push({
      id: 'first-search',
      rule: 'First search ≤ 150 KB transferred',
      measured: searches.map((s) => `${s.label}: ${kb(s.bytes)}`).join('; '),
      met: searches.every((s) => s.bytes <= 150 * 1024),
      ...(searches.every((s) => s.bytes <= 150 * 1024) ? {} : gap(Math.max(...searches.map((s) => s.bytes)), 150 * 1024, kb, 'the largest first search ')),
    });
    const shots = [
      ...sizes.map((s) => ({ label: `N=${s.pagesPerLocale}`, stats: s.ours.screenshots.find((x) => x.deviceScaleFactor === 2)! })),
      ...(real ? [{ label: 'real site', stats: real.screenshots.find((x) => x.deviceScaleFactor === 2)! }] : []),
    ].filter((s) => s.stats && s.stats.pngBytes > 0);
    budgets.push({
      id: 'screenshots',
      rule: 'Screenshots served ≤ 40 % of the PNG bytes (device pixel ratio 2, the largest variant)',
      measured: shots.map((s) => `${s.label}: ${kb(s.stats.servedBytes)} of ${kb(s.stats.pngBytes)} (${percent(s.stats.ratio)})`).join('; '),
      met: shots.length > 0 && shots.every((s) => s.stats.ratio <= 0.4),
      ...(shots.some((s) => s.stats.ratio > 0.4)
        ? (() => {
            const worst = shots.reduce((w, s) => (s.stats.ratio > w.stats.ratio ? s : w));
            return gap(worst.stats.servedBytes, 0.4 * worst.stats.pngBytes, kb, `${worst.label}: the screenshots served `);
          })()
        : {}),
    });
  }
  if (real) {
    budgets.push(
      real.pdf.measured
        ? {
            id: 'pdf',
            rule: 'All PDFs ≤ 30 s',
            measured: `${seconds((real.pdf.totalSeconds ?? 0) * 1000)} in all (${Object.entries(real.pdf.perLocaleSeconds ?? {})
              .map(([l, s]) => `${l} ${s.toFixed(1)} s`)
              .join(', ')})`,
            met: (real.pdf.totalSeconds ?? Infinity) <= 30,
            ...((real.pdf.totalSeconds ?? Infinity) <= 30 ? {} : gap((real.pdf.totalSeconds ?? 0) * 1000, 30_000, duration, 'the PDF export ')),
          }
        : { id: 'pdf', rule: 'All PDFs ≤ 30 s', measured: `not measured: ${real.pdf.reason}`, met: null },
    );
  } else {
    budgets.push({ id: 'pdf', rule: 'All PDFs ≤ 30 s', measured: 'not measured: the real site was not built (--no-real)', met: null });
  }
  budgets.push(...editorBudgets(editor, real));
  return budgets;
}

/** The budgets of the editors' loop on the real guide. */
export function editorBudgets(editor: EditorLoop | undefined, real?: RealSiteResult): Budget[] {
  const rules = {
    check: `\`npm run check\` (source checks of the real guide) ≤ ${LIMITS.checkMs / 1000} s, wall time`,
    build: `\`npm run build\` without PDFs ≤ ${LIMITS.editorBuildVsStarlightMdx} × Starlight-MDX building the same pages, wall time`,
    dev: `\`npm run dev\`: the first page ≤ ${LIMITS.devFirstPageMs / 1000} s from the start`,
    tests: `\`npm test\` ≤ ${LIMITS.testsMs / 60000} minutes on the 2-core machine`,
  };
  if (!editor) {
    const why = `not measured: ${real === undefined ? 'the real guide was not built (--no-real)' : 'this run has no editors’ loop'}`;
    return (Object.keys(rules) as (keyof typeof rules)[]).map((key) => ({ id: `editor-${key}`, rule: rules[key], measured: why, met: null }));
  }
  const budgets: Budget[] = [];
  const { check, build, dev, tests } = editor;
  const checkMet = check.wallMs <= LIMITS.checkMs;
  budgets.push({
    id: 'editor-check',
    rule: rules.check,
    measured: `${seconds(check.wallMs)}${check.cpuSeconds === null ? '' : ` (CPU ${check.cpuSeconds.toFixed(1)} s)`}${check.exitCode === 0 ? '' : `; it exited ${check.exitCode}: ${check.summary}`}`,
    met: checkMet,
    profile: 'check',
    ...(checkMet ? {} : gap(check.wallMs, LIMITS.checkMs, duration)),
  });
  const buildRatio = build.ours.wallMs / build.starlightMdx.wallMs;
  const buildMet = buildRatio <= LIMITS.editorBuildVsStarlightMdx;
  const cpu = build.ours.cpuSeconds !== null && build.starlightMdx.cpuSeconds !== null ? build.ours.cpuSeconds / build.starlightMdx.cpuSeconds : null;
  budgets.push({
    id: 'editor-build',
    rule: rules.build,
    measured: `${seconds(build.ours.wallMs)} vs ${seconds(build.starlightMdx.wallMs)} (${build.pages} pages): ${timesText(buildRatio, LIMITS.editorBuildVsStarlightMdx)}${cpu === null ? '' : `; CPU ${build.ours.cpuSeconds!.toFixed(1)} s vs ${build.starlightMdx.cpuSeconds!.toFixed(1)} s: ${cpu.toFixed(2)} ×`}`,
    met: buildMet,
    profile: 'real-build',
    ...(buildMet ? {} : gap(build.ours.wallMs, LIMITS.editorBuildVsStarlightMdx * build.starlightMdx.wallMs, duration, 'ours ')),
  });
  const devMet = dev.firstPageMs <= LIMITS.devFirstPageMs;
  budgets.push({
    id: 'editor-dev',
    rule: rules.dev,
    measured: `${seconds(dev.firstPageMs)} to the HTML of /; then ${dev.secondPath} ${dev.secondPageFirstByteMs.toFixed(0)} ms to its first byte${dev.starlightMdx ? `; Starlight-MDX on the same pages: ${seconds(dev.starlightMdx.firstPageMs)} (${ratio(dev.firstPageMs, dev.starlightMdx.firstPageMs)} ×)` : ''}`,
    met: devMet,
    profile: 'dev',
    ...(devMet ? {} : gap(dev.firstPageMs, LIMITS.devFirstPageMs, duration)),
  });
  if (tests.measured && tests.wallMs !== undefined) {
    const met = tests.wallMs <= LIMITS.testsMs && tests.exitCode === 0;
    budgets.push({
      id: 'editor-tests',
      rule: rules.tests,
      measured: `${minutes(tests.wallMs)}${tests.exitCode === 0 ? '' : ` — it failed (exit ${tests.exitCode}), so the time is not a whole run's`}${tests.summary ? ` (${tests.summary})` : ''}`,
      met,
      ...(met ? {} : tests.wallMs > LIMITS.testsMs ? gap(tests.wallMs, LIMITS.testsMs, minutes) : { toMeet: 'a run that passes' }),
    });
  } else {
    budgets.push({
      id: 'editor-tests',
      rule: rules.tests,
      measured: `not measured: not part of this run (add --with-tests); ${tests.last ? `last measured ${minutes(tests.last.wallMs)} on ${tests.last.date.slice(0, 10)} (${tests.last.file}${tests.last.exitCode === 0 ? '' : `, exit ${tests.last.exitCode}`})` : 'no earlier run in bench/results measured it'}`,
      met: null,
    });
  }
  return budgets;
}

const mark = (met: boolean | null) => (met === null ? '– not measured' : met ? '✅ met' : '❌ not met');

function pageRows(label: string, ours: PageStats, starlight: PageStats): string[] {
  const row = (what: string, a: Bytes, b: Bytes) =>
    `| ${label} | ${what} | ${kb(a.raw)} / ${kb(a.gzip)} | ${kb(b.raw)} / ${kb(b.gzip)} | ${ratio(a.gzip, b.gzip)} |`;
  const kind = (page: PageStats, k: Kind): Bytes => page.byKind[k] ?? { raw: 0, gzip: 0 };
  return [
    row('HTML', kind(ours, 'html'), kind(starlight, 'html')),
    row('CSS', kind(ours, 'css'), kind(starlight, 'css')),
    row('JavaScript', ours.js, starlight.js),
    row('Fonts', ours.fonts, starlight.fonts),
    row('**Total, images excluded**', ours.total, starlight.total),
  ];
}

export function renderMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  const { machine, versions } = report;
  lines.push('# Benchmark: the guide against Astro Starlight', '');
  lines.push(`Run ${report.date} with \`${report.command}\` in ${(report.durationSeconds / 60).toFixed(1)} min. How it measures, and what the figures mean: [bench/README.md](../README.md).`, '');
  lines.push(
    `- Measured: commit ${report.git.commit}${report.git.changed.length > 0 ? `, with these paths changed in the working tree: ${report.git.changed.map((p) => `\`${p}\``).join(', ')}` : ''}.`,
  );
  lines.push(
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB memory; load average ${machine.loadAverageBefore.map((l) => l.toFixed(2)).join(' ')} before, ${machine.loadAverageAfter.map((l) => l.toFixed(2)).join(' ')} after${machine.busy ? ' — **the machine was busy with other work: wall times are noisier and slower than on an idle machine; the ratios, measured alternately, hold better**' : ''}.`,
  );
  lines.push(`- Versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  lines.push(
    `- Options: ${report.options.sizes.join(', ')} pages per locale (× 3 locales), ${report.options.runs} run(s) of each build, ${report.sizes.some((x) => x.starlightMdx) ? 'the three sites in an order that rotates from run to run' : 'alternating the two sites'}; seed ${report.options.seed}; search query “${report.options.query}”. PDF export in the synthetic builds: ${report.options.pdfInSyntheticBuilds}.`,
    '',
  );

  lines.push('## Budgets', '', '| Budget | Measured | |', '| --- | --- | --- |');
  for (const b of report.budgets) lines.push(`| ${b.rule} | ${b.measured} | ${mark(b.met)} |`);
  lines.push('', ...renderToMeet(report.budgets, report.profiles ?? []));

  lines.push(...renderBuilds(report.sizes), ...renderEditorLoop(report.editorLoop));
  lines.push(
    '## A guide page before interaction',
    '',
    'A first visit (empty cache) in headless Chromium, 1280 × 800, until the network has been quiet for a second; no scrolling, no input. Raw / gzip (text compressed as a server with gzip would send it). Images are left out here and counted below.',
    '',
    '| Pages per locale | | Ours (raw / gzip) | Starlight (raw / gzip) | Ours / Starlight (gzip) |',
    '| ---: | --- | ---: | ---: | ---: |',
  );
  for (const s of report.sizes) lines.push(...pageRows(`${s.pagesPerLocale} (\`${s.ours.page.path}\`)`, s.ours.page, s.starlight.page));
  lines.push('');

  lines.push(
    '## First search',
    '',
    'From a guide page that has settled: ours types the query in the header’s search box and presses Enter (the search page opens and searches); Starlight opens its search dialog and types the query. Counted: what the search requested that the guide page had not loaded already (gzip for text; Pagefind’s files are compressed already).',
    '',
    '| Pages per locale | Ours | Ours, requests | Starlight | Starlight, requests | Ours / Starlight |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of report.sizes) {
    lines.push(
      `| ${s.pagesPerLocale} | ${kb(s.ours.search.bytes.gzip)} | ${s.ours.search.requests.length} (${s.ours.search.resultCount} results) | ${kb(s.starlight.search.bytes.gzip)} | ${s.starlight.search.requests.length} (${s.starlight.search.resultCount} results) | ${ratio(s.ours.search.bytes.gzip, s.starlight.search.bytes.gzip)} |`,
    );
  }
  const last = report.sizes[report.sizes.length - 1];
  if (last) {
    lines.push('', `What each search requested at ${last.pagesPerLocale} per locale (gzip):`, '');
    for (const [name, stats] of [
      ['Ours', last.ours.search],
      ['Starlight', last.starlight.search],
    ] as const) {
      lines.push(`- ${name}: ${stats.requests.map((r) => `\`${r.path.replace(/\?.*$/, '')}\` ${kb(r.gzip)}`).join(', ')}`);
    }
  }
  lines.push('');

  lines.push(
    '## Screenshots',
    '',
    'Scrolling through the same guide page so every lazy image loads; the images served against the PNG sources of the same screenshots.',
    '',
    '| Pages per locale | Pixel ratio | Ours served | PNG sources | Ours / PNG | Starlight served | Starlight / PNG |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of report.sizes) {
    for (const o of s.ours.screenshots) {
      const t = s.starlight.screenshots.find((x) => x.deviceScaleFactor === o.deviceScaleFactor);
      lines.push(
        `| ${s.pagesPerLocale} | ${o.deviceScaleFactor} | ${kb(o.servedBytes)} | ${kb(o.pngBytes)} | ${percent(o.ratio)} | ${t ? kb(t.servedBytes) : '–'} | ${t ? percent(t.ratio) : '–'} |`,
      );
    }
  }
  lines.push('');

  const real = report.realSite;
  if (real) {
    lines.push('## The real guide', '', 'This project’s own content, built as `npm run build` builds it (PDF export included when it is part of the build).', '');
    lines.push(`- Build: ${seconds(real.build.wallMs)}, peak memory ${mb(real.build.peakTreeRssBytes)}.`);
    lines.push(
      real.pdf.measured
        ? `- PDF export: ${real.pdf.totalSeconds?.toFixed(1)} s in all; per locale ${Object.entries(real.pdf.perLocaleSeconds ?? {})
            .map(([l, s]) => `${l} ${s.toFixed(1)} s`)
            .join(', ')}.`
        : `- PDF export: not measured — ${real.pdf.reason}.`,
    );
    lines.push(
      `- Guide page \`${real.page.path}\` before interaction: ${kb(real.page.total.raw)} raw / ${kb(real.page.total.gzip)} gzip (HTML + CSS ${kb(real.page.htmlCss.gzip)} gzip; JavaScript ${real.page.js.raw} B; fonts ${real.page.fonts.raw} B).`,
    );
    lines.push(`- First search (“${real.search.query}”, ${real.search.resultCount} results): ${kb(real.search.bytes.gzip)} in ${real.search.requests.length} requests.`);
    for (const s of real.screenshots) lines.push(`- Screenshots at pixel ratio ${s.deviceScaleFactor}: ${kb(s.servedBytes)} served for ${kb(s.pngBytes)} of PNG (${percent(s.ratio)}).`);
    lines.push('');
  }
  lines.push(...renderProfiles(report.profiles ?? []));
  return `${lines.join('\n')}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** One table per size: the three sites, and ours against each Starlight site. */
export function renderBuilds(sizes: SizeResult[]): string[] {
  const lines = [
    '## Build',
    '',
    'Medians of the runs, each from a cold cache. Wall time of the whole command (Node start to exit, search index included); CPU time (user + system, the build and its children, from GNU time), which a busy machine disturbs less than wall time; peak memory of the whole process tree, sampled every 100 ms from /proc (GNU time’s largest single process in brackets). Time per page: median wall time / guide pages. Starlight-MDX is the anchor a Starlight team would use for this guide (its `<Steps>` and `<Aside>`, images from src/assets); Starlight-Markdown is the same pages as plain Markdown.',
    '',
  ];
  const cpu = (b: BuildStats) => (b.cpuSeconds === null ? '–' : `${b.cpuSeconds.toFixed(1)} s`);
  const proc = (b: BuildStats) => (b.peakProcessRssBytes === null ? '' : ` (${mb(b.peakProcessRssBytes)})`);
  const times = (r: number | null) => (r === null || !Number.isFinite(r) ? '–' : `${r.toFixed(2)} ×`);
  for (const s of sizes) {
    const sites: [string, BuildStats | undefined][] = [
      [SITE_NAMES.ours, s.ours.build],
      [SITE_NAMES.starlightMdx, s.starlightMdx?.build],
      [SITE_NAMES.starlight, s.starlight.build],
    ];
    lines.push(`### ${s.pagesPerLocale} pages per locale (${s.guidePages} guide pages)`, '', '| | Wall time | CPU time | Peak memory | Wall time per page |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [name, b] of sites) {
      lines.push(b ? `| ${name} | ${seconds(b.wallMs)} | ${cpu(b)} | ${mb(b.peakTreeRssBytes)}${proc(b)} | ${b.perPageMs.toFixed(1)} ms |` : `| ${name} | not built in this run | | | |`);
    }
    const o = s.ours.build;
    for (const [name, b] of sites.slice(1)) {
      if (!b) continue;
      const cpuRatio = o.cpuSeconds !== null && b.cpuSeconds !== null ? o.cpuSeconds / b.cpuSeconds : null;
      lines.push(
        `| **Ours / ${name}** | **${times(o.wallMs / b.wallMs)}** | **${times(cpuRatio)}** | **${times(o.peakTreeRssBytes / b.peakTreeRssBytes)}** | ${times(o.perPageMs / b.perPageMs)} |`,
      );
    }
    lines.push('');
  }
  lines.push('Every run, in the order run (wall time, CPU time):', '');
  for (const s of sizes) {
    const stats: Record<SiteName, BuildStats | undefined> = { ours: s.ours.build, starlightMdx: s.starlightMdx?.build, starlight: s.starlight.build };
    // Runs before the rotation alternated the two sites, ours first in odd runs.
    const order = s.runOrder ?? s.ours.build.runs.map((_, i): SiteName[] => (i % 2 === 0 ? ['ours', 'starlight'] : ['starlight', 'ours']));
    const runs = order.map((sites, i) => {
      const each = sites
        .map((site) => {
          const r = stats[site]?.runs[i];
          return r ? `${SITE_NAMES[site]} ${seconds(r.wallMs)}${r.cpuSeconds === null ? '' : ` (CPU ${r.cpuSeconds.toFixed(1)} s)`}` : undefined;
        })
        .filter(Boolean);
      return `run ${i + 1}: ${each.join(', ')}`;
    });
    lines.push(`- ${s.pagesPerLocale} per locale: ${runs.join('; ')}`);
  }
  lines.push('');
  return lines;
}

/** The editors' loop on the real guide, each step with its budget. */
export function renderEditorLoop(editor: EditorLoop | undefined): string[] {
  if (!editor) return [];
  const { check, build, dev, tests } = editor;
  const list = (values: number[], format: (v: number) => string) => values.map(format).join(', ');
  const cpu = (b: BuildStats) => (b.cpuSeconds === null ? '' : `, CPU ${b.cpuSeconds.toFixed(1)} s`);
  const lines = [
    '## The editors’ loop (the real guide)',
    '',
    'What an editor waits for while working on this project’s own pages, each timed on a copy of the project from cold caches; medians of the runs.',
    '',
    '| Step | Measured | Budget |',
    '| --- | --- | --- |',
    `| \`npm run check -- --source-only\` | ${seconds(check.wallMs)}${check.cpuSeconds === null ? '' : ` (CPU ${check.cpuSeconds.toFixed(1)} s)`}; runs: ${list(check.runs.map((r) => r.wallMs), seconds)}${check.exitCode === 0 ? '' : `; exit ${check.exitCode}`}; ${cell(check.summary)} | ≤ ${LIMITS.checkMs / 1000} s |`,
    `| \`npm run build\` without PDFs (\`PDF_EXPORT=off node scripts/build.ts\`) | ${seconds(build.ours.wallMs)}${cpu(build.ours)}, peak ${mb(build.ours.peakTreeRssBytes)}; runs: ${list(build.ours.runs.map((r) => r.wallMs), seconds)} | ≤ ${LIMITS.editorBuildVsStarlightMdx} × Starlight-MDX |`,
    `| Starlight-MDX building the same ${build.pages} pages (\`astro build\`) | ${seconds(build.starlightMdx.wallMs)}${cpu(build.starlightMdx)}, peak ${mb(build.starlightMdx.peakTreeRssBytes)}; runs: ${list(build.starlightMdx.runs.map((r) => r.wallMs), seconds)}; ours / Starlight-MDX: **${ratio(build.ours.wallMs, build.starlightMdx.wallMs)} ×** | |`,
    `| \`npm run dev\`: from the start until GET / returns its HTML | ${seconds(dev.firstPageMs)}; runs: ${list(dev.runs.map((r) => r.firstPageMs), seconds)} | ≤ ${LIMITS.devFirstPageMs / 1000} s |`,
    `| \`npm run dev\`: then ${dev.secondPath}, to its first byte | ${dev.secondPageFirstByteMs.toFixed(0)} ms; runs: ${list(dev.runs.map((r) => r.secondPageFirstByteMs), (v) => `${v.toFixed(0)} ms`)} | |`,
    ...(dev.starlightMdx
      ? [`| Starlight-MDX's \`astro dev\` on the same ${build.pages} pages, until GET / returns its HTML | ${seconds(dev.starlightMdx.firstPageMs)}; runs: ${list(dev.starlightMdx.runs, seconds)}; ours / Starlight-MDX: **${ratio(dev.firstPageMs, dev.starlightMdx.firstPageMs)} ×** | |`]
      : []),
    tests.measured && tests.wallMs !== undefined
      ? `| \`npm test\` (in a copy of the project) | ${minutes(tests.wallMs)}${tests.exitCode === 0 ? '' : ` (failed: exit ${tests.exitCode})`}${tests.summary ? `; ${cell(tests.summary)}` : ''} | ≤ ${LIMITS.testsMs / 60000} min |`
      : `| \`npm test\` | not part of this run (\`--with-tests\` runs it, about 10 minutes); ${tests.last ? `the last measured value, ${minutes(tests.last.wallMs)} on ${tests.last.date.slice(0, 10)} (${tests.last.file}), is not part of this run` : 'no earlier run measured it'} | ≤ ${LIMITS.testsMs / 60000} min |`,
    '',
    'The Starlight-MDX build is of the real guide’s pages converted as a Starlight team would write them (scripts/lib/bench/starlight-guide.ts): `<Steps>` with an ordered list, `<Aside>` for notes, Markdown images of src/assets for screenshots, the template trust’s values as text.',
    '',
  ];
  return lines;
}

const share = (r: number) => `${(r * 100).toFixed(1)} %`;
const secondsOf = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The profiles, short: the kinds of work, then the top packages or files and the top functions by self time. */
export function renderProfiles(profiles: ProfileSummary[]): string[] {
  if (profiles.length === 0) return [];
  const lines = [
    '## Profiles',
    '',
    'CPU profiles (`--profile`): one extra run of each, with `--cpu-prof` in NODE_OPTIONS, so every Node process and thread (the build, its render groups, the checks worker) writes its own. Self time is summed over all of them (idle left out): it is close to CPU time, and more than the wall time when threads ran side by side. The profiler slows a run down a little.',
    '',
  ];
  for (const p of profiles) {
    lines.push(
      `### ${p.what}`,
      '',
      `${secondsOf(p.wallMs)} wall; ${secondsOf(p.busyMs)} busy over ${p.threads.length} profile(s): ${p.threads.map((t) => secondsOf(t.busyMs)).join(', ')}.`,
      '',
      '| Kind of work | Self time | Share |',
      '| --- | ---: | ---: |',
      ...p.kinds.filter((k) => k.share >= 0.005).map((k) => `| ${cell(k.name)} | ${secondsOf(k.selfMs)} | ${share(k.share)} |`),
      '',
      `| Package or file (top ${p.packages.length}) | Self time | Share |`,
      '| --- | ---: | ---: |',
      ...p.packages.map((k) => `| \`${cell(k.name)}\` | ${secondsOf(k.selfMs)} | ${share(k.share)} |`),
      '',
      `| Function (top ${p.functions.length}) | Self time | Share |`,
      '| --- | ---: | ---: |',
      ...p.functions.map((k) => `| \`${cell(k.name)}\` | ${secondsOf(k.selfMs)} | ${share(k.share)} |`),
      '',
    );
  }
  return lines;
}

/**
 * For each budget not met: how far off it is and, where a profile shows the time, whether
 * any one kind of work is even as large as what would have to go. That is a bound, not a
 * plan: no change removes a kind of work whole, and busy time shrinks wall time only
 * where the work was not running beside other work.
 */
export function renderToMeet(budgets: Budget[], profiles: ProfileSummary[]): string[] {
  const unmet = budgets.filter((b) => b.met === false);
  if (unmet.length === 0) return [];
  const lines = ['### What meeting the budgets not met would take', ''];
  for (const b of unmet) {
    const profile = profiles.find((p) => p.id === b.profile);
    let where = '';
    if (profile) {
      const kinds = profile.kinds.filter((k) => k.name !== 'Idle');
      const top3 = kinds.slice(0, 3);
      where = ` Where the time goes (profile “${profile.what}”): ${top3.map((k) => `${k.name} ${share(k.share)}`).join('; ')}.`;
      const largest = kinds[0];
      if (b.reduction !== undefined && largest) {
        const together = top3.reduce((sum, k) => sum + k.share, 0);
        where +=
          largest.share >= b.reduction
            ? ` The ${share(b.reduction)} that would have to go is ${share(b.reduction / largest.share)} of the largest, ${largest.name}.`
            : ` No one kind of work is as large as the ${share(b.reduction)} that would have to go${together >= b.reduction ? `; the three largest together are ${share(together)}` : `, nor the three largest together (${share(together)})`}.`;
      }
    } else if (b.profile) {
      where = ' No profile in this run: `--profile` adds one.';
    }
    lines.push(`- **${b.rule}**: ${b.toMeet ?? 'not met'}.${where}`);
  }
  lines.push('', 'The levers measured so far, kept or not, and what meeting each budget would take, are in bench/README.md (“Findings”).', '');
  return lines;
}
