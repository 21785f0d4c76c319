/**
 * The safe MDX profile: a guide page is data, never a program. The first plugin of every
 * guide page's compile, in Astro's MDX pipeline and in `npm run check` alike (see
 * plugins.ts). It reports every breach at its line and column, and takes the offending
 * node out of the tree, so nothing it rejects can become JavaScript:
 *
 * - no import or export;
 * - no expression but a literal prop value (text, number, true/false, lists and objects of
 *   them); an expression holding only a comment is dropped;
 * - only the registered components (components.ts) and the allowlisted plain elements, each
 *   with its own props or attributes, matched case-insensitively; no spread, no event
 *   handler, no style, no directive such as set:html;
 * - addresses normalised, then limited to the site's own paths and https:// on a listed
 *   host; images only from the site (addresses.ts);
 * - no bidirectional-control or zero-width character in text, alt text or values.
 */
import type { Nodes, Parents, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
// remark-mdx's types add the MDX nodes (JSX, expressions, ESM) to mdast's node types.
import type {} from 'remark-mdx';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../lib/suggest.ts';
import { judgeAddress } from './addresses.ts';
import { invisibleInSource } from './characters.ts';
import { componentNames, editorProps, isBuildProp, isComponentName, plainElements, renamedProps } from './components.ts';
import { literalOf } from './literals.ts';
import { reporter, type Report } from './report.ts';

export interface SafeContentOptions {
  /** The hosts pages may link to (linkHosts in src/site.config.ts). */
  hosts: readonly string[];
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** Elements refused with a reason of their own; any other unlisted element gets html/element. */
const REFUSED: Record<string, { rule: string; why: string }> = {
  script: { rule: 'html/script', why: 'pages run no code of their own; ask a developer for a component' },
  style: { rule: 'html/style', why: "the look comes from the site's stylesheet; ask a developer" },
  form: { rule: 'html/form', why: 'a page never asks for input: a form could send what readers type anywhere' },
  meta: { rule: 'html/element', why: "a page's head belongs to the layout" },
  base: { rule: 'html/element', why: 'it would change where every link on the page leads' },
  a: { rule: 'html/element', why: 'write a link in Markdown, [text](/page/) or [text](https://…), so it is checked' },
  img: { rule: 'html/element', why: 'show a screenshot with <Screenshot src="…" />, which has its alt text and marked regions' },
};
for (const embed of ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal']) {
  REFUSED[embed] = { rule: 'html/iframe', why: 'embedded content is not allowed; link to it instead' };
}

/** Where a Markdown destination starts: after `](` or `]:` and any spaces or `<`. */
export function destinationOffset(text: string, node: Nodes, marker: '](' | ']:'): number {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? text.length;
  // A link's text may itself hold "](": the destination follows the last child.
  const children = 'children' in node ? (node.children as Nodes[]) : [];
  const from = children.length > 0 ? (children[children.length - 1]!.position?.end.offset ?? start) : start;
  const at = text.indexOf(marker, from);
  if (at === -1 || at >= end) return start;
  let offset = at + marker.length;
  while (offset < end && /[ \t\r\n<]/.test(text[offset]!)) offset++;
  return offset;
}

/** Where an attribute's value starts: after `name=` and its opening quote or brace. */
export function attributeValueOffset(text: string, attribute: MdxJsxAttribute): number {
  const start = attribute.position?.start.offset ?? 0;
  const end = attribute.position?.end.offset ?? text.length;
  const at = text.slice(start, end).search(/=\s*["'{]/);
  if (at === -1) return start;
  const quote = text.slice(start + at).search(/["'{]/);
  return start + at + quote + 1;
}

function checkText(report: Report, value: string, offset: number, text: string, what: string): void {
  const found = invisibleInSource(value, text, offset, what);
  if (found) report(found.offset, 'text/invisible', found.message);
}

function checkAttributes(report: Report, element: JsxElement, text: string): void {
  const name = element.name!;
  const component = isComponentName(name) ? name : undefined;
  const lowerName = name.toLowerCase();
  const allowed = component ? editorProps(component) : Object.hasOwn(plainElements, lowerName) ? plainElements[lowerName]! : [];
  const kept: (MdxJsxAttribute | MdxJsxExpressionAttribute)[] = [];
  for (const attribute of element.attributes) {
    const at = attribute.position?.start.offset ?? element.position?.start.offset ?? 0;
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(at, 'mdx/spread', `{${attribute.value}} passes props that nothing can check: write each one as name="value"`);
      continue;
    }
    const prop = attribute.name;
    const lower = prop.toLowerCase();
    if (/^on/.test(lower)) {
      report(at, 'html/event-handler', `${prop} is an inline event handler: pages run no code of their own; remove it`);
      continue;
    }
    if (lower === 'style') {
      report(at, 'html/style', `${prop}="…" is not allowed in a page: the look comes from the site's stylesheet; remove it`);
      continue;
    }
    if (lower.startsWith('set:') || lower === 'dangerouslysetinnerhtml' || lower === 'innerhtml') {
      report(at, 'html/raw-html', `${prop} inserts HTML that nothing checks: write the content in the page instead`);
      continue;
    }
    if (prop.includes(':')) {
      report(at, 'mdx/directive', `${prop} is an instruction to the build, not a prop: remove it`);
      continue;
    }
    if (component && isBuildProp(component, prop)) {
      report(at, 'mdx/build-prop', `<${name}> ${prop} is set by the build itself: remove it`);
      continue;
    }
    // Props are matched case-insensitively, so STYLE or Onclick cannot slip past as another word.
    const match = allowed.find((a) => a.toLowerCase() === lower);
    if (!match || (component && match !== prop)) {
      const what = component ? `<${name}> has no prop ${prop}` : `<${name}> may not carry ${prop}`;
      const renames = component ? renamedProps[component] : undefined;
      const renamed = renames && Object.hasOwn(renames, prop) ? renames[prop] : undefined;
      const hint = renamed ? ` (it is called ${renamed} now)` : match ? ` (did you mean "${match}"?)` : didYouMean(prop, allowed);
      const rule = component ? 'mdx/unknown-prop' : 'html/attribute';
      const list = allowed.length > 0 ? `; ${component ? 'its props are' : 'it may carry'}: ${allowed.join(', ')}` : `; it takes none`;
      report(at, rule, `${what}${hint}${list}${component ? ' (described in src/guide/components.ts)' : ''}`);
      continue;
    }
    const value = attribute.value;
    if (value !== null && value !== undefined && typeof value === 'object') {
      const literal = literalOf(value.data?.estree);
      if (!literal || 'empty' in literal) {
        report(
          at,
          'mdx/expression',
          `${prop}={${value.value.trim()}} is code: a prop's value is written as data: "text", a number such as {3}, {true}, or a list such as {['a', 'b']}`,
        );
        continue;
      }
      checkLiteralText(report, literal.value, attributeValueOffset(text, attribute), text, `${prop}`);
    } else if (typeof value === 'string') {
      checkText(report, value, attributeValueOffset(text, attribute), text, `${prop}="…"`);
    }
    kept.push(attribute);
  }
  element.attributes = kept;
}

function checkLiteralText(report: Report, value: unknown, offset: number, text: string, what: string): void {
  if (typeof value === 'string') checkText(report, value, offset, text, what);
  else if (Array.isArray(value)) value.forEach((item) => checkLiteralText(report, item, offset, text, what));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => checkLiteralText(report, item, offset, text, what));
}

/** The reason an element may not be in a page, or undefined when it may. */
function refusal(name: string | null | undefined): { rule: string; message: string } | undefined {
  if (name === null || name === undefined || name === '') {
    return { rule: 'mdx/fragment', message: '<> … </> is not used in pages: remove <> and </>, keep what is between them' };
  }
  if (isComponentName(name)) return undefined;
  if (/^[a-z]/.test(name) && !name.includes('.') && !name.includes(':')) {
    const lower = name.toLowerCase();
    if (Object.hasOwn(plainElements, lower)) return undefined;
    const refused = Object.hasOwn(REFUSED, lower) ? REFUSED[lower] : undefined;
    if (refused) return { rule: refused.rule, message: `<${name}> is not allowed in a page: ${refused.why}` };
    return {
      rule: 'html/element',
      message: `<${name}> is not allowed in a page: write Markdown, a component (${componentNames.join(', ')}) or one of ${Object.keys(plainElements).join(', ')}`,
    };
  }
  return {
    rule: 'mdx/unknown-component',
    message: `<${name}> is not a component${didYouMean(name, componentNames)}; the components are: ${componentNames.join(', ')}`,
  };
}

export function remarkSafeContent(options: SafeContentOptions) {
  return (tree: Root, file: VFile) => {
    const text = String(file.value);
    const report = reporter(file, text);
    // Every definition of a label an image uses is an image's address (with two of one label, which one
    // wins is the renderer's business: each is judged as an image).
    const imageLabels = new Set<string>();
    visit(tree, 'imageReference', (node) => {
      imageLabels.add(node.identifier);
    });

    const judge = (url: string, offset: number, use: 'link' | 'image') => {
      const judged = judgeAddress(url, { use, hosts: options.hosts });
      if (!judged.ok) report(offset, judged.problem.rule, judged.problem.message);
      return judged.ok;
    };

    visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
      const start = node.position?.start.offset ?? 0;
      const remove = (): [typeof SKIP, number] => {
        parent!.children.splice(index!, 1);
        return [SKIP, index!];
      };
      switch (node.type) {
        case 'mdxjsEsm': {
          const what = /^\s*import\b/.test(node.value) ? 'import' : 'export';
          report(start, 'mdx/esm', `${what} is not allowed in a page: the components are there without importing, and a page holds no code`);
          return remove();
        }
        case 'mdxFlowExpression':
        case 'mdxTextExpression': {
          const literal = literalOf(node.data?.estree);
          if (!literal || !('empty' in literal)) {
            report(start, 'mdx/expression', `{${node.value.trim()}} is code, and pages hold none: write the text itself (a comment {/* … */} is fine)`);
          }
          return remove();
        }
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const refused = refusal(node.name);
          if (refused) {
            report(start, refused.rule, refused.message);
            return remove();
          }
          checkAttributes(report, node, text);
          return undefined;
        }
        case 'link':
        case 'definition':
          judge(node.url, destinationOffset(text, node, node.type === 'link' ? '](' : ']:'), node.type === 'definition' && imageLabels.has(node.identifier) ? 'image' : 'link');
          if (node.title) checkText(report, node.title, start, text, 'the link title');
          return undefined;
        case 'image':
          judge(node.url, destinationOffset(text, node, ']('), 'image');
          checkText(report, node.alt ?? '', start, text, 'the alt text');
          if (node.title) checkText(report, node.title, start, text, 'the image title');
          return undefined;
        case 'imageReference':
          checkText(report, node.alt ?? '', start, text, 'the alt text');
          return undefined;
        case 'html':
          report(start, 'html/element', 'raw HTML is not allowed in a page: write Markdown or a component');
          return remove();
        case 'text':
        case 'inlineCode':
        case 'code':
          checkText(report, node.value, start, text, 'the text');
          return undefined;
        default:
          return undefined;
      }
    });
  };
}
