/**
 * How the compile's plugins report a problem: a message on the page's VFile with its
 * place in the source, its rule (`html/script`) and `source: 'guide'`. The checks turn
 * these into report lines (checks/project.ts); Astro's compile stops on them (plugins.ts).
 */
import type { VFile } from 'vfile';
import { LineIndex } from './source-text.ts';

export const MESSAGE_SOURCE = 'guide';

export type Report = (offset: number, rule: string, message: string) => void;

/** Reports at character offsets of the page's source text; every report is an error. */
export function reporter(file: VFile, text: string): Report {
  const lines = new LineIndex(file.path ?? 'page.mdx', text);
  return (offset, rule, message) => {
    const { line, column } = lines.at(offset);
    const reported = file.message(message, { place: { line, column, offset }, ruleId: rule, source: MESSAGE_SOURCE });
    reported.fatal = true;
  };
}

/** The guide's errors on a compiled page, in source order. */
export const guideErrors = (file: VFile) =>
  file.messages.filter((m) => m.source === MESSAGE_SOURCE && m.fatal === true).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
