/**
 * Components named in a page must exist: a misspelt <Screnshot> would otherwise stop
 * the build with a message about JavaScript, not about the page.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { didYouMean } from '../suggest.ts';
import { isComponentName, pageSyntax, walkEstree } from './mdx.ts';
import { problem, type Problem } from './problems.ts';
import type { Project } from './project.ts';

/** Astro's own component, available in every MDX file. */
const BUILT_IN = ['Fragment'];

/** Names a page imports or declares itself (`import X from …`, `export const X = …`). */
function ownNames(tree: Root): Set<string> {
  const names = new Set<string>();
  visit(tree, 'mdxjsEsm', (node) => {
    walkEstree((node.data as { estree?: unknown } | undefined)?.estree, (es) => {
      if (es.type.startsWith('Import') && es.type.endsWith('Specifier')) {
        const local = es.local as { name?: unknown } | undefined;
        if (typeof local?.name === 'string') names.add(local.name);
      } else if (es.type === 'VariableDeclarator' || es.type === 'FunctionDeclaration') {
        const id = es.id as { name?: unknown } | undefined;
        if (typeof id?.name === 'string') names.add(id.name);
      }
    });
  });
  return names;
}

export function checkComponents(project: Project): Problem[] {
  if (project.componentNames.length === 0) return [];
  const known = [...project.componentNames, ...BUILT_IN];
  const problems: Problem[] = [];
  for (const guide of project.guides) {
    if (!guide.tree) continue;
    const own = ownNames(guide.tree);
    for (const element of pageSyntax(guide.tree, guide.text).elements) {
      if (!isComponentName(element.name) || element.name.includes('.')) continue;
      if (known.includes(element.name) || own.has(element.name)) continue;
      problems.push(
        problem(
          guide.lines.at(element.offset),
          'mdx/unknown-component',
          `<${element.name}> is not a component${didYouMean(element.name, known)}; the components are: ${project.componentNames.join(', ')}`,
        ),
      );
    }
  }
  return problems;
}
