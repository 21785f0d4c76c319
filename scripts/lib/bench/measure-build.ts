/**
 * Runs one build as a child process and measures it: wall time, and peak memory of the
 * whole process tree (the build and everything it starts, such as Pagefind's binary and
 * Chromium), sampled from /proc, next to GNU time's peak of the largest single process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuildMeasurement {
  wallMs: number;
  /** Largest sum of resident memory over the whole process tree, sampled every SAMPLE_MS. */
  peakTreeRssBytes: number;
  /** GNU time's "Maximum resident set size": the largest single process (null without /usr/bin/time). */
  peakProcessRssBytes: number | null;
  /** User + system CPU seconds of the build and its children (null without /usr/bin/time): steadier than wall time on a busy machine. */
  cpuSeconds: number | null;
  /** The command's exit code (always 0 unless `allowFailure`). */
  exitCode: number | null;
  output: string;
}

export const GNU_TIME = '/usr/bin/time';
const SAMPLE_MS = 100;
const PAGE_SIZE = (() => {
  const result = spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' });
  return Number.parseInt(result.stdout, 10) || 4096;
})();

/** The pid and every descendant of it, from /proc/<pid>/task/<tid>/children. */
function processTree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    seen.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) queue.push(...children.split(' ').map(Number));
      } catch {
        // The task ended between the listing and the read.
      }
    }
  }
  return seen;
}

function residentBytes(pid: number): number {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(statm[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** Runs `command` in `cwd`, failing with its output when it exits non-zero (unless `allowFailure`: then the exit code is reported). */
export async function measureBuild(command: string[], cwd: string, env: NodeJS.ProcessEnv, options: { allowFailure?: boolean } = {}): Promise<BuildMeasurement> {
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const withTime = hasGnuTime() ? [GNU_TIME, '-v', '-o', timeFile, ...command] : command;
  const started = performance.now();
  const child = spawn(withTime[0]!, withTime.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peak = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    const total = processTree(child.pid).reduce((sum, pid) => sum + residentBytes(pid), 0);
    if (total > peak) peak = total;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  clearInterval(timer);
  let peakProcessRssBytes: number | null = null;
  let cpuSeconds: number | null = null;
  if (existsSync(timeFile)) {
    const report = readFileSync(timeFile, 'utf8');
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (rss) peakProcessRssBytes = Number(rss[1]) * 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const system = /System time \(seconds\): ([\d.]+)/.exec(report);
    if (user && system) cpuSeconds = Number(user[1]) + Number(system[1]);
    rmSync(timeFile, { force: true });
  }
  if (code !== 0 && !options.allowFailure) {
    throw new Error(`${command.join(' ')} failed in ${cwd} (exit ${code}):\n${output.slice(-4000)}`);
  }
  return { wallMs, peakTreeRssBytes: Math.max(peak, peakProcessRssBytes ?? 0), peakProcessRssBytes, cpuSeconds, exitCode: code, output };
}
