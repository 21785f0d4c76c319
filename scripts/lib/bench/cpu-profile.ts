/**
 * Summarises V8 CPU profiles (the .cpuprofile files `node --cpu-prof` writes, one per
 * process and thread) into where the time went: self time per function, per package or
 * file, and per kind of work (MDX compile, bundling, rendering, …).
 *
 * A profile is a tree of call frames (`nodes`) and a list of samples: `samples[i]` is the
 * id of the frame that was running, `timeDeltas[i]` the microseconds since the previous
 * sample. A sample lasts until the next one (the last until `endTime`), as Chrome's
 * DevTools count it; a frame's self time is the sum of its samples' durations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of the .cpuprofile format this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileRow {
  /** A function (`name  where:line`), a package or file, or a kind of work. */
  name: string;
  selfMs: number;
  /** Share of all the profiles' busy time (idle excluded). */
  share: number;
}

export interface ProfileSummary {
  /** Which run: `build` (ours at the largest size), `check`, `real-build` or `dev`; budgets name the profile that explains them. */
  id: string;
  /** What was profiled, e.g. "our build at 1000 pages per locale". */
  what: string;
  /** Wall time of the profiled run (the profiler slows it down a little). */
  wallMs: number;
  /** One per process and thread: its file, and its sampled time without idle. */
  threads: { file: string; busyMs: number }[];
  /** Busy time over every thread (roughly CPU time, in the profiled processes). */
  busyMs: number;
  functions: ProfileRow[];
  packages: ProfileRow[];
  kinds: ProfileRow[];
}

/** Self time in ms per frame id of one profile. */
export function selfTimes(profile: CpuProfile): Map<number, number> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times = new Map<number, number>();
  let at = profile.startTime;
  const stamps = samples.map((_, i) => (at += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? stamps[i + 1]! : Math.max(profile.endTime, stamps[i]!);
    const duration = Math.max(0, next - stamps[i]!) / 1000;
    times.set(samples[i]!, (times.get(samples[i]!) ?? 0) + duration);
  }
  return times;
}

/**
 * Where a frame's code lives: a package (`vite`, `@mdx-js/mdx`), a file of the project
 * (`src/guide/remark-guide.ts`), `node:internal`, or V8's own entries (`(garbage collector)`).
 */
/** Node's own functions without a script that load modules (reading, resolving, compiling them). */
const MODULE_LOADING_NATIVES = new Set(['ModuleWrap', 'internalModuleStat', 'internalModuleReadJSON', 'compileFunction', 'compileFunctionForCJSLoader', 'flushCompileCache', 'readPackageJSON', 'getNearestParentPackageJSON']);

