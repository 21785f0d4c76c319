/**
 * The list of login methods (src/content/methods.yaml), every mistake at its line, and
 * every page's `method:` against it, at the page's line. While the list itself has a
 * mistake, the pages are not held to it: the one mistake is reported once, in the list.
 */
import { METHODS_FILE, readLoginMethods } from '../methods.ts';
import { didYouMean } from '../suggest.ts';
import { problem, type Problem } from './problems.ts';
import { isReadable, yamlPosition, type Project } from './project.ts';

export function checkMethods(project: Project): Problem[] {
  const { methods, problems } = readLoginMethods(project.root);
  if (problems.some((p) => p.severity === 'error')) return problems;
  const ids = methods.map((m) => m.id);
  for (const guide of project.guides) {
    // Unreadable frontmatter is reported as page/frontmatter; a method that is not text, by the frontmatter's own schema.
    if (!guide.frontmatter || !isReadable(guide.frontmatter)) continue;
    const method = guide.data.method;
    if (typeof method !== 'string' || ids.includes(method)) continue;
    problems.push(
      problem(
        yamlPosition(guide.frontmatter, ['method']),
        'frontmatter/field',
        `method "${method}" is not a login method${didYouMean(method, ids)}; the methods are: ${ids.join(', ')} (or leave method out for a task page). A new login method is added to ${METHODS_FILE} first`,
      ),
    );
  }
  return problems;
}
