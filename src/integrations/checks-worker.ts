/**
 * The build's content checks, in a worker thread: the source checks run while Astro's
 * build starts up (it waits for them before it renders anything), and the built pages
 * are parsed and scanned as soon as they are written.
 *
 * Started by the checks integration (checks.ts) with `workerData: { root, options }`.
 * It posts the source problems as soon as they are known, then answers, in order:
 *   { kind: 'read', dir, base }  parse and scan the built HTML pages (no answer)
 *   { kind: 'check', dir, base } check links and fragments → { kind: 'built', problems }
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  readBuiltPages,
  runBuiltChecks,
  runSourceChecks,
  type BuiltPages,
  type Problem,
  type SourceCheckOptions,
  type SourceCheckResult,
} from '../lib/checks/index.ts';

export type ToChecker = { kind: 'read'; dir: string; base: string } | { kind: 'check'; dir: string; base: string; offered: string[]; trust: string };
export type FromChecker =
  | { kind: 'source'; problems: Problem[] }
  | { kind: 'built'; problems: Problem[] }
  | { kind: 'crashed'; message: string };

export interface CheckerData {
  root: string;
  options: SourceCheckOptions;
}

const port = parentPort!;
const { root, options } = workerData as CheckerData;
const post = (message: FromChecker) => port.postMessage(message);
const crashed = (error: unknown) => post({ kind: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });

let read: BuiltPages | undefined;

// Messages are handled one after another, once the source checks are done.
let queue: Promise<SourceCheckResult | undefined> = runSourceChecks(root, options).then(
  (source) => {
    post({ kind: 'source', problems: source.problems });
    // The built-site checks look places up in each page's record and text, never in its
    // syntax tree: the trees go now, and the built pages read next take their room instead
    // of adding to it (about 0.2 GB less at the peak of a build of 1000 pages per locale).
    for (const guide of source.project.guides) delete guide.tree;
    return source;
  },
  (error: unknown) => {
    crashed(error);
    return undefined;
  },
);

async function handle(source: SourceCheckResult, message: ToChecker): Promise<void> {
  if (message.kind === 'read') {
    read = readBuiltPages(message.dir, message.base);
    return;
  }
  const problems = await runBuiltChecks(source.project, message.dir, { base: message.base, offered: message.offered, trust: message.trust }, source.problems, read);
  read = undefined;
  post({ kind: 'built', problems });
}

port.on('message', (message: ToChecker) => {
  queue = queue.then(async (source) => {
    if (!source) return undefined;
    try {
      await handle(source, message);
      return source;
    } catch (error) {
      crashed(error);
      return undefined;
    }
  });
});
