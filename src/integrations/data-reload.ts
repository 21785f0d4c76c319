import type { AstroIntegration } from 'astro';
import type { EnvironmentModuleNode, RunnableDevEnvironment, ViteDevServer } from 'vite';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHODS_FILE } from '../lib/methods.ts';
import { TRUSTS_DIR } from '../guide/trusts.ts';
import { reloadSiteSettings, SITE_SETTINGS_FILE } from '../lib/site-settings.ts';

/**
 * The modules that read the editors' data files (fs, not import) and keep what they read:
 * the list of login methods, the trusts, the trust the preview shows. Loaded again, with
 * every module that imports them (the page list in src/lib/guides.ts among them), when a
 * data file changes.
 */
const READERS = ['src/lib/methods.ts', 'src/guide/trusts.ts', 'src/guide/trust-values.ts'];

/**
 * The site settings: a module of the pages, which Vite loads again itself when it changes.
 * The MDX compile's rules (linkHosts) and the checks read it too, in Astro's own process,
 * where Node keeps the module: reloadSiteSettings puts the new values in place there, and
 * the pages are compiled again with them.
 */
const SITE_SETTINGS = SITE_SETTINGS_FILE;

/** The guide pages, compiled with the site settings' rules (linkHosts). */
const isGuidePage = (root: string, file: string) => file.startsWith(`${join(root, 'src/content/guides')}/`) && file.endsWith('.mdx');

/** Which data a changed file holds, in the words of the line the terminal shows; undefined for any other file. */
function dataOf(root: string, path: string): string | undefined {
  const file = relative(root, path).split('\\').join('/');
  if (file === METHODS_FILE) return `the login methods (${file})`;
  if (file.startsWith(`${TRUSTS_DIR}/`) && file.endsWith('.yaml')) return `the trusts (${file})`;
  return undefined;
}

/**
 * Marks the readers, the modules of the files `also` picks, and their importers as changed
 * in every server-side environment, so that the next page load runs them again on the files
 * as they are now; then reloads the open pages. Astro's own HMR does the same for a changed module (vite-plugin-hmr-reload).
 */
function reloadReaders(server: ViteDevServer, root: string, also: (file: string) => boolean = () => false): void {
  const files = READERS.map((file) => join(root, file));
  const timestamp = Date.now();
  for (const environment of Object.values(server.environments)) {
    if (environment.name === 'client') continue;
    const invalidated = new Set<EnvironmentModuleNode>();
    const modules = [
      ...files.flatMap((file) => [...(environment.moduleGraph.getModulesByFile(file) ?? [])]),
      ...[...environment.moduleGraph.idToModuleMap.values()].filter((module) => module.file && also(module.file)),
    ];
    for (const module of modules) environment.moduleGraph.invalidateModule(module, invalidated, timestamp, true);
    // A runnable environment keeps the modules it has run: they run again on their next import.
    const runner = (environment as Partial<RunnableDevEnvironment>).runner;
    for (const module of invalidated) {
      const evaluated = module.id ? runner?.evaluatedModules.getModuleById(module.id) : undefined;
      if (evaluated) runner!.evaluatedModules.invalidateModule(evaluated);
    }
  }
  server.environments.client.hot.send({ type: 'full-reload', path: '*' });
}

/**
 * `npm run dev` follows the editors' data as it changes, without a restart: the list of
 * login methods (src/content/methods.yaml), the trusts (src/trusts/*.yaml) and the site
 * settings (src/site.config.ts: what pages show, the hosts they may link to, the review
 * period) are read again, and the next page load and the checks use them. The terminal
 * says so in a line.
 */
export function dataReload(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'guide:data-reload',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server, logger }) => {
        // Vitest starts a Vite server from Astro's config (vitest.config.ts): it is no preview.
        if (process.env.VITEST) return;
        server.watcher.add([join(root, METHODS_FILE), join(root, TRUSTS_DIR)]);
        const changed = new Set<string>();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onFile = (path: string) => {
          if (path === join(root, SITE_SETTINGS) && existsSync(path)) {
            reloadSiteSettings(root).then(
              ({ changed, needsRestart }) => {
                // The pages are compiled again: a link to a host just added (or removed) is judged anew.
                if (changed.includes('linkHosts')) reloadReaders(server, root, (file) => isGuidePage(root, file));
                logger.info(
                  `reloaded the site settings (${SITE_SETTINGS})${changed.length > 0 ? `, ${changed.join(', ')} changed` : ''}: the next page load and the checks use them`,
                );
                if (needsRestart.length > 0) {
                  logger.warn(`${SITE_SETTINGS}: ${needsRestart.join(', ')} (the names <Setting name="…"> accepts) changed, which the page checks take in when npm run dev is started again`);
                }
              },
              (error: Error) => logger.error(`${SITE_SETTINGS} could not be loaded, so the settings are as they were: ${error.message}`),
            );
            return;
          }
          const data = dataOf(root, path);
          if (!data) return;
          changed.add(data);
          // An editor's save can be several events: one reload for them.
          clearTimeout(timer);
          timer = setTimeout(() => {
            reloadReaders(server, root);
            logger.info(`reloaded ${[...changed].join(' and ')}: the next page load uses them`);
            changed.clear();
          }, 100);
        };
        for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, onFile);
      },
    },
  };
}
