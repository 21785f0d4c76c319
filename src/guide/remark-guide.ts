/**
 * The guide's rules that need the whole page, decided while it compiles, after the safe
 * profile (remark-safe-content.ts) has cleared it:
 *
 * - every heading and step gets its id here (one slugify, one id space per page); a step
 *   id used twice is an error at its line;
 * - <Steps> numbers its <Step> children and gives them its heading level; anything else
 *   directly inside <Steps> is an error at its line;
 * - the first <Screenshot> in reading order loads with the page;
 * - a <Label> holds its on-screen word, and on an English page its meaning;
 * - every component is told the file it is written in (`source`);
 * - every component's props, the editor's and the build's, pass the component's schema.
 *
 * The same pass records each page's links, ids and component uses with their offsets in
 * `file.data.guide`, where the checks look positions up instead of guessing them.
 */
import { relative, sep } from 'node:path';
import type { Heading, Nodes, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toString } from 'mdast-util-to-string';
import type {} from 'remark-mdx';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { componentSchemas, describeIssues, isBuildProp, isComponentName, type ComponentName } from './components.ts';
import { slugify } from './ids.ts';
import { literalOf, type Literal } from './literals.ts';
import { attributeValueOffset, destinationOffset } from './remark-safe-content.ts';
import { reporter } from './report.ts';
import { localeOfFile } from './routing.ts';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

export interface RecordedLink {
  url: string;
  /** Offset of the address's first character in the page's source. */
  offset: number;
  kind: 'markdown' | 'image' | 'definition';
}

export interface RecordedId {
  id: string;
  offset: number;
}

export interface RecordedProp {
  value: Literal;
  /** Offset of the attribute's name. */
  offset: number;
  /** Offset of its value's first character. */
  valueOffset: number;
  /** For a list of literals: the offset of each item. */
  items?: number[];
}

export interface RecordedComponent {
  name: ComponentName;
  offset: number;
  /** The props the editor wrote, as data. */
  props: Record<string, RecordedProp>;
  /** The words of the passage an <OwnerReview> wraps, for the owner's list. */
  words?: string;
}

/** What the compile learnt about a page, in source offsets. */
export interface PageRecord {
  links: RecordedLink[];
  ids: RecordedId[];
  components: RecordedComponent[];
}

declare module 'vfile' {
  interface DataMap {
    guide: PageRecord;
  }
}

const isJsx = (node: Nodes): node is JsxElement => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

const attributeOf = (element: JsxElement, name: string) =>
  element.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);

/** A prop's value as data: `a="x"` → "x", bare `a` → true, `a={[1]}` → [1]. The safe profile removed anything else. */
function propValue(attribute: MdxJsxAttribute): Literal | undefined {
  const value = attribute.value;
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value;
  const literal = literalOf(value.data?.estree);
  return literal && 'value' in literal ? literal.value : undefined;
}

/** Sets a prop the build decides, written as MDX would write it: a string, or `{literal}` with its ESTree. */
function setProp(element: JsxElement, name: string, value: string | number | boolean): void {
  element.attributes = element.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === name));
  if (typeof value === 'string') {
    element.attributes.push({ type: 'mdxJsxAttribute', name, value });
    return;
  }
  if (value === true) {
    element.attributes.push({ type: 'mdxJsxAttribute', name, value: null });
    return;
  }
  const literal = { type: 'Literal', value, raw: JSON.stringify(value) };
  element.attributes.push({
    type: 'mdxJsxAttribute',
    name,
    value: {
      type: 'mdxJsxAttributeValueExpression',
      value: JSON.stringify(value),
      data: { estree: { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression: literal }] } as never },
    },
  });
}

/** Nodes of running text: what a paragraph holds. */
const phrasing = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'link', 'linkReference', 'break', 'mdxJsxTextElement', 'mdxTextExpression', 'html']);

/** Whitespace between elements, which MDX keeps as empty text or paragraphs. */
const isBlank = (node: Nodes) => node.type === 'text' && node.value.trim() === '';

