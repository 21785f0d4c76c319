import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../scripts/lib/bench/cpu-profile.ts';
import {
  buildStats,
  checkBudgets,
  editorBudgets,
  LIMITS,
  renderBuilds,
  renderEditorLoop,
  renderToMeet,
  type Budget,
  type BuildStats,
  type EditorLoop,
  type SiteStats,
  type SizeResult,
} from '../../scripts/lib/bench/report.ts';

const MB = 1024 ** 2;

/** A build measured once: wall seconds, CPU seconds, peak memory in MB. */
const build = (wallSeconds: number, cpuSeconds: number | null, peakMb: number, guidePages: number): BuildStats =>
  buildStats([{ wallMs: wallSeconds * 1000, cpuSeconds, peakTreeRssBytes: peakMb * MB, peakProcessRssBytes: peakMb * MB }], guidePages);

const noBytes = { raw: 0, gzip: 0 };
/** A site's measurements; ours loads a fifth of Starlight's bytes, within its budget. */
const site = (b: BuildStats, pageGzip: number): SiteStats => ({
  build: b,
  page: { path: '/', byKind: {}, total: { raw: pageGzip * 2, gzip: pageGzip }, js: noBytes, htmlCss: { raw: pageGzip * 2, gzip: pageGzip }, fonts: noBytes, requests: [] },
  search: { query: 'kode', resultCount: 3, bytes: { raw: 1000, gzip: 1000 }, allBytes: noBytes, requests: [] },
  screenshots: [{ deviceScaleFactor: 2, servedBytes: 30, pngBytes: 100, ratio: 0.3, images: [] }],
});

interface Times {
  ours: [number, number | null, number];
  mdx?: [number, number | null, number];
  markdown: [number, number | null, number];
}

/** One size: [wall s, CPU s, peak MB] for ours, Starlight-MDX and Starlight-Markdown. */
function size(pagesPerLocale: number, t: Times): SizeResult {
  const pages = pagesPerLocale * 3;
  return {
    pagesPerLocale,
    guidePages: pages,
    ours: site(build(...t.ours, pages), 100),
    starlight: site(build(...t.markdown, pages), 500),
    ...(t.mdx ? { starlightMdx: { build: build(...t.mdx, pages) } } : {}),
    runOrder: [['ours', 'starlightMdx', 'starlight']],
  };
}

const byId = (budgets: Budget[], id: string) => {
  const found = budgets.find((b) => b.id === id);
  if (!found) throw new Error(`no budget ${id}: ${budgets.map((b) => b.id).join(', ')}`);
  return found;
};

function editor(overrides: { checkMs?: number; ours?: number; starlight?: number; devMs?: number; tests?: EditorLoop['tests'] } = {}): EditorLoop {
  const checkMs = overrides.checkMs ?? 1500;
  const devMs = overrides.devMs ?? 2500;
  return {
    check: { runs: [{ wallMs: checkMs, cpuSeconds: 1.2, exitCode: 0 }], wallMs: checkMs, cpuSeconds: 1.2, exitCode: 0, summary: '✔ No problems' },
    build: { pages: 27, ours: build(overrides.ours ?? 30, 40, 900, 27), starlightMdx: build(overrides.starlight ?? 20, 22, 800, 27) },
    dev: { runs: [{ firstPageMs: devMs, secondPageFirstByteMs: 150 }], firstPageMs: devMs, secondPath: '/bankid/', secondPageFirstByteMs: 150 },
    tests: overrides.tests ?? { measured: true, wallMs: 5 * 60_000, exitCode: 0, summary: 'Test Files  60 passed (60)' },
  };
}

