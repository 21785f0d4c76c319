/**
 * A page cut into the parts a translator works by: its title, its description, the text
 * before the first heading, each heading's section, and each step. Every part has a key
 * that names the same part in every language (a step by its id, a heading's section by
 * its place among the headings), so a translation can record which Bokmål text each part
 * was made from, and the report can say which parts changed since.
 */
import type { Nodes, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toString } from 'mdast-util-to-string';
import type {} from 'remark-mdx';
import { visit } from 'unist-util-visit';

export type SectionKind = 'title' | 'description' | 'intro' | 'section' | 'step';

export interface PageSection {
  /** `title`, `description`, `intro`, `section/<heading id>` or `step/<step id>`. */
  key: string;
  kind: SectionKind;
  /** The heading's or step's title, or the frontmatter value, as a reader sees it. */
  label: string;
  /** The part's source text, each line trimmed, blank lines collapsed: what a translation follows. */
  text: string;
  /** Where the part starts in the page's source; undefined for frontmatter values. */
  offset?: number;
  /** For a heading's section: its place among the page's headings, 0 first. */
  headingIndex?: number;
}

/** The text of a part as compared: indentation and trailing spaces are layout, not content. */
export function normalizeSectionText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const isStep = (node: Nodes): node is MdxJsxFlowElement => node.type === 'mdxJsxFlowElement' && node.name === 'Step';

function attribute(element: MdxJsxFlowElement, name: string): string | undefined {
  const found = element.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof found?.value === 'string' ? found.value : undefined;
}

/** The heading's id as the compile gave it (src/guide/remark-guide.ts). */
function headingId(node: Nodes): string | undefined {
  const id = (node.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The parts of a compiled page (its tree as the guide's plugins left it: every step has its
 * id, every heading its id), in reading order. `text` is the page's whole source, `data`
 * its frontmatter values.
 */
export function pageSections(text: string, tree: Root | undefined, data: Record<string, unknown>): PageSection[] {
  const sections: PageSection[] = [];
  for (const kind of ['title', 'description'] as const) {
    const value = data[kind];
    if (typeof value === 'string' && value.trim() !== '') sections.push({ key: kind, kind, label: value.trim(), text: normalizeSectionText(value) });
  }
  if (!tree) return sections;

  const slice = (node: Nodes) => text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  let current: PageSection = { key: 'intro', kind: 'intro', label: '', text: '' };
  const parts: string[][] = [];
  let own: string[] = [];
  const open = (section: PageSection) => {
    current = section;
    own = [];
    parts.push(own);
    sections.push(section);
  };
  let headings = 0;
  open(current);
  for (const node of tree.children as Nodes[]) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading') {
      const id = headingId(node) ?? `heading-${headings + 1}`;
      open({ key: `section/${id}`, kind: 'section', label: toString(node).trim(), text: '', offset: node.position?.start.offset, headingIndex: headings++ });
      own.push(slice(node));
      continue;
    }
    current.offset ??= node.position?.start.offset;
    // Each step is a part of its own; the text around the steps stays with the section.
    const steps: MdxJsxFlowElement[] = [];
    visit(node, (child) => {
      if (isStep(child as Nodes)) {
        steps.push(child as MdxJsxFlowElement);
        return 'skip';
      }
    });
    let rest = slice(node);
    for (const step of steps.reverse()) {
      const start = (step.position?.start.offset ?? 0) - (node.position?.start.offset ?? 0);
      const end = (step.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0);
      rest = `${rest.slice(0, start)}${rest.slice(end)}`;
    }
    own.push(rest);
    for (const step of steps.reverse()) {
      const id = attribute(step, 'id');
      if (!id) continue;
      sections.push({ key: `step/${id}`, kind: 'step', label: attribute(step, 'title') ?? id, text: normalizeSectionText(slice(step)), offset: step.position?.start.offset });
    }
  }
  // The body parts in reading order: each section's own text joined.
  const bodies = sections.filter((s) => s.kind === 'intro' || s.kind === 'section');
  bodies.forEach((section, i) => (section.text = normalizeSectionText(parts[i]!.join('\n\n'))));
  // Steps sit after the section that holds them; the order a reader meets them.
  return sections.filter((s) => s.kind !== 'intro' || s.text !== '');
}

/** The step ids among a page's part keys (`step/<id>`), in order: of a page, or of a translation's record. */
export function stepIds(keys: Iterable<string | Pick<PageSection, 'key'>>): string[] {
  const prefix = 'step/';
  return [...keys].map((k) => (typeof k === 'string' ? k : k.key)).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
}
