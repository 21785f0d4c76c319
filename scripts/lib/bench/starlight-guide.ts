/**
 * The real guide (src/content/guides/<locale>/<slug>.mdx) as a Starlight team would have
 * written it, for the editors' loop of the benchmark: `npm run build` is compared with a
 * Starlight build of the same pages.
 *
 * How: each page is parsed with the project's MDX parse (remark-parse with remark-mdx, the
 * frontmatter blanked as Astro blanks it, so every offset is the file's own). The parse
 * only finds the guide's components and where they start and end; the output is the
 * page's own text with each component's source range replaced by what a Starlight author
 * writes instead (string splicing guided by the parse, not a re-serialised tree), so the
 * Markdown in between stays exactly as the editor wrote it:
 *
 *   <Steps>/<Step title>        <Steps> around an ordered list, each item starting with the title in bold
 *   <Callout type title>        <Aside type title>: note → note, tip → tip, warning → caution, error → danger
 *   <Screenshot src regions>    a Markdown image of src/assets/screenshots/<src>.png with the alt text of
 *                               src/content/screenshots/<src>.yaml, the marked regions as a numbered list, the caption
 *   <Label translation>x        **x** (translation)
 *   <Setting name>              the template trust's value (src/trusts/xxhf.yaml) or the site setting, as text;
 *                               "not given yet" in the page's language where the trust has none, as the guide shows it
 *   <OwnerReview>               its content
 *   <ServiceDesk>               the service desk's name in bold, "Call …" with its hours, and its web address
 *   <AppStoreLinks app>         two links, App Store and Google Play
 *   <TrustNote name>            the template trust's note in the page's language; nothing when it has none (as the guide)
 *   <GuideList show>            a list of links to the method (or help) pages with their descriptions
 *
 * Every other capitalised element is an error: a new component must be converted here
 * before the benchmark can compare the real guide.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { componentNames, type ComponentName } from '../../../src/guide/components.ts';
import { frontmatterValues, readFrontmatter } from '../../../src/guide/frontmatter.ts';
import { readTrust, shown, TEMPLATE_TRUST, type Trust } from '../../../src/guide/trusts.ts';
import { useTranslations } from '../../../src/i18n/index.ts';
import { locales, type Locale } from '../../../src/i18n/locales.ts';
import { apps } from '../../../src/lib/apps.ts';
import { fixedSettings } from '../../../src/site.config.ts';
import { escapeMdxText, pathOf, starlightDocFile, starlightImports, type ScreenshotInfo } from './content.ts';
import { readScreenshots } from './screenshots.ts';

/** One page of the guide: where it is and what it says. */
export interface GuideSource {
  locale: Locale;
  slug: string;
  text: string;
}

/** A page of the guide as Starlight MDX: the file in the Starlight project and its text. */
export interface StarlightFile {
  file: string;
  text: string;
}

/** What the conversion reads besides the page: the project's data, as the guide's components read it. */
export interface ConversionContext {
  screenshots: Map<string, ScreenshotInfo>;
  /** The screenshot's file under src/assets/screenshots/ for a locale: `en/x.png` when that locale has its own, else `x.png`. */
  screenshotFile(name: string, locale: Locale): string;
  /** A <Setting>'s value as plain text, or null when the trust has none yet. */
  setting(name: string, locale: Locale): string | null;
  /** A trust note's text, or undefined when the trust has no note of that name. */
  trustNote(name: string, locale: Locale): string | undefined;
  /** The pages of a locale, for <GuideList>: in navigation order. */
  pages(locale: Locale): { slug: string; title: string; description: string; method: boolean }[];
}

/** Starlight's aside for each of the guide's callout types. */
export const asideTypes = { note: 'note', tip: 'tip', warning: 'caution', error: 'danger' } as const;

const parser = unified().use(remarkParse).use(remarkMdx);

type Element = MdxJsxFlowElement | MdxJsxTextElement;
type AnyNode = Root | RootContent;

const isElement = (node: AnyNode): node is Element => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
const isComponent = (node: AnyNode): node is Element & { name: string } => isElement(node) && node.name !== null && /^[A-Z]/.test(node.name);
const start = (node: AnyNode) => node.position!.start.offset!;
const end = (node: AnyNode) => node.position!.end.offset!;

/** A string attribute of an element; for an expression ({…}), its source text. */
function attribute(node: Element, name: string): string | undefined {
  for (const attr of node.attributes) {
    if (attr.type !== 'mdxJsxAttribute' || attr.name !== name) continue;
    if (attr.value === null || attr.value === undefined) return '';
    return typeof attr.value === 'string' ? attr.value : attr.value.value;
  }
  return undefined;
}