describe('the budgets against Starlight-MDX and Starlight-Markdown', () => {
  it('builds at 1000 pages per locale: ≤ 0.8 × Starlight-MDX, wall and CPU each', () => {
    const met = checkBudgets([size(1000, { ours: [79, 80, 1000], mdx: [100, 100, 2000], markdown: [90, 90, 1500] })], undefined);
    expect(byId(met, 'build-1000-vs-starlight-mdx-wall').met).toBe(true);
    expect(byId(met, 'build-1000-vs-starlight-mdx-cpu').met).toBe(true);
    expect(byId(met, 'build-1000-vs-starlight-mdx-wall').toMeet).toBeUndefined();

    const slowWall = checkBudgets([size(1000, { ours: [90, 80, 1000], mdx: [100, 100, 2000], markdown: [90, 90, 1500] })], undefined);
    const wall = byId(slowWall, 'build-1000-vs-starlight-mdx-wall');
    expect(wall.met).toBe(false);
    expect(wall.measured).toBe('90.0 s vs 100.0 s (Starlight-MDX): 0.90 ×');
    // 90 s must come down to 80 s: 10 s, 11 % of it.
    expect(wall.toMeet).toBe('ours 10.0 s (11 %) less: ≤ 80.0 s instead of 90.0 s');
    expect(wall.reduction).toBeCloseTo(10 / 90);
    expect(byId(slowWall, 'build-1000-vs-starlight-mdx-cpu').met).toBe(true);

    const slowCpu = checkBudgets([size(1000, { ours: [70, 120, 1000], mdx: [100, 100, 2000], markdown: [90, 90, 1500] })], undefined);
    expect(byId(slowCpu, 'build-1000-vs-starlight-mdx-wall').met).toBe(true);
    expect(byId(slowCpu, 'build-1000-vs-starlight-mdx-cpu').met).toBe(false);
  });

  it('builds at 1000 pages per locale: ≤ 1.2 × Starlight-Markdown, wall and CPU each', () => {
    const met = checkBudgets([size(1000, { ours: [120, 100, 1000], mdx: [200, 200, 2000], markdown: [100, 100, 1500] })], undefined);
    expect(byId(met, 'build-1000-vs-starlight-markdown-wall').met).toBe(true);
    expect(byId(met, 'build-1000-vs-starlight-markdown-cpu').met).toBe(true);
    const notMet = checkBudgets([size(1000, { ours: [121, 130, 1000], mdx: [200, 200, 2000], markdown: [100, 100, 1500] })], undefined);
    expect(byId(notMet, 'build-1000-vs-starlight-markdown-wall').met).toBe(false);
    expect(byId(notMet, 'build-1000-vs-starlight-markdown-cpu').met).toBe(false);
  });

  it('builds at 10 pages per locale: ≤ 1.0 × Starlight-MDX, wall and CPU each', () => {
    const met = checkBudgets([size(10, { ours: [10, 10, 500], mdx: [10, 12, 600], markdown: [8, 8, 500] })], undefined);
    expect(byId(met, 'build-10-vs-starlight-mdx-wall').met).toBe(true);
    expect(byId(met, 'build-10-vs-starlight-mdx-cpu').met).toBe(true);
    const notMet = checkBudgets([size(10, { ours: [10.5, 13, 500], mdx: [10, 12, 600], markdown: [8, 8, 500] })], undefined);
    expect(byId(notMet, 'build-10-vs-starlight-mdx-wall').met).toBe(false);
    expect(byId(notMet, 'build-10-vs-starlight-mdx-cpu').met).toBe(false);
  });

  it('peak memory ≤ Starlight-MDX’s at every size: one size above it is enough to miss it', () => {
    const met = checkBudgets(
      [size(10, { ours: [10, 10, 500], mdx: [10, 10, 500], markdown: [8, 8, 400] }), size(200, { ours: [40, 40, 900], mdx: [30, 30, 1000], markdown: [20, 20, 800] })],
      undefined,
    );
    expect(byId(met, 'memory-vs-starlight-mdx').met).toBe(true);
    const notMet = checkBudgets(
      [size(10, { ours: [10, 10, 500], mdx: [10, 10, 600], markdown: [8, 8, 400] }), size(200, { ours: [40, 40, 1200], mdx: [30, 30, 1000], markdown: [20, 20, 800] })],
      undefined,
    );
    const memory = byId(notMet, 'memory-vs-starlight-mdx');
    expect(memory.met).toBe(false);
    expect(memory.measured).toBe('N=10: 500 MB vs 600 MB (0.83 ×); N=200: 1200 MB vs 1000 MB (1.20 ×)');
    expect(memory.toMeet).toMatch(/^at 200 per locale \(the whole process tree\) ours 200 MB \(17 %\) less/);
  });

  it('time per page at 1000 ≤ at 200, wall and CPU each, only when both are measured', () => {
    const mdx: [number, number, number] = [1, 1, 1];
    const met = checkBudgets([size(200, { ours: [60, 90, 1], mdx, markdown: mdx }), size(1000, { ours: [300, 400, 1], mdx, markdown: mdx })], undefined);
    // 300 s / 3000 pages = 100 ms ≤ 60 s / 600 pages = 100 ms.
    expect(byId(met, 'per-page-1000-vs-200-wall').met).toBe(true);
    expect(byId(met, 'per-page-1000-vs-200-cpu').met).toBe(true);
    const notMet = checkBudgets([size(200, { ours: [60, 90, 1], mdx, markdown: mdx }), size(1000, { ours: [310, 460, 1], mdx, markdown: mdx })], undefined);
    expect(byId(notMet, 'per-page-1000-vs-200-wall').met).toBe(false);
    expect(byId(notMet, 'per-page-1000-vs-200-cpu').met).toBe(false);
    const one = checkBudgets([size(1000, { ours: [310, 460, 1], mdx, markdown: mdx })], undefined);
    expect(byId(one, 'per-page-1000-vs-200-wall').met).toBeNull();
  });

  it('says what was not measured, and why, instead of a verdict', () => {
    const small = checkBudgets([size(10, { ours: [10, null, 500], markdown: [8, null, 400] })], undefined);
    expect(byId(small, 'build-1000-vs-starlight-mdx-wall')).toMatchObject({ met: null, measured: 'not measured: 1000 was not among --sizes' });
    expect(byId(small, 'build-10-vs-starlight-mdx-wall')).toMatchObject({ met: null, measured: 'not measured: this run has no Starlight-MDX build' });
    expect(byId(small, 'memory-vs-starlight-mdx').met).toBeNull();
    const noCpu = checkBudgets([size(10, { ours: [10, null, 500], mdx: [10, null, 500], markdown: [8, null, 400] })], undefined);
    expect(byId(noCpu, 'build-10-vs-starlight-mdx-cpu').measured).toMatch(/no CPU time/);
    expect(byId(noCpu, 'build-10-vs-starlight-mdx-wall').met).toBe(true);
  });
});

