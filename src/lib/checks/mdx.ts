/**
 * What the checks read from an MDX syntax tree: the JSX elements an editor wrote
 * (also those inside `{…}` expressions), their attributes with the offsets of their
 * values, and every link with the offset of its URL.
 */
import type { Nodes, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
// remark-mdx's types add the MDX nodes (JSX, expressions, ESM) to mdast's node types.
import type {} from 'remark-mdx';
import { visit } from 'unist-util-visit';

/** A literal string written in the source, and where its text starts. */
export interface StringValue {
  value: string;
  offset: number;
}

export interface FoundAttribute {
  name: string;
  /** Offset of the attribute's name. */
  offset: number;
  /** Set when the value is a literal string (`a="x"` or `a={'x'}`). */
  value?: StringValue;
  /** Set when the value is a literal list of strings (`a={['x', 'y']}`). */
  list?: StringValue[];
  /** True for `a={someExpression}`: nothing to check before rendering. */
  dynamic: boolean;
  /** `<a b>`: an attribute without a value. */
  bare: boolean;
}

export interface FoundElement {
  /** `Screenshot`, `script`, `a`; an empty string for a fragment `<>`. */
  name: string;
  offset: number;
  attributes: FoundAttribute[];
  /** Written inside a `{…}` expression or an import/export rather than as MDX. */
  inExpression: boolean;
}

export interface FoundLink {
  url: string;
  /** Offset of the URL's first character in the file. */
  offset: number;
  kind: 'markdown' | 'definition' | 'image' | 'attribute';
  /** For attributes: the element and attribute, e.g. `a` and `href`. */
  element?: string;
  attribute?: string;
}

/** An ESTree node, as micromark's acorn step produces it (with absolute offsets). */
interface EsNode {
  type: string;
  start?: number;
  end?: number;
  [key: string]: unknown;
}

const isEsNode = (value: unknown): value is EsNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Calls `visitor` on every ESTree node under `node`. */
export function walkEstree(node: unknown, visitor: (node: EsNode) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkEstree(item, visitor);
    return;
  }
  if (!isEsNode(node)) return;
  visitor(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range') continue;
    if (typeof value === 'object' && value !== null) walkEstree(value, visitor);
  }
}

/** A string literal (or a template literal without `${}`) and the offset of its text. */
function esString(node: unknown): StringValue | undefined {
  if (!isEsNode(node) || node.start === undefined) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return { value: node.value, offset: node.start + 1 };
  if (node.type === 'TemplateLiteral' && Array.isArray(node.expressions) && node.expressions.length === 0) {
    const quasi = (node.quasis as { value: { cooked?: string } }[] | undefined)?.[0];
    if (quasi?.value.cooked !== undefined) return { value: quasi.value.cooked, offset: node.start + 1 };
  }
  return undefined;
}

function esList(node: unknown): StringValue[] | undefined {
  if (!isEsNode(node) || node.type !== 'ArrayExpression' || !Array.isArray(node.elements)) return undefined;
  const values = node.elements.map(esString);
  return values.every((v): v is StringValue => v !== undefined) ? values : undefined;
}

/** The single expression of an attribute value `{…}`, from its ESTree program. */
function expressionOf(program: unknown): unknown {
  if (!isEsNode(program) || !Array.isArray(program.body)) return undefined;
  const statement = program.body[0] as EsNode | undefined;
  return statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
}

function jsxName(name: unknown): string {
  if (!isEsNode(name)) return '';
  if (name.type === 'JSXIdentifier') return String(name.name);
  if (name.type === 'JSXNamespacedName') return `${jsxName(name.namespace)}:${jsxName(name.name)}`;
  if (name.type === 'JSXMemberExpression') return `${jsxName(name.object)}.${jsxName(name.property)}`;
  return '';
}