/** `regions={['a', 'b']}` → ['a', 'b']. */
const stringList = (expression: string | undefined) => [...(expression ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);

/** Text placed into Markdown: its Markdown and MDX syntax characters escaped; a bare address as it is (GFM links it). */
export function escapeMarkdownText(text: string): string {
  if (/^https:\/\/[^\s<>{}]+$/.test(text)) return text;
  return text.replace(/[\\`*_[\]{}<>]/g, (c) => `\\${c}`);
}

const attributeText = (text: string) => text.replaceAll('"', '&quot;');

/** The components of `node`'s subtree not inside another component, in order. */
function outermostComponents(node: AnyNode, found: Element[] = []): Element[] {
  for (const child of 'children' in node ? (node.children as AnyNode[]) : []) {
    if (isComponent(child)) found.push(child);
    else outermostComponents(child, found);
  }
  return found;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

class PageConverter {
  /** Starlight's components the page uses, for its import line. */
  readonly used = new Set<string>();
  readonly t: ReturnType<typeof useTranslations>;
  private readonly text: string;
  readonly locale: Locale;
  /** Folders between the page and src/: its images are `../` × depth + assets/…. */
  readonly depth: number;
  readonly context: ConversionContext;

  constructor(text: string, locale: Locale, depth: number, context: ConversionContext) {
    this.text = text;
    this.locale = locale;
    this.depth = depth;
    this.context = context;
    this.t = useTranslations(locale);
  }

  /** The source from `from` to `to` inside `within`, with every component in it converted. */
  render(from: number, to: number, within: AnyNode): string {
    let out = '';
    let cursor = from;
    for (const component of outermostComponents(within)) {
      if (start(component) < from || end(component) > to) continue;
      out += this.text.slice(cursor, start(component)) + this.convert(component);
      cursor = end(component);
    }
    return out + this.text.slice(cursor, to);
  }

  /** An element's children as inline text. */
  inline(node: Element): string {
    const children = node.children as AnyNode[];
    if (children.length === 0) return '';
    return this.render(start(children[0]!), end(children[children.length - 1]!), node);
  }

  /**
   * An element's children as blocks, their common indentation removed: the lines keep their
   * indentation relative to each other, the first line included.
   */
  block(node: Element): string[] {
    const children = node.children as AnyNode[];
    if (children.length === 0) return [];
    const first = children[0]!;
    const lines = this.render(start(first), end(children[children.length - 1]!), node).split('\n');
    const ownLine = first.position!.start.line > node.position!.start.line;
    const firstIndent = ownLine ? first.position!.start.column - 1 : 0;
    const rest = lines.slice(1).filter((l) => l.trim() !== '');
    const common = Math.min(ownLine ? firstIndent : Infinity, ...rest.map(indentOf));
    const base = Number.isFinite(common) ? common : 0;
    return lines.map((line, i) => {
      if (i === 0) return ' '.repeat(Math.max(0, firstIndent - base)) + line;
      return line.trim() === '' ? '' : line.slice(Math.min(base, indentOf(line)));
    });
  }

  /** Lines joined for a replacement that starts at `node`'s column: every line after the first indented to it. */
  place(node: Element, lines: string[]): string {
    const pad = ' '.repeat(node.position!.start.column - 1);
    return lines.map((line, i) => (i === 0 || line === '' ? line : pad + line)).join('\n');
  }

  convert(node: Element): string {
    const name = node.name!;
    if (!Object.hasOwn(converters, name)) {
      throw new Error(`<${name}> is not one of the guide's components this conversion knows: convert it in scripts/lib/bench/starlight-guide.ts`);
    }
    return converters[name as ComponentName](this, node);
  }
}

type Converter = (page: PageConverter, node: Element) => string;

/** How each of the guide's components is written in Starlight MDX: one for every component of src/guide/components.ts. */
const converters: Record<ComponentName, Converter> = {
  Setting: (page, node) => escapeMarkdownText(page.context.setting(attribute(node, 'name') ?? '', page.locale) ?? page.t('trust.unknown')),
  Label: (page, node) => {
    const word = page.inline(node);
    const translation = attribute(node, 'translation');
    // A translation that is the word itself ("BankID") is shown once, as the guide shows it.
    return `**${word}**${translation && translation !== word ? ` (${escapeMarkdownText(translation)})` : ''}`;
  },
  OwnerReview: (page, node) => (node.type === 'mdxJsxTextElement' ? page.inline(node) : page.place(node, page.block(node))),
  Callout: (page, node) => {
    page.used.add('Aside');
    const type = asideTypes[(attribute(node, 'type') ?? 'note') as keyof typeof asideTypes] ?? 'note';
    const title = attribute(node, 'title');
    const open = `<Aside type="${type}"${title ? ` title="${attributeText(title)}"` : ''}>`;
    return page.place(node, [open, ...page.block(node), '</Aside>']);
  },
  Steps: (page, node) => {
    page.used.add('Steps');
    const items = (node.children as AnyNode[]).filter(isElement).map((step) => {
      if (step.name !== 'Step') throw new Error(`<Steps> holds only <Step> items, not <${step.name}>`);
      const body = page.block(step).map((line) => (line === '' ? '' : `   ${line}`));
      return [`1. **${escapeMarkdownText(attribute(step, 'title') ?? '')}**`, ...(body.length > 0 ? ['', ...body] : [])];
    });
    // <Steps> takes exactly one ordered list, with blank lines between it and the tags.
    return page.place(node, ['<Steps>', '', ...items.flatMap((item, i) => (i === 0 ? item : ['', ...item])), '', '</Steps>']);
  },
  Step: () => {
    throw new Error('<Step> outside <Steps>');
  },
  Screenshot: (page, node) => {
    const src = (attribute(node, 'src') ?? '').replace(/\.png$/, '');
    const shot = page.context.screenshots.get(src);
    if (!shot) throw new Error(`<Screenshot src="${src}">: there is no src/content/screenshots/${src}.yaml`);
    const alt = attribute(node, 'alt') ?? shot.alt[page.locale];
    const image = `![${escapeMdxText(alt.replaceAll('[', '(').replaceAll(']', ')'))}](${'../'.repeat(page.depth)}assets/screenshots/${page.context.screenshotFile(src, page.locale)})`;
    const lines = [image];
    const labels = new Map(shot.regions.map((r) => [r.name, r.label[page.locale]]));
    const regions = stringList(attribute(node, 'regions'));
    if (regions.length > 0) lines.push('', ...regions.map((r, i) => `${i + 1}. ${escapeMarkdownText(labels.get(r) ?? r)}`));
    const caption = attribute(node, 'caption');
    if (caption) lines.push('', `*${escapeMarkdownText(caption)}*`);
    return page.place(node, lines);
  },
  ServiceDesk: (page, node) => {
    const locale = (attribute(node, 'locale') as Locale | undefined) ?? page.locale;
    const t = useTranslations(locale);
    const value = (setting: string) => escapeMarkdownText(page.context.setting(setting, locale) ?? t('trust.unknown'));
    const url = page.context.setting('serviceDeskUrl', locale);
    return page.place(node, [
      `**${value('serviceDeskName')}**`,
      '',
      `- ${t('serviceDesk.call', { phone: value('serviceDeskPhone') })} · ${value('serviceDeskHours')}`,
      url ? `- [${t('serviceDesk.web')}](${url})` : `- ${t('serviceDesk.web')}: ${t('trust.unknown')}`,
    ]);
  },
  AppStoreLinks: (page, node) => {
    const id = attribute(node, 'app') ?? '';
    if (!Object.hasOwn(apps, id)) throw new Error(`<AppStoreLinks app="${id}">: there is no such app in src/lib/apps.ts`);
    const app = apps[id as keyof typeof apps];
    return page.place(node, [`- [${page.t('apps.appStore')}: ${app.name}](${app.appStore})`, `- [${page.t('apps.googlePlay')}: ${app.name}](${app.googlePlay})`]);
  },
  TrustNote: (page, node) => {
    const note = page.context.trustNote(attribute(node, 'name') ?? '', page.locale);
    if (note === undefined) return '';
    const paragraphs = note.trim().split(/\n\s*\n/).map((p) => escapeMarkdownText(p.trim()));
    return page.place(node, paragraphs.flatMap((p, i) => (i === 0 ? [p] : ['', p])));
  },
  GuideList: (page, node) => {
    const methods = attribute(node, 'show') === 'methods';
    const listed = page.context.pages(page.locale).filter((p) => (methods ? p.method : !p.method && p.slug !== 'index'));
    return page.place(node, listed.map((p) => `- [${escapeMarkdownText(p.title)}](${pathOf(page.locale, p.slug)}): ${escapeMarkdownText(p.description)}`));
  },
};

/** The guide's components this file converts: the keys of `converters`, every component of src/guide/components.ts. */
export const convertedComponents = Object.keys(converters).sort() as ComponentName[];

const yamlString = (text: string) => JSON.stringify(text);

/** One guide page as Starlight MDX. */
export function convertGuidePage(source: GuideSource, context: ConversionContext): StarlightFile {
  const where = `src/content/guides/${source.locale}/${source.slug}.mdx`;
  const front = readFrontmatter(source.text);
  const data = front ? (frontmatterValues(source.text) ?? {}) : {};
  // The frontmatter blanked with spaces: the parse's offsets are the file's own.
  const body = front?.body ?? source.text;
  const tree = parser.parse(body);
  // Starlight's root locale (nb) sits one folder higher than nn/ and en/.
  const depth = source.locale === 'nb' ? 2 : 3;
  const converter = new PageConverter(body, source.locale, depth, context);
  let converted: string;
  try {
    converted = converter.render(0, body.length, tree).trim();
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const frontmatter = [
    '---',
    `title: ${yamlString(String(data.title ?? source.slug))}`,
    ...(data.description ? [`description: ${yamlString(String(data.description))}`] : []),
    ...(typeof data.order === 'number' ? ['sidebar:', `  order: ${data.order}`] : []),
    ...(data.draft === true ? ['draft: true'] : []),
    '---',
  ].join('\n');
  const text = `${frontmatter}\n\n${starlightImports([...converter.used].map((n) => `<${n}>`).join(' '))}${converted}\n`;
  return { file: starlightDocFile(source.locale, source.slug, 'mdx'), text };
}

/** The pages of the guide in a project: src/content/guides/<locale>/<slug>.mdx. */
export function readGuide(root: string): GuideSource[] {
  const sources: GuideSource[] = [];
  for (const locale of locales) {
    const dir = join(root, 'src/content/guides', locale);
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.mdx')).sort()) {
      sources.push({ locale, slug: file.slice(0, -'.mdx'.length), text: readFileSync(join(dir, file), 'utf8') });
    }
  }
  return sources;
}

/** A trust value as text in a locale (as the guide shows it), or null while it is not known. */
function trustText(trust: Trust, name: keyof typeof shown, locale: Locale): string | null {
  const entry = shown[name] as { field: keyof Trust['values']; write?: (v: string) => string };
  const value = trust.values[entry.field]?.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return (value as Record<Locale, string>)[locale];
  return entry.write ? entry.write(String(value)) : String(value);
}

/** What the conversion reads from a project: its screenshots, its template trust, its pages' frontmatter. */
export function projectContext(root: string, sources: GuideSource[], assetFiles: (name: string, locale: Locale) => boolean): ConversionContext {
  const problems: Parameters<typeof readTrust>[2] = [];
  const trust = readTrust(root, TEMPLATE_TRUST, problems);
  if (!trust) throw new Error(`src/trusts/${TEMPLATE_TRUST}.yaml cannot be read: ${problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
  const pages = new Map<Locale, ReturnType<ConversionContext['pages']>>();
  for (const locale of locales) {
    const listed = sources
      .filter((s) => s.locale === locale)
      .map((s) => ({ s, data: frontmatterValues(s.text) ?? {} }))
      .filter(({ data }) => data.draft !== true)
      .sort((a, b) => Number(a.data.order ?? 0) - Number(b.data.order ?? 0))
      .map(({ s, data }) => ({ slug: s.slug, title: String(data.title ?? s.slug), description: String(data.description ?? ''), method: Boolean(data.method) }));
    pages.set(locale, listed);
  }
  return {
    screenshots: new Map(readScreenshots(root).map((s) => [s.name, s])),
    screenshotFile: (name, locale) => (assetFiles(name, locale) ? `${locale}/${name}.png` : `${name}.png`),
    setting: (name, locale) => {
      if (name in fixedSettings) return fixedSettings[name as keyof typeof fixedSettings];
      if (!(name in shown)) throw new Error(`<Setting name="${name}">: no such setting`);
      return trustText(trust, name as keyof typeof shown, locale);
    },
    trustNote: (name, locale) => trust.notes.get(name)?.value?.[locale],
    pages: (locale) => pages.get(locale) ?? [],
  };
}

/** Every page of the project's guide as Starlight MDX. `hasLocaleScreenshot`: whether public/screenshots/<locale>/<name>.png exists. */
export function convertGuide(root: string, hasLocaleScreenshot: (name: string, locale: Locale) => boolean): StarlightFile[] {
  const sources = readGuide(root);
  const context = projectContext(root, sources, hasLocaleScreenshot);
  return sources.map((source) => convertGuidePage(source, context));
}

/** The guide's components that this file does not convert (none while it is complete). */
export const unconvertedComponents = () => componentNames.filter((name) => !convertedComponents.includes(name));
