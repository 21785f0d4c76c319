/**
 * Pages' frontmatter and screenshot files against the same schemas the content loader
 * uses (src/lib/schemas.ts), each mistake reported at its field's line, before anything
 * is built. The loader would stop the build too, but names only the file, one at a time.
 */
import type { z } from 'astro/zod';
import { guideFrontmatter, meantField, screenshotData } from '../schemas.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import { yamlKeyPosition } from '../../guide/yaml-source.ts';
import { isReadable, yamlPosition, type Project, type YamlSource } from './project.ts';

type Path = (string | number)[];

/**
 * One problem per schema issue, at the field it is about; an unknown field at that field,
 * and a misspelt one (closedObject in schemas.ts) as one line at it, whose value's issues
 * are at it too. `skip` leaves out issues another rule reports better.
 */
function fieldProblems(
  schema: z.ZodType,
  data: unknown,
  source: YamlSource | undefined,
  fallback: SourcePosition,
  rule: string,
  skip: (path: Path, code: string) => boolean = () => false,
): Problem[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  const problems: Problem[] = [];
  const plain = (path: readonly PropertyKey[]): Path => path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  // A misspelt key's value is checked as the field it was meant to be: its issues are at the key as written.
  const writtenAs = new Map<string, string>();
  for (const issue of result.error.issues) {
    const meant = meantField(issue);
    if (meant && issue.code === 'unrecognized_keys') writtenAs.set(JSON.stringify([...plain(issue.path), meant]), issue.keys[0]!);
  }
  const asWritten = (path: Path): Path => path.map((key, i) => writtenAs.get(JSON.stringify(path.slice(0, i + 1))) ?? key);
  for (const issue of result.error.issues) {
    const base = plain(issue.path);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      // `skip` judges by the field meant (another rule reads a misspelt field as meant too); the line is where it is written.
      const path = key === undefined ? base : [...base, key];
      if (skip(path, issue.code)) continue;
      const at = source ? (key === undefined ? yamlPosition : yamlKeyPosition)(source, asWritten(path)) : fallback;
      // Several unknown fields come in one message; each gets its own line, at its own key.
      const message =
        key === undefined
          ? issue.message
          : (issue.message.split(/; (?=unknown field ")/).find((part) => part.startsWith(`unknown field "${key}"`)) ?? issue.message);
      problems.push(problem(at, rule, message));
    }
  }
  // In the order they are written: zod lists a misspelt field's line before the others.
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

export function checkFrontmatter(project: Project): Problem[] {
  const problems: Problem[] = [];
  for (const guide of project.guides) {
    // Unreadable YAML is reported as page/frontmatter already; its values would mislead here.
    if (guide.frontmatter && !isReadable(guide.frontmatter)) continue;
    const found = fieldProblems(guideFrontmatter, guide.data, guide.frontmatter, { file: guide.file, line: 1, column: 1 }, 'frontmatter/field');
    const fix = guide.frontmatter ? '' : ' (the page has no frontmatter: start the file with ---, the fields, and ---)';
    problems.push(...found.map((p) => ({ ...p, message: `${p.message}${fix}` })));
  }
  return problems;
}

/** Screenshot files' fields; alt texts and boxes have their own rules (screenshot/alt, screenshot/invalid-data). */
export function checkScreenshotFields(project: Project): Problem[] {
  const problems: Problem[] = [];
  for (const data of project.screenshotData.values()) {
    if (!isReadable(data.yaml)) continue;
    // Missing or empty alt texts and malformed boxes have their own rules; unknown fields never do.
    const ownRule = (path: Path, code: string) =>
      code !== 'unrecognized_keys' && ((path[0] === 'alt' && path.length <= 2) || (path[0] === 'regions' && path[2] === 'box'));
    problems.push(...fieldProblems(screenshotData, data.data, data.yaml, data.yaml.lines.start(), 'screenshot/field', ownRule));
  }
  return problems;
}

/**
 * Every problem of one screenshot file's fields, alt texts and boxes included, at their
 * lines: what keeps the content loader from loading it (src/lib/screenshot-loader.ts).
 */
export function screenshotFileProblems(yaml: YamlSource, data: unknown): Problem[] {
  return fieldProblems(screenshotData, data, yaml, yaml.lines.start(), 'screenshot/field');
}
