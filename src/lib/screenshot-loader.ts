/**
 * The screenshots collection's loader (src/content.config.ts). A file with a mistake is
 * left out of the collection, never a crash of `npm run dev`: the checks print its problems
 * at their lines, in the words `npm run check` uses, a page that shows it names them too
 * (<Screenshot>), and the file is loaded again once it is put right. (`npm run build` never
 * gets this far: its checks stop it first.)
 */
import type { Loader } from 'astro/loaders';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isReadable, parseYaml } from '../guide/yaml-source.ts';
import { LineIndex } from '../guide/source-text.ts';
import { screenshotFileProblems } from './checks/fields.ts';
import type { Problem } from './checks/problems.ts';
import { SCREENSHOT_DATA_DIR } from './checks/project.ts';

/** A screenshot file as the loader reads it: its text and value, or the problems that keep it out. */
export interface ScreenshotFileRead {
  /** Relative to the project, e.g. src/content/screenshots/velg-buypass-id.yaml */
  file: string;
  text: string;
  data?: Record<string, unknown>;
  problems: Problem[];
}

/** Reads src/content/screenshots/<name>.yaml; undefined when there is no such file. */
export function readScreenshotFile(root: string, name: string): ScreenshotFileRead | undefined {
  const file = `${SCREENSHOT_DATA_DIR}/${name}.yaml`;
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const problems: Problem[] = [];
  const yaml = parseYaml(text, 0, new LineIndex(file, text), 'screenshot/invalid-data', 'this file', problems);
  if (isReadable(yaml)) {
    const value = yaml.doc.toJS({ maxAliasCount: 0 }) as unknown;
    const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    problems.push(...screenshotFileProblems(yaml, data));
    if (!problems.some((p) => p.severity === 'error')) return { file, text, data, problems };
  }
  return { file, text, problems: problems.filter((p) => p.severity === 'error') };
}

/**
 * Each src/content/screenshots/<name>.yaml read with the guide's own YAML reader
 * (src/guide/yaml-source.ts), as `npm run check` reads it, not with Astro's glob loader,
 * which stops the dev server on a key written twice: one entry per readable file, its id
 * the file's name.
 */
export function screenshotLoader(): Loader {
  return {
    name: 'guide:screenshots',
    load: async ({ config, store, parseData, generateDigest, watcher, logger }) => {
      const root = fileURLToPath(config.root);
      const dir = join(root, SCREENSHOT_DATA_DIR);

      const load = async (name: string) => {
        const read = readScreenshotFile(root, name);
        if (!read?.data) {
          // Its problems are the checks' to print, at their lines: Astro's words would only repeat them.
          store.delete(name);
          return;
        }
        const digest = generateDigest(read.text);
        if (store.get(name)?.digest === digest) return;
        try {
          const data = await parseData({ id: name, data: read.data, filePath: join(root, read.file) });
          store.set({ id: name, data, digest, filePath: read.file });
        } catch (error) {
          // The checks read the file with the same schema; should they ever differ, a line, not a crash.
          store.delete(name);
          logger.error(`${read.file}: ${(error as Error).message}`);
        }
      };

      const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)) : [];
      for (const id of store.keys()) if (!names.includes(id)) store.delete(id);
      for (const name of names) await load(name);

      if (!watcher) return;
      watcher.add(dir);
      const nameOf = (path: string) => (path.startsWith(`${dir}/`) && path.endsWith('.yaml') && !path.slice(dir.length + 1).includes('/') ? path.slice(dir.length + 1, -'.yaml'.length) : undefined);
      for (const event of ['add', 'change', 'unlink'] as const) {
        watcher.on(event, (path: string) => {
          const name = nameOf(path);
          if (name !== undefined) void load(name);
        });
      }
    },
  };
}

