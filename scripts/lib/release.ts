/**
 * Releasing a built site into its folder (dist/ or --out), so that a reader of that folder
 * only ever finds a whole release, whatever happens to the builds:
 *
 *   <dist>.<pid>.staging/            one build process's own folder: its new site is built in
 *     <dist>.staging/                  here (the name the build's checks recognise), with the
 *                                      --all-trusts renders and the lock's scratch files beside it
 *   <dist>.<pid>.previous/           the last release, moved aside for the moment of the swap
 *   <dist>.lock                      the swap's lock: the owner's pid, start time and a token
 *
 * Builds run side by side, each in its own folder; only the swap (two renames, milliseconds)
 * and the recovery run under the lock, so the last build to finish is what dist/ holds.
 * Nothing here depends on a cleanup handler: a build killed at any moment (SIGKILL too)
 * leaves either dist/ whole or its last release in <dist>.<pid>.previous, which the next
 * build's recover() puts back; folders of processes that are gone are removed then.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The folders and files one build process uses for the site at `dist` (an absolute path). */
export interface ReleaseFolders {
  /** This process's own folder, beside dist: everything it makes goes in here. */
  work: string;
  /** Where the new site is built: `<work>/<dist's name>.staging`. */
  staging: string;
  /** Where dist/ waits during the swap, until the new site is in place. */
  previous: string;
  /** The lock the swap and the recovery run under. */
  lock: string;
}

export function releaseFolders(dist: string, pid = process.pid): ReleaseFolders {
  const work = `${dist}.${pid}.staging`;
  return { work, staging: join(work, `${basename(dist)}.staging`), previous: `${dist}.${pid}.previous`, lock: `${dist}.lock` };
}

