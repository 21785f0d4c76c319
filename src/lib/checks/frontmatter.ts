/**
 * Each page's frontmatter against the same schema the content loader uses
 * (src/lib/schemas.ts), reported at the field's line, before anything is built. The
 * loader would stop the build too, but names only the page, one page at a time.
 */
import { guideFrontmatter } from '../schemas.ts';
import { problem, type Problem } from './problems.ts';
import { yamlPosition, type Project } from './project.ts';

const DATE_SHAPED = /^\d{4}-\d{2}-\d{2}$/;

export function checkFrontmatter(project: Project): Problem[] {
  const problems: Problem[] = [];
  for (const guide of project.guides) {
    // Unreadable YAML is reported as page/frontmatter already; its values would mislead here.
    if (guide.frontmatter && guide.frontmatter.doc.errors.length > 0) continue;
    const data: Record<string, unknown> = { ...guide.data };
    // The loader reads YYYY-MM-DD as a date; this parser keeps it as text. Whether the day
    // exists is the frontmatter/date rule's to say, so any date-shaped value passes here.
    if (typeof data.lastReviewed === 'string' && DATE_SHAPED.test(data.lastReviewed.trim())) data.lastReviewed = new Date(0);
    const result = guideFrontmatter.safeParse(data);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const path = key === undefined ? issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) : [key];
        const at = guide.frontmatter ? yamlPosition(guide.frontmatter, path) : { file: guide.file, line: 1, column: 1 };
        const message =
          key === undefined
            ? issue.message
            : // One line per unknown field, each at its own key: "unknown field "x" (did you mean …); the fields are: …".
              (issue.message.split(/; (?=unknown field ")/).find((part) => part.startsWith(`unknown field "${key}"`)) ?? issue.message);
        const fix = guide.frontmatter ? '' : ' (the page has no frontmatter: start it with --- and the fields, then ---)';
        problems.push(problem(at, 'frontmatter/field', `${message}${fix}`));
      }
    }
  }
  return problems;
}
