/**
 * The remark plugins every guide page is compiled with, in order: one list, used by
 * Astro's MDX pipeline (astro.config.mjs) and by `npm run check` (checks/project.ts), so
 * the checks see exactly what the build compiles. The safe profile runs first.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import type { PluggableList } from 'unified';
import type { VFile } from 'vfile';
import { site } from '../site.config.ts';
import { remarkGuide } from './remark-guide.ts';
import { remarkSafeContent } from './remark-safe-content.ts';
import { guideErrors } from './report.ts';
import { relative } from 'node:path';

export const guideRemarkPlugins: PluggableList = [
  // Syntax only (tables, autolinks): it adds to the parser and changes no tree.
  remarkGfm,
  [remarkSafeContent, { hosts: site.linkHosts }],
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