export function packageOf(url: string, functionName: string, projectRoot: string): string {
  if (url === '') {
    if (MODULE_LOADING_NATIVES.has(functionName)) return 'node:internal/modules';
    return /^\(.*\)$/.test(functionName) ? functionName : '(native)';
  }
  if (url.startsWith('wasm://')) return '(WebAssembly)';
  // Node's module loader, with its TypeScript stripping (amaro) and source maps.
  if (/^node:internal\/(modules\/|deps\/amaro|bootstrap\/realm|source_map\/|vm\/module)/.test(url)) return 'node:internal/modules';
  if (url.startsWith('node:')) return 'node:internal';
  let path = url;
  if (url.startsWith('file://')) {
    try {
      path = fileURLToPath(url);
    } catch {
      path = url;
    }
  }
  const inModules = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(path);
  if (inModules) {
    // Astro's runtime renders the pages; the rest of Astro compiles, loads content and orchestrates.
    if (inModules[1] === 'astro' && inModules[2]?.startsWith('/dist/runtime/')) return 'astro (runtime)';
    return inModules[1]!;
  }
  if (path.startsWith('/')) {
    const inProject = relative(projectRoot, path);
    if (!inProject.startsWith('..')) {
      // The pages Astro bundled for rendering, in the build's staging folder.
      if (/^dist[^/]*\//.test(inProject)) return '(the bundled pages, rendering)';
      return inProject;
    }
  }
  return path;
}

/**
 * The kinds of work, by package: the first that matches names a package's time.
 * - Markdown and MDX compile: unified, micromark, remark, rehype, MDX, estree, and the guide's
 *   own remark plugins (src/guide/);
 * - Loading modules: Node's module loader, with its TypeScript type stripping and source maps;
 * - Rendering the pages: Astro's runtime and the pages it bundled.
 */
const KINDS: [string, RegExp][] = [
  ['Garbage collection', /^\(garbage collector\)$/],
  ['Idle', /^\(idle\)$/],
  [
    'Markdown and MDX compile',
    /^(micromark.*|mdast-.*|remark-.*|rehype-.*|hast-.*|hastscript|unified|bail|trough|vfile.*|unist-.*|@mdx-js\/.*|@astrojs\/mdx|@astrojs\/markdown-remark|estree-.*|recma-.*|astring|acorn.*|property-information|parse5|character-.*|decode-named-character-reference|devlop|zwitch|html-void-elements|space-separated-tokens|comma-separated-tokens|web-namespaces|ccount|longest-streak|markdown-table|stringify-entities|trim-lines|is-plain-obj|parse-entities|retext.*|nlcst-.*|parse-latin|parse-english|periscopic|source-map.*|src\/guide\/.*)$/,
  ],
  ['Bundling (Vite, Rolldown)', /^(vite|rollup|@rollup\/.*|rolldown|@rolldown\/.*|esbuild|magic-string|es-module-lexer|@jridgewell\/.*|postcss.*|lightningcss.*|picomatch|tinyglobby|fdir|@oxc-.*|oxc-.*)$/],
  ['Rendering the pages', /^(\(the bundled pages, rendering\)|astro \(runtime\))$/],
  ['Astro (compiler, content layer, orchestration)', /^(astro|@astrojs\/.*)$/],
  ['TypeScript compiler', /^typescript$/],
  ['Images (sharp)', /^(sharp|@img\/.*)$/],
  ['Search index (Pagefind)', /^pagefind.*$/],
  ['HTML parsing', /^(htmlparser2|domhandler|domutils|entities|node-html-parser|html-validate|css-select|css-what|nth-check|boolbase)$/],
  ['Data files (YAML, zod)', /^(yaml|js-yaml|zod)$/],
  ['This project (src/, scripts/)', /^(src|scripts)\//],
  ['Loading modules', /^node:internal\/modules$/],
  ['Node.js internals', /^node:internal$/],
  ['WebAssembly', /^\(WebAssembly\)$/],
  ['V8: compiling JavaScript, native code', /^\((program|native|root)\)$/],
];

export function kindOf(pkg: string): string {
  return KINDS.find(([, pattern]) => pattern.test(pkg))?.[0] ?? 'Other packages';
}

function top(map: Map<string, number>, total: number, count: number): ProfileRow[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: total > 0 ? selfMs / total : 0 }));
}

const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);

/** Summarises profiles already read: self time per function, per package or file, and per kind of work (idle left out). */
export function summariseProfiles(
  profiles: { file: string; profile: CpuProfile }[],
  projectRoot: string,
  run: { id: string; what: string; wallMs: number },
  count = 15,
): ProfileSummary {
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  const kinds = new Map<string, number>();
  const threads: ProfileSummary['threads'] = [];
  let busyMs = 0;
  for (const { file, profile } of profiles) {
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    let threadBusy = 0;
    for (const [id, ms] of selfTimes(profile)) {
      const frame = frames.get(id);
      if (!frame) continue;
      const pkg = packageOf(frame.url, frame.functionName, projectRoot);
      if (pkg === '(idle)') continue;
      threadBusy += ms;
      const where = frame.url === '' || pkg.startsWith('(') ? '' : `  ${relativeWhere(frame.url, projectRoot)}:${frame.lineNumber + 1}`;
      add(functions, `${frame.functionName || '(anonymous)'}${where}`, ms);
      add(packages, pkg, ms);
      add(kinds, kindOf(pkg), ms);
    }
    threads.push({ file, busyMs: threadBusy });
    busyMs += threadBusy;
  }
  return {
    ...run,
    threads,
    busyMs,
    functions: top(functions, busyMs, count),
    packages: top(packages, busyMs, count),
    kinds: top(kinds, busyMs, KINDS.length + 1),
  };
}

/** A frame's file, short: from the package's folder in node_modules, or relative to the project. */
function relativeWhere(url: string, projectRoot: string): string {
  let path = url;
  if (url.startsWith('file://')) {
    try {
      path = fileURLToPath(url);
    } catch {
      return url;
    }
  }
  const inModules = /.*\/node_modules\/(.*)$/.exec(path);
  if (inModules) return inModules[1]!;
  const inProject = relative(projectRoot, path);
  return inProject.startsWith('..') ? path : inProject;
}

/** Reads every .cpuprofile in `dir` and summarises them together. */
export function summariseProfileDir(dir: string, projectRoot: string, run: { id: string; what: string; wallMs: number }, count = 15): ProfileSummary {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  if (files.length === 0) throw new Error(`no .cpuprofile files in ${dir}: the profiled process wrote none`);
  const profiles = files.map((file) => ({ file, profile: JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile }));
  return summariseProfiles(profiles, projectRoot, run, count);
}