export function remarkGuide() {
  return (tree: Root, file: VFile) => {
    const text = String(file.value);
    const report = reporter(file, text);
    const locale = localeOfFile(file.path);
    // Every component learns which file it is written in: its errors name it, its words follow its language.
    const source = file.path ? relative(file.cwd, file.path).split(sep).join('/') : 'page.mdx';
    const record: PageRecord = { links: [], ids: [], components: [] };
    const taken = new Map<string, number>();
    let firstScreenshot = true;

    const claimId = (id: string, offset: number, what: string): void => {
      const earlier = taken.get(id);
      if (earlier !== undefined) {
        report(
          offset,
          'html/duplicate-id',
          `${what} has the id "${id}", which this page already uses (line ${text.slice(0, earlier).split('\n').length}), so a link to #${id} cannot reach it: give it another title or its own id="…"`,
        );
        return;
      }
      taken.set(id, offset);
      record.ids.push({ id, offset });
    };

    visit(tree, (node: Nodes, _index, parent) => {
      const start = node.position?.start.offset ?? 0;
      if (node.type === 'heading') {
        headingId(node, start);
        return;
      }
      if (node.type === 'link' || node.type === 'definition') {
        record.links.push({ url: node.url, offset: destinationOffset(text, node, node.type === 'link' ? '](' : ']:'), kind: node.type === 'link' ? 'markdown' : 'definition' });
        return;
      }
      if (node.type === 'image') {
        record.links.push({ url: node.url, offset: destinationOffset(text, node, ']('), kind: 'image' });
        return;
      }
      if (!isJsx(node) || !node.name || !isComponentName(node.name)) return;
      const name = node.name;
      const used: RecordedComponent = { name, offset: start, props: {} };
      for (const attribute of node.attributes) {
        if (attribute.type !== 'mdxJsxAttribute' || !attribute.position) continue;
        const value = propValue(attribute);
        if (value === undefined) continue;
        const estree = typeof attribute.value === 'object' && attribute.value ? attribute.value.data?.estree : undefined;
        const expression = (estree?.body[0] as { expression?: { type: string; elements?: { start?: number }[] } } | undefined)?.expression;
        const items = expression?.type === 'ArrayExpression' ? expression.elements?.map((e) => (e.start ?? 0) + 1) : undefined;
        used.props[attribute.name] = {
          value,
          offset: attribute.position.start.offset ?? start,
          valueOffset: attributeValueOffset(text, attribute),
          ...(items ? { items } : {}),
        };
      }
      record.components.push(used);

      if (name === 'Steps') steps(node, used);
      else if (name === 'Step' && !(parent && isJsx(parent as Nodes) && (parent as JsxElement).name === 'Steps')) {
        report(start, 'steps/outside', '<Step> must be inside <Steps>: put <Steps> around the page\'s steps');
      } else if (name === 'Screenshot') {
        if (firstScreenshot) setProp(node, 'first', true);
        firstScreenshot = false;
      } else if (name === 'Label') label(node, used, start);
      else if (name === 'OwnerReview') ownerReview(node, used, start, parent as Nodes | undefined);
      setProp(node, 'source', source);
      checkSchema(node, used);
    });
    file.data.guide = record;

    function headingId(node: Heading, start: number): void {
      // The page's title is the layout's <h1>; Markdown headings start at ##.
      if (node.depth === 1) return;
      const base = slugify(toString(node)) || 'seksjon';
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      // remark-rehype copies hProperties onto the <h2>…<h6> it makes.
      const data = (node.data ?? {}) as { hProperties?: Record<string, unknown> };
      node.data = { ...data, hProperties: { ...data.hProperties, id } } as Heading['data'];
      claimId(id, start, 'this heading');
    }

    function steps(list: JsxElement, used: RecordedComponent): void {
      const level = used.props.level?.value ?? 2;
      let count = 0;
      for (const child of list.children as Nodes[]) {
        if (isBlank(child)) continue;
        if (isJsx(child) && child.name === 'Step') {
          count++;
          setProp(child, 'number', count);
          if (level === 2 || level === 3) setProp(child, 'level', level);
          const explicit = attributeOf(child, 'id');
          const title = attributeOf(child, 'title');
          const written = explicit ? propValue(explicit) : undefined;
          const titleText = title ? propValue(title) : undefined;
          // The id as the step will have it: its own, or made from its title; the schema judges the rest.
          const id = typeof written === 'string' ? written : typeof titleText === 'string' ? slugify(titleText) : undefined;
          const at = explicit ?? title;
          const offset = at?.position ? attributeValueOffset(text, at) : (child.position?.start.offset ?? 0);
          if (id === '') {
            report(offset, 'steps/id', `the step title "${String(titleText)}" makes no link target (it has no a-z or 0-9): give the step its own id="…"`);
          } else if (id !== undefined) {
            setProp(child, 'id', id);
            claimId(id, offset, `the step "${String(titleText ?? id)}"`);
          }
          continue;
        }
        const words = toString(child).replace(/\s+/g, ' ').trim().slice(0, 60);
        const what = words !== '' ? `"${words}"` : isJsx(child) ? `<${child.name}>` : 'this';
        report(child.position?.start.offset ?? 0, 'steps/outside-step', `${what} is inside <Steps> but outside a <Step>: move it into the step it belongs to`);
      }
      if (count === 0) {
        report(list.position?.start.offset ?? 0, 'steps/empty', '<Steps> holds no <Step>: write each step as <Step title="…">…</Step> inside it');
        return;
      }
      setProp(list, 'count', count);
    }

    function label(node: JsxElement, used: RecordedComponent, start: number): void {
      const word = toString(node).trim();
      // A setting's value (<Label><Setting name="…" /></Label>) is a word too, known once rendered.
      let holdsComponent = false;
      visit(node, (inner: Nodes) => {
        if (inner !== node && isJsx(inner)) holdsComponent = true;
      });
      if (word === '' && !holdsComponent) {
        report(start, 'label/empty', '<Label> is empty: write the on-screen word inside, e.g. <Label>Fortsett</Label>');
        return;
      }
      const translation = used.props.translation?.value;
      if (locale !== 'nb' && locale !== 'nn' && translation === undefined) {
        report(start, 'label/translation', `<Label>${word || '…'}</Label> needs its meaning for readers of this page: write <Label translation="…">${word || '…'}</Label>`);
      }
      // A product name ("BankID") translated as itself would read "BankID (BankID)".
      if (typeof translation === 'string' && translation.trim().toLowerCase() === word.toLowerCase()) setProp(node, 'untranslated', true);
    }

    function ownerReview(node: JsxElement, used: RecordedComponent, start: number, parent: Nodes | undefined): void {
      // Paragraph by paragraph, so that the words of two paragraphs do not run together;
      // a callout's title too, which is a prop.
      const blocks: string[] = [];
      visit(node, (inner: Nodes) => {
        const title = inner !== node && isJsx(inner) ? attributeOf(inner, 'title') : undefined;
        const titleText = title ? propValue(title) : undefined;
        if (typeof titleText === 'string') blocks.push(/[.:?!]$/.test(titleText) ? titleText : `${titleText}:`);
        // A component written on one line (<Callout>Tekst.</Callout>) holds its words without a paragraph.
        const wordsOnly = inner !== node && inner.type === 'mdxJsxFlowElement' && inner.children.every((child) => phrasing.has(child.type));
        if (inner.type !== 'paragraph' && inner.type !== 'heading' && !wordsOnly) return undefined;
        blocks.push(toString(inner));
        return SKIP;
      });
      used.words = (blocks.length > 0 ? blocks.join(' ') : toString(node))
        .replace(/\s+/g, ' ')
        .replace(/ ([.,:;!?])/g, '$1')
        .trim();
      // A screenshot alone is a passage too.
      let holdsComponent = false;
      visit(node, (inner: Nodes) => {
        if (inner !== node && isJsx(inner)) holdsComponent = true;
      });
      if (used.words === '' && !holdsComponent) {
        report(start, 'review/empty', '<OwnerReview> holds nothing: put it around the passage that awaits its owner, <OwnerReview>…</OwnerReview>');
      }
      // Inside a paragraph the passage is marked as a phrase; on lines of its own, as blocks. A
      // list item that is only the passage (- <OwnerReview>…</OwnerReview>) holds a phrase too.
      const wordsOfListItem = parent?.type === 'listItem' && node.children.every((child) => phrasing.has(child.type));
      if (node.type === 'mdxJsxTextElement' || wordsOfListItem) setProp(node, 'inline', true);
    }

    function checkSchema(node: JsxElement, used: RecordedComponent): void {
      const name = used.name;
      const props: Record<string, Literal> = {};
      for (const attribute of node.attributes) {
        if (attribute.type !== 'mdxJsxAttribute') continue;
        const value = propValue(attribute);
        if (value !== undefined) props[attribute.name] = value;
      }
      const result = componentSchemas[name].safeParse(props);
      if (result.success) return;
      const messages = describeIssues(name, result.error, props);
      result.error.issues.forEach((issue, i) => {
        const prop = typeof issue.path[0] === 'string' ? used.props[issue.path[0]] : undefined;
        const missing = typeof issue.path[0] === 'string' && !Object.hasOwn(props, issue.path[0]);
        // A prop the build sets is missing only when an editor's mistake, reported already, kept
        // the build from setting it (a Step outside <Steps>, a step without a title for its id).
        if (typeof issue.path[0] === 'string' && (isBuildProp(name, issue.path[0]) || (name === 'Step' && issue.path[0] === 'id'))) return;
        const message = messages[i]!.startsWith('<') ? messages[i]! : `<${name}> ${messages[i]}`;
        report(prop ? prop.valueOffset : used.offset, missing ? 'mdx/missing-prop' : 'mdx/prop-value', `${message} (described in src/guide/components.ts)`);
      });
    }
  };
}
