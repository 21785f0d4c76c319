/**
 * Raw HTML that could run code or escape the site's styles in a page written by an
 * editor: <script>, <iframe> and other embeds, <style> and inline styles, inline event
 * handlers, `set:html`, and `javascript:` URLs. The site's Content-Security-Policy
 * allows none of these; a component is the way to add behaviour.
 */
import { pageSyntax } from './mdx.ts';
import { problem, type Problem } from './problems.ts';
import type { Project } from './project.ts';

const EMBEDS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal']);

/** The scheme a browser would see: it ignores control characters, spaces and tabs/newlines inside it. */
export function scriptScheme(url: string): string | undefined {
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (cleaned.startsWith('javascript:')) return 'javascript:';
  if (cleaned.startsWith('vbscript:')) return 'vbscript:';
  if (cleaned.startsWith('data:text/html') || cleaned.startsWith('data:image/svg')) return 'data:';
  return undefined;
}

export function checkUnsafeHtml(project: Project): Problem[] {
  const problems: Problem[] = [];
  for (const guide of project.guides) {
    if (!guide.tree) continue;
    const at = (offset: number) => guide.lines.at(offset);
    const { elements, links } = pageSyntax(guide.tree, guide.text);
    for (const element of elements) {
      const tag = element.name.toLowerCase();
      if (tag === 'script') {
        problems.push(problem(at(element.offset), 'html/script', '<script> is not allowed in a page: pages run no code of their own; ask a developer for a component'));
      } else if (EMBEDS.has(tag)) {
        problems.push(
          problem(at(element.offset), 'html/iframe', `<${element.name}> is not allowed in a page: embedded content is not allowed; link to it instead`),
        );
      } else if (tag === 'style') {
        problems.push(problem(at(element.offset), 'html/style', '<style> is not allowed in a page: the look comes from the site\'s stylesheet; ask a developer'));
      }
      for (const attribute of element.attributes) {
        if (/^on[a-z]/i.test(attribute.name)) {
          problems.push(
            problem(at(attribute.offset), 'html/event-handler', `${attribute.name} is an inline event handler: pages run no code of their own; remove it`),
          );
        } else if (attribute.name === 'style' && !element.name.includes('.')) {
          problems.push(problem(at(attribute.offset), 'html/style', 'style="…" is not allowed in a page: the look comes from the site\'s stylesheet; remove it'));
        } else if (attribute.name === 'set:html' || attribute.name === 'dangerouslySetInnerHTML') {
          problems.push(problem(at(attribute.offset), 'html/raw-html', `${attribute.name} inserts HTML that nothing checks: write the content in the page instead`));
        }
      }
    }
    for (const link of links) {
      const scheme = scriptScheme(link.url);
      if (scheme) {
        problems.push(problem(at(link.offset), 'html/javascript-url', `a ${scheme} address runs code when clicked: link to a page (/…) or a web address (https://…) instead`));
      }
    }
  }
  return problems;
}
