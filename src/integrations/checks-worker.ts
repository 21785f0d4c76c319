/**
 * The build's content checks, in a worker thread beside Astro's build: the source checks
 * run while Astro compiles the pages, and the built pages are parsed while the search
 * index and the PDFs are made. Astro's build keeps one core busy; this uses another.
 *
 * Started by the checks integration (checks.ts) with `workerData: { root, options }`.
 * It posts the source problems as soon as they are known, then answers, in order:
 *   { kind: 'read', dir }        parse the built HTML pages (no answer)
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

export type ToChecker = { kind: 'read'; dir: string } | { kind: 'check'; dir: string; base: string };
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
    return source;
  },
  (error: unknown) => {
    crashed(error);
    return undefined;
  },
);

async function handle(source: SourceCheckResult, message: ToChecker): Promise<void> {
  if (message.kind === 'read') {
    read = readBuiltPages(message.dir);
    return;
  }
  const problems = await runBuiltChecks(source.project, message.dir, { base: message.base }, source.problems, read);
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
