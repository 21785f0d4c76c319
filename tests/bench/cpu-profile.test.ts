import { describe, expect, it } from 'vitest';
import { kindOf, packageOf, selfTimes, summariseProfiles, type CpuProfile } from '../../scripts/lib/bench/cpu-profile.ts';

const root = '/work/project';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

/** A profile of 1 + 3 + 2 + 4 ms over five frames, idle included. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('tokenize', `file://${root}/node_modules/micromark/lib/tokenize.js`, 9) },
    { id: 3, callFrame: frame('render', `file://${root}/node_modules/astro/dist/runtime/server/render.js`, 19) },
    { id: 4, callFrame: frame('(garbage collector)', '') },
    { id: 5, callFrame: frame('(idle)', '') },
    { id: 6, callFrame: frame('check', `file://${root}/src/lib/checks/terms.ts`, 4) },
  ],
  startTime: 0,
  endTime: 12_000,
  // Sampled at 1, 2, 5, 7 and 11 ms; each sample lasts until the next, the last until the end.
  samples: [2, 2, 3, 4, 5],
  timeDeltas: [1000, 1000, 3000, 2000, 4000],
};

describe('the CPU profile summary', () => {
  it('counts a sample’s time until the next sample, the last one until the profile’s end', () => {
    const times = selfTimes(profile);
    expect(times.get(2)).toBe(1 + 3);
    expect(times.get(3)).toBe(2);
    expect(times.get(4)).toBe(4);
    expect(times.get(5)).toBe(1);
  });

  it('names where code lives: a package, a scoped package, Astro’s runtime, a project file, Node, V8', () => {
    expect(packageOf(`file://${root}/node_modules/micromark/lib/x.js`, 'f', root)).toBe('micromark');
    expect(packageOf(`file://${root}/node_modules/@mdx-js/mdx/lib/x.js`, 'f', root)).toBe('@mdx-js/mdx');
    expect(packageOf(`file://${root}/node_modules/.pnpm/a/node_modules/vite/dist/x.js`, 'f', root)).toBe('vite');
    expect(packageOf(`file://${root}/node_modules/astro/dist/runtime/server/x.js`, 'f', root)).toBe('astro (runtime)');
    expect(packageOf(`file://${root}/node_modules/astro/dist/core/x.js`, 'f', root)).toBe('astro');
    expect(packageOf(`file://${root}/src/guide/remark-guide.ts`, 'f', root)).toBe('src/guide/remark-guide.ts');
    expect(packageOf(`file://${root}/dist.123.staging/.prerender/chunks/page.mjs`, 'f', root)).toBe('(the bundled pages, rendering)');
    expect(packageOf('node:internal/fs/utils', 'f', root)).toBe('node:internal');
    expect(packageOf('node:internal/modules/esm/utils', 'compileSourceTextModule', root)).toBe('node:internal/modules');
    expect(packageOf('node:internal/deps/amaro/dist/index', '__require', root)).toBe('node:internal/modules');
    expect(packageOf('', 'ModuleWrap', root)).toBe('node:internal/modules');
    expect(packageOf('wasm://wasm/00ad0bc6', 'wasm-function[196]', root)).toBe('(WebAssembly)');
    expect(packageOf('', '(garbage collector)', root)).toBe('(garbage collector)');
    expect(packageOf('', 'JSON.parse', root)).toBe('(native)');
    expect(kindOf('micromark')).toMatch(/^Markdown and MDX compile/);
    expect(kindOf('rolldown')).toMatch(/^Bundling/);
    expect(kindOf('astro (runtime)')).toMatch(/^Rendering/);
    expect(kindOf('src/lib/checks/terms.ts')).toMatch(/^This project/);
    expect(kindOf('node:internal/modules')).toMatch(/^Loading modules/);
    expect(kindOf('yaml')).toMatch(/^Data files/);
    expect(kindOf('left-pad')).toBe('Other packages');
  });

  it('sums self time per function, package and kind over every profile, idle left out', () => {
    const second: CpuProfile = { ...profile, samples: [6, 6], timeDeltas: [0, 2000], endTime: 4000 };
    const summary = summariseProfiles(
      [
        { file: 'CPU.main.cpuprofile', profile },
        { file: 'CPU.worker.cpuprofile', profile: second },
      ],
      root,
      { id: 'build', what: 'a build', wallMs: 12 },
    );
    // Main: 4 + 2 + 4 busy (1 idle); worker: 2 + 2.
    expect(summary.threads).toEqual([
      { file: 'CPU.main.cpuprofile', busyMs: 10 },
      { file: 'CPU.worker.cpuprofile', busyMs: 4 },
    ]);
    expect(summary.busyMs).toBe(14);
    expect(summary.packages.map((p) => [p.name, p.selfMs])).toEqual([
      ['micromark', 4],
      ['(garbage collector)', 4],
      ['src/lib/checks/terms.ts', 4],
      ['astro (runtime)', 2],
    ]);
    expect(summary.functions[0]).toEqual({ name: 'tokenize  micromark/lib/tokenize.js:10', selfMs: 4, share: 4 / 14 });
    expect(summary.functions.map((f) => f.name)).toContain('check  src/lib/checks/terms.ts:5');
    expect(summary.kinds.find((k) => k.name.startsWith('Rendering'))?.selfMs).toBe(2);
    expect(summary.functions.some((f) => f.name.includes('(idle)'))).toBe(false);
    const limited = summariseProfiles([{ file: 'a', profile }], root, { id: 'x', what: 'x', wallMs: 1 }, 2);
    expect(limited.functions).toHaveLength(2);
  });
});
