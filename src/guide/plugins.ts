/**
 * The remark plugins every guide page is compiled with, in order: one list, used by
 * Astro's MDX pipeline (astro.config.mjs) and by `npm run check` (checks/project.ts), so
 * the checks see exactly what the build compiles. The safe profile runs first.
 */
import type { Root } from 'mdast';
import { createProcessor } from '@mdx-js/mdx';
import { relative } from 'node:path';
import remarkGfm from 'remark-gfm';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { site } from '../site.config.ts';
import { remarkGuide } from './remark-guide.ts';
import { remarkSafeContent } from './remark-safe-content.ts';
import { remarkTypography } from './typography.ts';
import { guideErrors } from './report.ts';

/** A remark plugin as Astro's markdown options type it: a transformer of mdast roots. */
type RemarkPlugin = Plugin<any[], Root>;

export const guideRemarkPlugins: (RemarkPlugin | [RemarkPlugin, unknown])[] = [
  // Syntax only (tables, autolinks): it adds to the parser and changes no tree.
  remarkGfm as RemarkPlugin,
  // Read on every compile: the dev server puts new site settings in place (src/lib/site-settings.ts).
  [remarkSafeContent, { get hosts() { return site.linkHosts; } }],
  remarkGuide,
];

/**
 * Last in Astro's list: stops the compile of a page that broke a rule, with every
 * problem at its line, before MDX turns any of it into JavaScript. (`npm run build` has
 * reported them already, with the rest of the checks; this guards a plain `astro build`.)
 */
export function remarkStopOnProblems() {
  return (_tree: Root, file: VFile) => {
    const errors = guideErrors(file);
    if (errors.length === 0) return;
    const shown = file.path ? relative(file.cwd, file.path) : 'page.mdx';
    const lines = errors.map((m) => `${shown}:${m.line}:${m.column}  ${m.ruleId}  ${m.reason}`);
    throw new Error(`${shown} breaks the guide's content rules:\n${lines.join('\n')}`);
  };
}

/**
 * Astro's list (astro.config.mjs): the guide's plugins, the stop, then typographic quotes,
 * apostrophes, dashes and ellipses in the page's language (typography.ts).
 */
export const astroRemarkPlugins: (RemarkPlugin | [RemarkPlugin, unknown])[] = [
  ...guideRemarkPlugins,
  remarkStopOnProblems as RemarkPlugin,
  remarkTypography as RemarkPlugin,
];

/**
 * Last in the checks' list: the rest of the compile (HTML, then JavaScript) gets an empty
 * page. Every rule is in the Markdown stage, and what comes after it fails on nothing the
 * safe profile lets through; the build compiles the page in full. A quarter to half of a
 * page's compile time, saved on every check.
 */
function remarkEndOfChecks() {
  return (): Root => ({ type: 'root', children: [] });
}

/**
 * The MDX compile as Astro's MDX integration sets it up (@astrojs/markdown-remark's
 * createMdxProcessor: MDX format, Astro's JSX, HTML attribute names), with the guide's
 * plugins and without the stop, up to the end of the Markdown stage: `npm run check`
 * compiles every page with it, keeps the syntax tree as the guide's plugins leave it, and
 * reads the problems from the file's messages. MDX's own step that lifts JSX out of
 * paragraphs runs before the guide's plugins here exactly as in the build.
 */
export function createGuideCompiler() {
  return createProcessor({ format: 'mdx', jsxImportSource: 'astro', elementAttributeNameCase: 'html', remarkPlugins: [...guideRemarkPlugins, remarkEndOfChecks] });
}
