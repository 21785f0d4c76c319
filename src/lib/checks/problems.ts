/**
 * Problems found by the checks and how they are reported: one line per problem in
 * source terms (`path:line:col  rule-id  message`), a summary, GitHub Actions
 * annotations and JSON.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the project, with forward slashes: src/content/guides/nb/bankid.mdx */
  file: string;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** e.g. `screenshot/missing` */
  rule: string;
  severity: Severity;
  /** What is wrong and what to do, in the editor's terms. */
  message: string;
}

import type { SourcePosition } from '../../guide/source-text.ts';

export type { SourcePosition };

export function problem(at: SourcePosition, rule: string, message: string, severity: Severity = 'error'): Problem {
  return { file: at.file, line: at.line, column: at.column, rule, severity, message };
}

/** By file, then position, then rule; errors and warnings keep their own order within that. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
  );
}

/**
 * Drops repeated reports of one mistake. By default the same rule, place and message;
 * with `samePlace`, the same rule at the same place whatever the words, for a broken link
 * found by the source check and again in the built page, or in an nb page and in the
 * fallback pages built from it.
 */
export function dedupeProblems(problems: readonly Problem[], options: { samePlace?: boolean } = {}): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.rule}${options.samePlace ? '' : `:${p.message}`}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.rule}  ${p.message}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summarize(problems: readonly Problem[]): { errors: number; warnings: number; files: number; line: string } {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  const files = new Set(errors.map((p) => p.file)).size;
  const warningNote = warnings > 0 ? ` (${plural(warnings, 'warning', 'warnings')})` : '';
  const line =
    errors.length > 0
      ? `✖ ${plural(errors.length, 'problem', 'problems')} in ${plural(files, 'file', 'files')}${warningNote}`
      : `✔ No problems${warningNote}`;
  return { errors: errors.length, warnings, files, line };
}

/**
 * The report editors read: the warnings under their own heading (they do not fail the
 * build), then the problems that stop it, last, so that they are what the terminal shows
 * above the summary line (another one when the report leaves some problems out, as
 * `npm run check -- --changed` does).
 */
export function formatReport(problems: readonly Problem[], summaryLine: string = summarize(problems).line): string {
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error');
  const warnings = sorted.filter((p) => p.severity === 'warning');
  const lines: string[] = [];
  if (warnings.length > 0) {
    lines.push('Warnings (listed for the page owners; they do not stop the build):', ...warnings.map(formatProblem), '');
    if (errors.length > 0) lines.push(`${errors.length === 1 ? 'The problem' : 'The problems'} to fix (the build stops until ${errors.length === 1 ? 'it is' : 'they are'} fixed):`);
  }
  if (errors.length > 0) lines.push(...errors.map(formatProblem), '');
  lines.push(summaryLine);
  return lines.join('\n');
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (s: string) => escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** `::error file=…,line=…,col=…,title=…::message` lines for GitHub Actions annotations. */
export function formatGitHubAnnotations(problems: readonly Problem[]): string {
  return sortProblems(problems)
    .map(
      (p) =>
        `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`,
    )
    .join('\n');
}

export interface JsonReport<T = unknown> {
  summary: { errors: number; warnings: number; files: number };
  problems: Problem[];
  /** Anything else the command reports, e.g. the translation status. */
  extra?: T;
}

export function toJsonReport<T>(problems: readonly Problem[], extra?: T): JsonReport<T> {
  const { errors, warnings, files } = summarize(problems);
  return { summary: { errors, warnings, files }, problems: sortProblems(problems), ...(extra === undefined ? {} : { extra }) };
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');