function fromMdastAttribute(attribute: MdxJsxAttribute | MdxJsxExpressionAttribute, text: string): FoundAttribute | undefined {
  if (attribute.type !== 'mdxJsxAttribute') return undefined;
  const offset = attribute.position?.start.offset ?? 0;
  const found: FoundAttribute = { name: attribute.name, offset, dynamic: false, bare: attribute.value === null || attribute.value === undefined };
  const value = attribute.value;
  if (typeof value === 'string') {
    // The value's text starts after `name=` and its opening quote.
    const end = attribute.position?.end.offset ?? text.length;
    const source = text.slice(offset, end);
    const quote = source.search(/["']/);
    found.value = { value, offset: quote === -1 ? offset : offset + quote + 1 };
  } else if (value && typeof value === 'object') {
    const expression = expressionOf(value.data?.estree);
    const literal = esString(expression);
    const list = esList(expression);
    if (literal) found.value = literal;
    else if (list) found.list = list;
    else found.dynamic = true;
  }
  return found;
}

function fromEsAttribute(node: EsNode): FoundAttribute | undefined {
  if (node.type !== 'JSXAttribute') return undefined;
  const found: FoundAttribute = { name: jsxName(node.name), offset: node.start ?? 0, dynamic: false, bare: node.value === null };
  let value: unknown = node.value;
  if (isEsNode(value) && value.type === 'JSXExpressionContainer') value = value.expression;
  const literal = esString(value);
  const list = esList(value);
  if (literal) found.value = literal;
  else if (list) found.list = list;
  else if (value !== null) found.dynamic = true;
  return found;
}

function collectEsElements(program: unknown, into: FoundElement[]): void {
  walkEstree(program, (node) => {
    if (node.type !== 'JSXElement' && node.type !== 'JSXFragment') return;
    const opening = (node.type === 'JSXElement' ? node.openingElement : undefined) as EsNode | undefined;
    const attributes = Array.isArray(opening?.attributes)
      ? (opening.attributes as EsNode[]).map(fromEsAttribute).filter((a): a is FoundAttribute => a !== undefined)
      : [];
    into.push({ name: jsxName(opening?.name), offset: node.start ?? 0, attributes, inExpression: true });
  });
}

const estreeOf = (node: { data?: unknown }): unknown => (node.data as { estree?: unknown } | undefined)?.estree;

/** Every element written in the page: JSX in the MDX, and JSX inside expressions and imports/exports. */
export function findElements(tree: Root, text: string): FoundElement[] {
  const found: FoundElement[] = [];
  visit(tree, (node: Nodes) => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const element = node as MdxJsxFlowElement | MdxJsxTextElement;
      found.push({
        name: element.name ?? '',
        offset: element.position?.start.offset ?? 0,
        attributes: element.attributes.map((a) => fromMdastAttribute(a, text)).filter((a): a is FoundAttribute => a !== undefined),
        inExpression: false,
      });
      for (const attribute of element.attributes) {
        if (attribute.type === 'mdxJsxExpressionAttribute') collectEsElements(estreeOf(attribute), found);
        else if (attribute.value && typeof attribute.value === 'object') collectEsElements(estreeOf(attribute.value), found);
      }
    } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression' || node.type === 'mdxjsEsm') {
      collectEsElements(estreeOf(node), found);
    }
  });
  return found.sort((a, b) => a.offset - b.offset);
}

/** Attributes that hold a URL on HTML elements; components take `href` only (`src` of <Screenshot> is a name). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'xlink:href', 'background']);

export const isComponentName = (name: string) => /^[A-Z]/.test(name) || name.includes('.');

export function isUrlAttribute(element: string, attribute: string): boolean {
  return isComponentName(element) ? attribute === 'href' : URL_ATTRIBUTES.has(attribute.toLowerCase());
}

/** Where the destination of `[text](url)`, `![alt](url)` or `[label]: url` starts. */
function destinationOffset(text: string, node: Nodes, searchFrom: number, marker: string): number {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? text.length;
  const at = text.indexOf(marker, searchFrom);
  if (at === -1 || at >= end) return start;
  let offset = at + marker.length;
  while (offset < end && /[ \t\r\n<]/.test(text[offset]!)) offset++;
  return offset;
}

/** Every link and image URL in the page, with the offset of its first character. */
export function findLinks(tree: Root, text: string, elements: readonly FoundElement[]): FoundLink[] {
  const links: FoundLink[] = [];
  visit(tree, (node: Nodes) => {
    const start = node.position?.start.offset ?? 0;
    if (node.type === 'link') {
      const isLiteral = node.children.length === 1 && node.children[0]?.position?.start.offset === start;
      // A GFM literal (www.example.no, https://…) has no `](`: its URL is its text.
      const lastChild = node.children[node.children.length - 1];
      const offset = isLiteral ? start : destinationOffset(text, node, lastChild?.position?.end.offset ?? start, '](');
      links.push({ url: node.url, offset, kind: 'markdown' });
    } else if (node.type === 'image') {
      links.push({ url: node.url, offset: destinationOffset(text, node, start, ']('), kind: 'image' });
    } else if (node.type === 'definition') {
      links.push({ url: node.url, offset: destinationOffset(text, node, start, ']:'), kind: 'definition' });
    }
  });
  for (const element of elements) {
    for (const attribute of element.attributes) {
      if (attribute.value && isUrlAttribute(element.name, attribute.name)) {
        links.push({
          url: attribute.value.value,
          offset: attribute.value.offset,
          kind: 'attribute',
          element: element.name,
          attribute: attribute.name,
        });
      }
    }
  }
  return links.sort((a, b) => a.offset - b.offset);
}

export interface PageSyntax {
  elements: FoundElement[];
  links: FoundLink[];
}

const syntaxCache = new WeakMap<Root, PageSyntax>();

/** The elements and links of a parsed page, read once and shared by every rule. */
export function pageSyntax(tree: Root, text: string): PageSyntax {
  let syntax = syntaxCache.get(tree);
  if (!syntax) {
    const elements = findElements(tree, text);
    syntax = { elements, links: findLinks(tree, text, elements) };
    syntaxCache.set(tree, syntax);
  }
  return syntax;
}