/** The state field and start time (clock ticks after boot) of a process, where /proc tells them. */
function processStat(pid: number): { state: string; started: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (command) state ppid …: the command may hold spaces and parentheses, so count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', started: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * Whether process `pid` is still running. With `started` (from a lock file), a process that
 * got the same pid later is not the one that wrote it. Zombies (killed, not yet collected by
 * their parent) count as gone.
 */
function isRunning(pid: number, started?: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = processStat(pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return started === undefined || stat.started === started;
}

/** What a lock file says. */
interface Owner {
  pid: number;
  started?: string;
  token: string;
}

/** The lock file's text and its owner; undefined when there is no lock file; no owner when it is not one of ours. */
function readLock(lock: string): { text: string; owner?: Owner } | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Owner;
    if (Number.isSafeInteger(owner.pid) && owner.pid > 0 && typeof owner.token === 'string') return { text, owner };
  } catch {
    // Not JSON: not written by acquireLock.
  }
  return { text };
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Removes the lock file that still reads `stale` (its owner is gone). It is first renamed
 * aside, so that of two processes taking it over at once only one removes it; the other,
 * finding it moved a newer owner's lock, links that one straight back.
 */
function takeOver(lock: string, stale: string, aside: string): void {
  try {
    renameSync(lock, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== stale) {
    try {
      linkSync(aside, lock);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  rmSync(aside, { force: true });
}

export interface LockOptions {
  /** How long to wait for a running build that holds the lock (default two minutes). */
  timeoutMs?: number;
  /** Where the line saying which build is waited for goes (default console.log). */
  log?: (line: string) => void;
}

export interface Lock {
  /** Removes the lock file, if it is still this holder's, and the own folder if the lock made it and it is empty. */
  release(): void;
}

/**
 * Takes the lock on `dist`: creates `<dist>.lock` exclusively (a hard link of a file already
 * written, so it is never seen half written), holding this process's pid, start time and a
 * token. A lock whose owner is gone is taken over; a running owner is waited for, with one
 * line saying which pid, and after `timeoutMs` the wait ends in an error. Not re-entrant:
 * a lock that names this process is taken as left by an earlier process with the same pid.
 */
export function acquireLock(dist: string, options: LockOptions = {}): Lock {
  const { timeoutMs = 120_000, log = console.log } = options;
  const { work, lock } = releaseFolders(dist);
  // Made here, the own folder goes again with the lock, unless something was put in it meanwhile.
  const made = mkdirSync(work, { recursive: true }) !== undefined;
  const tidy = () => {
    if (made) removeIfEmpty(work);
  };
  const text = `${JSON.stringify({ pid: process.pid, started: processStat(process.pid)?.started, token: randomUUID() } satisfies Owner)}\n`;
  const written = join(work, 'lock.new');
  writeFileSync(written, text);
  const deadline = Date.now() + timeoutMs;
  let waitingFor: number | undefined;
  try {
    for (;;) {
      try {
        linkSync(written, lock);
        return {
          release: () => {
            releaseLock(lock, text);
            tidy();
          },
        };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const current = readLock(lock);
      if (!current) continue;
      const { owner } = current;
      if (!owner || owner.pid === process.pid || !isRunning(owner.pid, owner.started)) {
        takeOver(lock, current.text, join(work, 'lock.stale'));
        continue;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `Waited ${timeoutMs / 1000} s for the build with pid ${owner.pid}, which still holds ${lock}. ` +
            `If that process is no build of this site, remove ${lock} and build again.`,
        );
      }
      if (waitingFor !== owner.pid) log(`Waiting for the build with pid ${owner.pid}, which is replacing ${basename(dist)}/ (it holds ${lock})…`);
      waitingFor = owner.pid;
      sleep(100);
    }
  } catch (error) {
    rmSync(written, { force: true });
    tidy();
    throw error;
  } finally {
    rmSync(written, { force: true });
  }
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch (error) {
    if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'ENOENT') throw error;
  }
}

function releaseLock(lock: string, text: string): void {
  if (readLock(lock)?.text === text) rmSync(lock, { force: true });
}

/** Runs `task` under the lock on `dist`. */
export function withLock<T>(dist: string, task: () => T, options: LockOptions = {}): T {
  const lock = acquireLock(dist, options);
  try {
    return task();
  } finally {
    lock.release();
  }
}

export interface Recovery {
  /** The folder dist was put back from, when it was missing. */
  restored?: string;
  /** The folders of processes that are gone, removed. */
  removed: string[];
}

/**
 * Repairs what builds that were killed left beside `dist`; call it under the lock. When dist
 * is missing (a build was killed between its two renames), the last release it had moved
 * aside is renamed back, and one line says so. The folders of processes that are gone are
 * removed; a running process's are never touched (nor those of a dead build whose pid a
 * running process has since been given, until that one ends). This process's own folder is
 * kept, and a <dist>.<pid>.previous with this pid can only be left by an earlier process.
 */
export function recover(dist: string, log: (line: string) => void = console.log): Recovery {
  const name = basename(dist);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}\\.(\\d+)\\.(staging|previous)$`);
  const left: { path: string; pid: number; kind: string }[] = [];
  for (const entry of readdirSync(dirname(dist))) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    const kind = match[2]!;
    const gone = pid === process.pid ? kind === 'previous' : !isRunning(pid);
    if (gone) left.push({ path: join(dirname(dist), entry), pid, kind });
  }
  const recovery: Recovery = { removed: [] };
  if (!existsSync(dist)) {
    // Normally there is one; were there more, the one moved aside last.
    const [last] = left.filter((f) => f.kind === 'previous').sort((a, b) => statSync(b.path).ctimeMs - statSync(a.path).ctimeMs);
    if (last) {
      renameSync(last.path, dist);
      recovery.restored = last.path;
      log(`Restored ${name}/ from ${basename(last.path)}: the build with pid ${last.pid} was stopped while replacing it.`);
    }
  }
  for (const folder of left) {
    if (folder.path === recovery.restored) continue;
    rmSync(folder.path, { recursive: true, force: true });
    recovery.removed.push(folder.path);
  }
  return recovery;
}

/** The moments of publish(), in order; a test can stop the process at each. */
export type PublishStep = 'locked' | 'moved-aside' | 'moved-in' | 'unlocked';

export interface PublishOptions extends LockOptions {
  /** Called at each step, in the process that publishes; for tests that stop it there. */
  onStep?: (step: PublishStep) => void;
}

/**
 * Replaces `dist` with this process's staging folder. Under the lock: recover() first (a
 * killed build's swap is finished or undone), then dist → <dist>.<pid>.previous ('moved-aside'),
 * staging → dist ('moved-in'), and the previous release into this process's own folder, so
 * that no half-removed copy is ever taken for a release. After the lock ('unlocked'), the
 * own folder is removed. On an error, dist is put back as it was.
 */
export function publish(dist: string, options: PublishOptions = {}): void {
  const { work, staging, previous } = releaseFolders(dist);
  const step = options.onStep ?? (() => {});
  if (!existsSync(staging)) throw new Error(`Nothing to publish: ${staging} is missing.`);
  const lock = acquireLock(dist, options);
  try {
    step('locked');
    recover(dist, options.log);
    const replacing = existsSync(dist);
    if (replacing) {
      renameSync(dist, previous);
      step('moved-aside');
    }
    try {
      renameSync(staging, dist);
    } catch (error) {
      if (replacing) renameSync(previous, dist);
      throw error;
    }
    step('moved-in');
    if (replacing) renameSync(previous, join(work, 'previous'));
  } finally {
    lock.release();
  }
  step('unlocked');
  rmSync(work, { recursive: true, force: true });
}
