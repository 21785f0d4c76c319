/**
 * The benchmark's results: their shape (written as JSON), the budgets from the
 * performance issue checked against them, and the Markdown report.
 */
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
  starlight: SiteStats;
}

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
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
const percent = (r: number) => `${(r * 100).toFixed(0)} %`;

/** The budgets of the performance issue, checked against the results. */
export function checkBudgets(sizes: SizeResult[], real: RealSiteResult | undefined): Budget[] {
  const budgets: Budget[] = [];
  const at = (n: number) => sizes.find((s) => s.pagesPerLocale === n);
  const big = at(1000);
  const cpuRatio = (a: BuildStats, b: BuildStats) => (a.cpuSeconds !== null && b.cpuSeconds !== null && b.cpuSeconds > 0 ? a.cpuSeconds / b.cpuSeconds : null);
  // Wall time is what the budget is about; CPU time must agree, or a busy machine's
  // luck in which build it slowed down would decide the verdict.
  if (big) {
    const wall = big.ours.build.wallMs / big.starlight.build.wallMs;
    const cpu = cpuRatio(big.ours.build, big.starlight.build);
    budgets.push({
      id: 'build-time',
      rule: 'Build time ≤ 0.8 × Starlight’s at 1000 pages per locale (wall time, and CPU time must agree)',
      measured: `wall ${seconds(big.ours.build.wallMs)} vs ${seconds(big.starlight.build.wallMs)}: ${wall.toFixed(2)} ×${cpu === null ? '' : `; CPU ${big.ours.build.cpuSeconds!.toFixed(0)} s vs ${big.starlight.build.cpuSeconds!.toFixed(0)} s: ${cpu.toFixed(2)} ×`}`,
      met: wall <= 0.8 && (cpu === null || cpu <= 0.8),
    });
  } else {
    budgets.push({ id: 'build-time', rule: 'Build time ≤ 0.8 × Starlight’s at 1000 pages per locale', measured: 'not measured: 1000 was not among --sizes', met: null });
  }
  const mid = at(200);
  if (big && mid) {
    const wall = big.ours.build.perPageMs / mid.ours.build.perPageMs;
    const cpuPerPage = (s: SizeResult) => (s.ours.build.cpuSeconds === null ? null : s.ours.build.cpuSeconds / s.guidePages);
    const cpu = cpuPerPage(big) !== null && cpuPerPage(mid) !== null ? cpuPerPage(big)! / cpuPerPage(mid)! : null;
    budgets.push({
      id: 'linear-growth',
      rule: 'Time per page at 1000 ≤ 1.2 × time per page at 200 (our build; wall time, and CPU time must agree)',
      measured: `wall ${big.ours.build.perPageMs.toFixed(1)} ms vs ${mid.ours.build.perPageMs.toFixed(1)} ms: ${wall.toFixed(2)} ×${cpu === null ? '' : `; CPU ${(cpuPerPage(big)! * 1000).toFixed(1)} ms vs ${(cpuPerPage(mid)! * 1000).toFixed(1)} ms: ${cpu.toFixed(2)} ×`} (Starlight, wall: ${ratio(big.starlight.build.perPageMs, mid.starlight.build.perPageMs)} ×)`,
      met: wall <= 1.2 && (cpu === null || cpu <= 1.2),
    });
  } else {
    budgets.push({ id: 'linear-growth', rule: 'Time per page at 1000 ≤ 1.2 × time per page at 200 (our build)', measured: 'not measured: needs 200 and 1000 among --sizes', met: null });
  }
  if (sizes.length > 0) {
    const worst = sizes.reduce((w, s) => (s.ours.page.total.gzip / s.starlight.page.total.gzip > w.ours.page.total.gzip / w.starlight.page.total.gzip ? s : w));
    const r = worst.ours.page.total.gzip / worst.starlight.page.total.gzip;
    budgets.push({
      id: 'page-bytes',
      rule: 'A guide page ≤ 50 % of Starlight’s bytes before interaction (images excluded, gzip)',
      measured: `${sizes.map((s) => `N=${s.pagesPerLocale}: ${kb(s.ours.page.total.gzip)} vs ${kb(s.starlight.page.total.gzip)} (${percent(s.ours.page.total.gzip / s.starlight.page.total.gzip)})`).join('; ')}`,
      met: r <= 0.5,
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
          }
        : { id: 'pdf', rule: 'All PDFs ≤ 30 s', measured: `not measured: ${real.pdf.reason}`, met: null },
    );
  } else {
    budgets.push({ id: 'pdf', rule: 'All PDFs ≤ 30 s', measured: 'not measured: the real site was not built (--no-real)', met: null });
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
    `- Options: ${report.options.sizes.join(', ')} pages per locale (× 3 locales), ${report.options.runs} run(s) of each build, alternating the two sites; seed ${report.options.seed}; search query “${report.options.query}”. PDF export in the synthetic builds: ${report.options.pdfInSyntheticBuilds}.`,
    '',
  );

  lines.push('## Budgets', '', '| Budget | Measured | |', '| --- | --- | --- |');
  for (const b of report.budgets) lines.push(`| ${b.rule} | ${b.measured} | ${mark(b.met)} |`);
  lines.push('');

  lines.push(
    '## Build',
    '',
    'Medians of the runs, each from a cold cache. Wall time of the whole command (Node start to exit, search index included); CPU time (user + system, the build and its children, from GNU time), which a busy machine disturbs less than wall time; peak memory of the whole process tree, sampled every 100 ms from /proc (GNU time’s largest single process in brackets).',
    '',
  );
  lines.push('| Pages per locale | Guide pages | Ours | Starlight | Ours / Starlight | Ours per page | Starlight per page | CPU ours / Starlight | Ours peak memory | Starlight peak memory |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of report.sizes) {
    const o = s.ours.build;
    const t = s.starlight.build;
    const cpu = (a: BuildStats, b: BuildStats) =>
      a.cpuSeconds === null || b.cpuSeconds === null ? '–' : `${a.cpuSeconds.toFixed(0)} s / ${b.cpuSeconds.toFixed(0)} s = ${ratio(a.cpuSeconds, b.cpuSeconds)}`;
    const proc = (b: BuildStats) => (b.peakProcessRssBytes === null ? '' : ` (${mb(b.peakProcessRssBytes)})`);
    lines.push(
      `| ${s.pagesPerLocale} | ${s.guidePages} | ${seconds(o.wallMs)} | ${seconds(t.wallMs)} | ${ratio(o.wallMs, t.wallMs)} | ${o.perPageMs.toFixed(1)} ms | ${t.perPageMs.toFixed(1)} ms | ${cpu(o, t)} | ${mb(o.peakTreeRssBytes)}${proc(o)} | ${mb(t.peakTreeRssBytes)}${proc(t)} |`,
    );
  }
  lines.push('', 'Every run, in the order run (wall time, CPU time):', '');
  for (const s of report.sizes) {
    const each = (b: BuildStats) => b.runs.map((r) => `${seconds(r.wallMs)}${r.cpuSeconds === null ? '' : ` (CPU ${r.cpuSeconds.toFixed(0)} s)`}`).join(', ');
    lines.push(`- ${s.pagesPerLocale} per locale: ours ${each(s.ours.build)}; Starlight ${each(s.starlight.build)}`);
  }
  lines.push('');

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
  return `${lines.join('\n')}\n`;
}