describe('the budgets of the editors’ loop', () => {
  it('npm run check ≤ 2 s', () => {
    expect(byId(editorBudgets(editor({ checkMs: LIMITS.checkMs })), 'editor-check').met).toBe(true);
    const slow = byId(editorBudgets(editor({ checkMs: 4000 })), 'editor-check');
    expect(slow.met).toBe(false);
    expect(slow.toMeet).toBe('2.0 s (50 %) less: ≤ 2.0 s instead of 4.0 s');
  });

  it('npm run build without PDFs ≤ 2 × Starlight-MDX of the same pages', () => {
    expect(byId(editorBudgets(editor({ ours: 40, starlight: 20 })), 'editor-build').met).toBe(true);
    const slow = byId(editorBudgets(editor({ ours: 41, starlight: 20 })), 'editor-build');
    expect(slow.met).toBe(false);
    expect(slow.measured).toMatch(/^41\.0 s vs 20\.0 s \(27 pages\): 2\.05 ×; CPU 40\.0 s vs 22\.0 s: 1\.82 ×$/);
    // A near miss reads as one: a third decimal, and the gap in milliseconds.
    const near = byId(editorBudgets(editor({ ours: 20.02, starlight: 10 })), 'editor-build');
    expect(near.met).toBe(false);
    expect(near.measured).toMatch(/: 2\.002 ×;/);
    expect(near.toMeet).toBe('ours 20 ms (0.1 %) less: ≤ 20.0 s instead of 20.0 s');
  });

  it('the first page of npm run dev ≤ 3 s, with Starlight-MDX’s first page on the same pages beside it', () => {
    expect(byId(editorBudgets(editor({ devMs: 2999 })), 'editor-dev').met).toBe(true);
    expect(byId(editorBudgets(editor({ devMs: 3001 })), 'editor-dev').met).toBe(false);
    const loop = editor({ devMs: 6000 });
    loop.dev.starlightMdx = { runs: [5000, 5200, 4800], firstPageMs: 5000 };
    expect(byId(editorBudgets(loop), 'editor-dev').measured).toBe('6.0 s to the HTML of /; then /bankid/ 150 ms to its first byte; Starlight-MDX on the same pages: 5.0 s (1.20 ×)');
    expect(renderEditorLoop(loop).join('\n')).toMatch(/\| Starlight-MDX's `astro dev` on the same \d+ pages, until GET \/ returns its HTML \| 5\.0 s; runs: 5\.0 s, 5\.2 s, 4\.8 s; ours \/ Starlight-MDX: \*\*1\.20 ×\*\* \| \| *$/m);
  });

  it('npm test ≤ 6 minutes, and a run that passes; not measured without --with-tests, with the last value', () => {
    expect(byId(editorBudgets(editor()), 'editor-tests').met).toBe(true);
    expect(byId(editorBudgets(editor({ tests: { measured: true, wallMs: 7 * 60_000, exitCode: 0 } })), 'editor-tests').met).toBe(false);
    expect(byId(editorBudgets(editor({ tests: { measured: true, wallMs: 3 * 60_000, exitCode: 1 } })), 'editor-tests').met).toBe(false);
    const last = byId(
      editorBudgets(editor({ tests: { measured: false, last: { wallMs: 9.5 * 60_000, date: '2026-12-01T10:00:00.000Z', file: 'bench/results/x.json', exitCode: 0 } } })),
      'editor-tests',
    );
    expect(last.met).toBeNull();
    expect(last.measured).toBe('not measured: not part of this run (add --with-tests); last measured 9.5 min on 2026-12-01 (bench/results/x.json)');
    expect(byId(editorBudgets(editor({ tests: { measured: false } })), 'editor-tests').measured).toMatch(/no earlier run/);
  });

  it('is not measured without the real guide', () => {
    const budgets = checkBudgets([], undefined, undefined);
    for (const id of ['editor-check', 'editor-build', 'editor-dev', 'editor-tests']) expect(byId(budgets, id)).toMatchObject({ met: null, measured: 'not measured: the real guide was not built (--no-real)' });
  });
});

describe('the report', () => {
  it('has a table per size with the three sites and both ratios', () => {
    const text = renderBuilds([size(10, { ours: [12, 15, 900], mdx: [10, 12, 1000], markdown: [8, 9, 800] })]).join('\n');
    expect(text).toContain('### 10 pages per locale (30 guide pages)');
    expect(text).toContain('| Ours | 12.0 s | 15.0 s | 900 MB (900 MB) | 400.0 ms |');
    expect(text).toContain('| Starlight-MDX | 10.0 s | 12.0 s | 1000 MB (1000 MB) | 333.3 ms |');
    expect(text).toContain('| Starlight-Markdown | 8.0 s | 9.0 s | 800 MB (800 MB) | 266.7 ms |');
    expect(text).toContain('| **Ours / Starlight-MDX** | **1.20 ×** | **1.25 ×** | **0.90 ×** | 1.20 × |');
    expect(text).toContain('| **Ours / Starlight-Markdown** | **1.50 ×** | **1.67 ×** | **1.13 ×** | 1.50 × |');
    expect(text).toContain('- 10 per locale: run 1: Ours 12.0 s (CPU 15.0 s), Starlight-MDX 10.0 s (CPU 12.0 s), Starlight-Markdown 8.0 s (CPU 9.0 s)');
  });

  it('reports the editors’ loop, and says when npm test was not part of the run', () => {
    const text = renderEditorLoop(editor({ tests: { measured: false } })).join('\n');
    expect(text).toContain('## The editors’ loop (the real guide)');
    expect(text).toMatch(/\| `npm run check -- --source-only` \| 1\.5 s \(CPU 1\.2 s\)/);
    expect(text).toContain('ours / Starlight-MDX: **1.50 ×**');
    expect(text).toContain('| `npm run dev`: then /bankid/, to its first byte | 150 ms');
    expect(text).toContain('not part of this run (`--with-tests` runs it, about 10 minutes); no earlier run measured it');
  });

  it('says for each budget not met what meeting it would take, with the profile’s largest kinds of work', () => {
    const budgets = checkBudgets([size(10, { ours: [20, 20, 500], mdx: [10, 10, 600], markdown: [8, 8, 400] })], undefined);
    const profile: ProfileSummary = {
      id: 'build',
      what: 'Our build at 10 pages per locale',
      wallMs: 21_000,
      threads: [{ file: 'CPU.1.cpuprofile', busyMs: 20_000 }],
      busyMs: 20_000,
      functions: [],
      packages: [],
      kinds: [
        { name: 'Markdown and MDX compile', selfMs: 12_000, share: 0.6 },
        { name: 'Bundling', selfMs: 5_000, share: 0.25 },
        { name: 'Garbage collection', selfMs: 3_000, share: 0.15 },
      ],
    };
    const text = renderToMeet(budgets, [profile]).join('\n');
    // 20 s must come down to 10 s: half of it, five sixths of the MDX compile's 60 %.
    expect(text).toContain('- **Build at 10 pages per locale ≤ 1.0 × Starlight-MDX, wall time**: ours 10.0 s (50 %) less: ≤ 10.0 s instead of 20.0 s.');
    expect(text).toContain('Where the time goes (profile “Our build at 10 pages per locale”): Markdown and MDX compile 60.0 %; Bundling 25.0 %; Garbage collection 15.0 %.');
    expect(text).toContain('The 50.0 % that would have to go is 83.3 % of the largest, Markdown and MDX compile.');
    // A kind of work smaller than what would have to go says so.
    const small = { ...profile, kinds: [{ name: 'Bundling', selfMs: 4000, share: 0.2 }, { name: 'Garbage collection', selfMs: 2000, share: 0.1 }] };
    expect(renderToMeet(budgets, [small]).join('\n')).toContain('No one kind of work is as large as the 50.0 % that would have to go, nor the three largest together (30.0 %).');
    expect(renderToMeet(budgets, []).join('\n')).toContain('No profile in this run: `--profile` adds one.');
    expect(renderToMeet(checkBudgets([size(10, { ours: [5, 5, 500], mdx: [10, 10, 600], markdown: [8, 8, 400] })], undefined), [])).toEqual([]);
  });
});
