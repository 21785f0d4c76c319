/**
 * Releasing a build into dist/ (scripts/lib/release.ts), with real processes: a process
 * killed with SIGKILL at any step of the swap leaves dist/ whole, its last release put back
 * by the next start; builds at once never mix, the one that holds the lock is waited for and
 * a dead one's lock is taken over; and scripts/build.ts itself, killed while Astro renders,
 * leaves dist/ as it was.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { recover, releaseFolders, withLock, type PublishStep } from '../../scripts/lib/release.ts';
import { projectRoot } from '../support/astro-process.ts';

const work = mkdtempSync(join(tmpdir(), 'guide-release-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The files of every release the child writes; each holds the release's name, so a mix shows. */
const FILES = ['index.html', 'nb/bankid/index.html', 'pagefind/pagefind.js'];

/**
 * node publish.mjs <dist> <release> [<step> kill|pause] [<timeout ms>]
 * Writes a whole release into its staging folder and publishes it; at <step> (a PublishStep,
 * or 'built' before publish() is called) it SIGKILLs itself, or says "stopped at <step>" and
 * waits for a line on stdin.
 */
const child = join(work, 'publish.mjs');
writeFileSync(
  child,
  `import { mkdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { publish, releaseFolders } from ${JSON.stringify(pathToFileURL(join(projectRoot, 'scripts/lib/release.ts')).href)};

const [dist, release, stopAt, action, timeout] = process.argv.slice(2);
const { work, staging } = releaseFolders(dist);

function stop(step) {
  if (step !== stopAt) return;
  if (action === 'kill') process.kill(process.pid, 'SIGKILL');
  process.stdout.write('stopped at ' + step + '\\n');
  for (;;) {
    try {
      readSync(0, Buffer.alloc(1));
      return;
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

for (const file of ${JSON.stringify(FILES)}) {
  mkdirSync(dirname(join(staging, file)), { recursive: true });
  writeFileSync(join(staging, file), release);
}
stop('built');
try {
  publish(dist, { timeoutMs: timeout ? Number(timeout) : undefined, onStep: stop });
} catch (error) {
  rmSync(work, { recursive: true, force: true });
  console.error(error.message);
  process.exit(2);
}
console.log('published ' + release);
`,
);

interface Running {
  process: ChildProcess;
  pid: number;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Resolves once it has written `text`; rejects if it ends first. */
  says(text: string | RegExp): Promise<void>;
  /** Its exit code, or the signal that ended it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Running {
  const proc = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  proc.stdout!.on('data', append);
  proc.stderr!.on('data', append);
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('close', (code, signal) => resolve({ code, signal })));
  return {
    process: proc,
    pid: proc.pid!,
    output: () => output,
    says: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (typeof text === 'string' ? output.includes(text) : text.test(output)) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
        void ended.then(() => {
          check();
          reject(new Error(`The process ended without saying ${JSON.stringify(text)}:\n${output}`));
        });
      }),
    ended,
  };
}

/** Publishes `release` into `dist` in a process of its own; see publish.mjs above. */
const publisher = (dist: string, release: string, stopAt = '', action = '', timeoutMs = '') =>
  run(process.execPath, [child, dist, release, stopAt, action, timeoutMs]);

/** Every file under `dir` with its text. */
function contents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, entry)).isFile()) files[entry] = readFileSync(join(dir, entry), 'utf8');
  }
  return files;
}

/** What a whole release holds. */
const whole = (release: string) => Object.fromEntries(FILES.map((file) => [file, release]).sort());

let dist: string;
let root: string;
/** A folder with an old site in dist/. */
beforeEach((context) => {
  root = join(work, context.task.id);
  dist = join(root, 'dist');
  for (const file of FILES) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    writeFileSync(join(dist, file), 'old');
  }
});

/** The next start's recovery, under the lock; returns what it said. */
function nextStart(): string[] {
  const said: string[] = [];
  withLock(dist, () => recover(dist, (line) => said.push(line)), { log: (line) => said.push(line), timeoutMs: 10_000 });
  return said;
}

