/**
 * Maps an element of a built page back to the source that wrote it, so that a broken
 * link is reported where it can be fixed: the MDX link in the page's file when the
 * editor wrote it, else the component or layout that generates it (navigation,
 * language picker, pagination, hreflang), found by the class names and attributes it
 * writes.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { slugify } from '../steps.ts';
import { pageSyntax } from './mdx.ts';
import type { SourcePosition } from './problems.ts';
import { COMPONENTS_DIR, PAGES_DIR, walk, type GuideFile, type Project } from './project.ts';
import { LineIndex } from './source-text.ts';

/** An element of a built page, with its parent chain. */
export interface HtmlElement {
  tag: string;
  attribs: Record<string, string>;
  parent?: HtmlElement;
}

/** What is known about a built page's source. */
export interface BuiltPageSource {
  /** The site path, without the deploy base. */
  path: string;
  /** The MDX file whose content the page shows (a guide page). */
  guide?: GuideFile;
  /** The route file that renders the page, e.g. src/pages/[...path].astro. */
  route?: string;
}

interface ComponentFile {
  file: string;
  text: string;
  lines: LineIndex;
}

const LAYOUTS_DIR = 'src/layouts';
const FALLBACK_LAYOUT = 'src/layouts/Base.astro';

/** Attributes whose static values identify the line that writes an element (`rel="alternate"`). */
const IDENTIFYING_ATTRIBUTES = ['rel', 'type', 'name', 'role', 'property', 'http-equiv', 'method', 'data-store'];

const toPosix = (path: string) => path.split(sep).join('/');

/** The site-relative form of an href, for comparing what the editor wrote with what was built. */
export function comparableUrl(value: string, pagePath: string): string | undefined {
  try {
    const url = new URL(value, `https://site.invalid${pagePath}`);
    if (url.host !== 'site.invalid') return url.href;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}

/** The text of a Markdown node, as a heading id is made from it. */
function toString(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toString).join('');
  return '';
}

export function isInside(element: HtmlElement, tag: string): boolean {
  for (let node = element.parent; node; node = node.parent) if (node.tag === tag) return true;
  return false;
}

export class OriginFinder {
  private readonly components: ComponentFile[];
  private readonly classes = new Map<string, { file: ComponentFile; offset: number }[]>();

  constructor(project: Project, componentFiles: string[]) {
    this.components = componentFiles.map((path) => {
      const file = toPosix(relative(project.root, path));
      const text = readFileSync(path, 'utf8');
      return { file, text, lines: new LineIndex(file, text) };
    });
    for (const component of this.components) {
      for (const match of component.text.matchAll(/\bclass="([^"{}]+)"/g)) {
        for (const name of match[1]!.split(/\s+/).filter(Boolean)) {
          const list = this.classes.get(name) ?? [];
          if (!list.some((entry) => entry.file === component)) list.push({ file: component, offset: match.index });
          this.classes.set(name, list);
        }
      }
    }
  }

  /** Where the component that writes `element` sets `attribute`, found by class or identifying attributes. */
  private inComponents(element: HtmlElement, attribute: string): SourcePosition | undefined {
    for (const name of IDENTIFYING_ATTRIBUTES) {
      const value = element.attribs[name];
      if (!value || /[{}"]/.test(value)) continue;
      const needle = `${name}="${value}"`;
      const files = this.components.filter((c) => c.text.includes(needle));
      if (files.length === 1) return this.refine(files[0]!, files[0]!.text.indexOf(needle), element, attribute, true);
    }
    for (let node: HtmlElement | undefined = element; node; node = node.parent) {
      for (const name of (node.attribs.class ?? '').split(/\s+/).filter(Boolean)) {
        const found = this.classes.get(name);
        if (found?.length === 1) return this.refine(found[0]!.file, found[0]!.offset, element, attribute, node === element);
      }
    }
    return undefined;
  }

  /** From where a component names the element (or an ancestor), the line that sets the attribute. */
  private refine(component: ComponentFile, offset: number, element: HtmlElement, attribute: string, own: boolean): SourcePosition {
    const text = component.text;
    let at = text.lastIndexOf('<', offset);
    if (!own) {
      const tag = text.indexOf(`<${element.tag}`, offset);
      if (tag !== -1) at = tag;
    }
    const attr = text.indexOf(`${attribute}=`, at);
    return component.lines.at(attr !== -1 ? attr : Math.max(at, 0));
  }

  private fallback(page: BuiltPageSource): SourcePosition {
    const file = page.route && this.components.some((c) => c.file === page.route) ? page.route : FALLBACK_LAYOUT;
    return { file, line: 1, column: 1 };
  }

  /**
   * Where a link of a built page is written. `occurrence` counts earlier elements on the
   * page with the same href, so the second broken link maps to the second in the MDX.
   */
  link(page: BuiltPageSource, element: HtmlElement, attribute: string, value: string, base: string, occurrence: number): SourcePosition {
    const guide = page.guide;
    if (guide?.tree && isInside(element, 'article')) {
      const written = withoutBase(value, base);
      const wanted = comparableUrl(written, page.path);
      const matches = pageSyntax(guide.tree, guide.text).links.filter((l) => comparableUrl(l.url, page.path) === wanted);
      const match = matches[Math.min(occurrence, matches.length - 1)];
      if (match) return guide.lines.at(match.offset);
    }
    return this.inComponents(element, attribute) ?? this.fallback(page);
  }

  /** Where an id of a built page comes from: a <Step id>, a step title, or a component. */
  id(page: BuiltPageSource, element: HtmlElement, id: string, occurrence: number): SourcePosition {
    const guide = page.guide;
    if (guide?.tree && isInside(element, 'article')) {
      const candidates: number[] = [];
      for (const found of pageSyntax(guide.tree, guide.text).elements) {
        const explicit = found.attributes.find((a) => a.name === 'id')?.value;
        const title = found.attributes.find((a) => a.name === 'title')?.value;
        if (explicit?.value === id) candidates.push(explicit.offset);
        else if (!explicit && found.name === 'Step' && title && slugify(title.value) === id) candidates.push(title.offset);
      }
      // Markdown headings get ids made from their text the same way (src/lib/rehype-heading-ids.ts).
      visit(guide.tree, 'heading', (heading) => {
        if (heading.position && slugify(toString(heading)) === id) candidates.push(heading.position.start.offset ?? 0);
      });
      candidates.sort((a, b) => a - b);
      const offset = candidates[Math.min(occurrence, candidates.length - 1)];
      if (offset !== undefined) return guide.lines.at(offset);
    }
    return this.inComponents(element, 'id') ?? this.fallback(page);
  }
}

/** `/veiledning/en/bankid/` → `/en/bankid/` when the site is built under a base path. */
export function withoutBase(value: string, base: string): string {
  const prefix = base.replace(/\/$/, '');
  if (prefix !== '' && (value === prefix || value.startsWith(`${prefix}/`))) return value.slice(prefix.length) || '/';
  return value;
}

/** The .astro files that can write markup: components, layouts and routes. */
export function componentFiles(root: string): string[] {
  return [COMPONENTS_DIR, LAYOUTS_DIR, PAGES_DIR].flatMap((dir) => walk(join(root, dir))).filter((p) => p.endsWith('.astro'));
}