describe('a publish killed with SIGKILL', () => {
  const cases: [PublishStep, string, string][] = [
    ['locked', 'old', 'holding the lock, nothing moved yet'],
    ['moved-aside', 'old', 'with dist/ moved aside and nothing in its place'],
    ['moved-in', 'new', 'with the new site in place and the old one not yet removed'],
    ['unlocked', 'new', 'with its own folder not yet removed'],
  ];

  test.each(cases)('at %s leaves the %s site whole after the next start (%s), and nothing beside it', async (step, expected) => {
    const killed = publisher(dist, 'new', step, 'kill');
    expect(await killed.ended).toEqual({ code: null, signal: 'SIGKILL' });
    // Killed between the two renames, there is no dist/ until the next start.
    expect(existsSync(dist)).toBe(step !== 'moved-aside');

    const said = nextStart();
    expect(contents(dist)).toEqual(whole(expected));
    expect(readdirSync(root)).toEqual(['dist']);
    expect(said).toEqual(step === 'moved-aside' ? [`Restored dist/ from dist.${killed.pid}.previous: the build with pid ${killed.pid} was stopped while replacing it.`] : []);
  });

  test('while holding the lock: the next publish takes the lock over at once and publishes', async () => {
    const killed = publisher(dist, 'new', 'locked', 'kill');
    await killed.ended;
    expect(JSON.parse(readFileSync(`${dist}.lock`, 'utf8')).pid).toBe(killed.pid);

    const next = publisher(dist, 'next');
    expect(await next.ended).toEqual({ code: 0, signal: null });
    expect(next.output()).not.toContain('Waiting');
    expect(contents(dist)).toEqual(whole('next'));
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

describe('publishes at once', () => {
  test('one holding the lock is waited for, with its pid named; the last to finish is dist/, never a mix', async () => {
    const first = publisher(dist, 'first', 'moved-aside', 'pause');
    await first.says('stopped at moved-aside');
    const second = publisher(dist, 'second');
    await second.says(`Waiting for the build with pid ${first.pid}, which is replacing dist/`);
    // The second has not moved its release into the empty place.
    expect(existsSync(dist)).toBe(false);
    expect(contents(releaseFolders(dist, second.pid).staging)).toEqual(whole('second'));

    first.process.stdin!.end('\n');
    expect(await first.ended).toEqual({ code: 0, signal: null });
    expect(await second.ended).toEqual({ code: 0, signal: null });
    expect(second.output().match(/Waiting/g)).toHaveLength(1);
    expect(contents(dist)).toEqual(whole('second'));
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a wait for a lock that is never released ends in an error naming its holder, dist/ untouched', async () => {
    const holder = publisher(dist, 'held', 'locked', 'pause');
    await holder.says('stopped at locked');
    const waiting = publisher(dist, 'waiting', '', '', '500');
    expect(await waiting.ended).toEqual({ code: 2, signal: null });
    expect(waiting.output()).toContain(`Waited 0.5 s for the build with pid ${holder.pid}, which still holds ${dist}.lock.`);
    expect(contents(dist)).toEqual(whole('old'));

    holder.process.stdin!.end('\n');
    expect(await holder.ended).toEqual({ code: 0, signal: null });
    expect(contents(dist)).toEqual(whole('held'));
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('four started together each publish whole: dist/ is one of them', async () => {
    const releases = ['a', 'b', 'c', 'd'];
    const all = releases.map((release) => publisher(dist, release));
    for (const one of all) expect(await one.ended, one.output()).toEqual({ code: 0, signal: null });
    expect(releases.map(whole)).toContainEqual(contents(dist));
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

test("the next start removes a dead build's folders but never a running one's", async () => {
  const running = publisher(dist, 'running', 'built', 'pause');
  await running.says('stopped at built');
  const killed = publisher(dist, 'killed', 'moved-in', 'kill');
  await killed.ended;
  expect(readdirSync(root).sort()).toEqual(['dist', 'dist.lock', `dist.${killed.pid}.previous`, `dist.${killed.pid}.staging`, `dist.${running.pid}.staging`].sort());

  nextStart();
  expect(readdirSync(root).sort()).toEqual(['dist', `dist.${running.pid}.staging`]);
  expect(contents(dist)).toEqual(whole('killed'));
  expect(contents(releaseFolders(dist, running.pid).staging)).toEqual(whole('running'));

  running.process.stdin!.end('\n');
  expect(await running.ended).toEqual({ code: 0, signal: null });
  expect(contents(dist)).toEqual(whole('running'));
  expect(readdirSync(root)).toEqual(['dist']);
});

test('npm run build killed with SIGKILL while Astro renders leaves dist/ as it was; the next build removes its folder', { timeout: 300_000 }, async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PDF_EXPORT: 'off', BUILD_LOG_LEVEL: 'info', NO_COLOR: '1' };
  for (const name of ['FORCE_COLOR', 'NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST', 'BASE_PATH', 'GUIDE_TRUSTS', 'GUIDE_PRODUCTION', 'GUIDE_TRUST_TOKENS', 'GUIDE_TRUST_FOLDERS']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];

  const build = run(process.execPath, ['scripts/build.ts', '--out', dist], { cwd: projectRoot, env });
  // Astro's line for a page it has written: the build is halfway through rendering.
  await build.says(/\.html \(\+[\d.]+m?s\)/);
  build.process.kill('SIGKILL');
  expect(await build.ended).toEqual({ code: null, signal: 'SIGKILL' });
  expect(contents(dist)).toEqual(whole('old'));
  expect(readdirSync(root).sort()).toEqual(['dist', `dist.${build.pid}.staging`]);
  expect(Object.keys(contents(releaseFolders(dist, build.pid).staging)).some((file) => file.endsWith('.html'))).toBe(true);

  // The next build (one that stops early, on a trust that does not exist) cleans up first.
  const next = spawnSync(process.execPath, ['scripts/build.ts', '--out', dist, '--trust', 'no-such-trust'], { cwd: projectRoot, env, encoding: 'utf8' });
  expect(next.status, next.stderr).toBe(1);
  expect(next.stderr).toContain(`✖ Build failed: ${dist} was left as it was.`);
  expect(readdirSync(root)).toEqual(['dist']);
  expect(contents(dist)).toEqual(whole('old'));
});
