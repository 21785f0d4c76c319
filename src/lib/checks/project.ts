/**
 * The editors' sources as the checks see them: every guide MDX file parsed into a
 * syntax tree with positions, every screenshot YAML file with the position of each
 * value, every PNG with its true size, and the site paths that exist. Read straight
 * from the files (no Astro), so the checks run before the build and in unit tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import sharp from 'sharp';
import { unified } from 'unified';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { defaultLocale, isLocale, locales, type Locale } from '../../i18n/locales.ts';
import { SCREENSHOT_DIR } from '../images.ts';
import { pagePath } from '../routing.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import { LineIndex } from './source-text.ts';

export const GUIDES_DIR = 'src/content/guides';
export const SCREENSHOT_DATA_DIR = 'src/content/screenshots';
export const PAGES_DIR = 'src/pages';
export const COMPONENTS_DIR = 'src/components';
export const PUBLIC_DIR = 'public';

/** A YAML document with the offset of its first character in the file it sits in. */
export interface YamlSource {
  doc: Document.Parsed;
  /** Where the YAML text starts in the file (after `---` for frontmatter). */
  offset: number;
  lines: LineIndex;
}

export interface GuideFile {
  /** Relative to the project root, with forward slashes. */
  file: string;
  locale: Locale;
  slug: string;
  text: string;
  lines: LineIndex;
  /** The MDX syntax tree; undefined when the file does not parse (see `problems`). */
  tree?: Root;
  frontmatter?: YamlSource;
  /** Plain frontmatter values (dates stay strings). */
  data: Record<string, unknown>;
  draft: boolean;
}

export interface ScreenshotDataFile {
  /** The screenshot's name: the file name without `.yaml`. */
  name: string;
  file: string;
  yaml: YamlSource;
  data: Record<string, unknown>;
}

export interface ScreenshotImage {
  name: string;
  /** Set for a per-locale override: public/screenshots/<locale>/<name>.png */
  locale?: Locale;
  /** Relative to the project root. */
  file: string;
  width: number;
  height: number;
}

export interface Project {
  root: string;
  guides: GuideFile[];
  screenshotData: Map<string, ScreenshotDataFile>;
  images: ScreenshotImage[];
  /** Site paths of every file in public/, e.g. `/screenshots/app-bekreft.png`. */
  publicFiles: Set<string>;
  /** Site paths of the fixed routes in src/pages, e.g. `/sok/`, `/en/sok/`. */
  staticRoutes: Set<string>;
  /**
   * Paths the dynamic routes in src/pages make (`img/[variant].avif.ts` → /img/….avif), other than the
   * guide pages' catch-all: what they hold is known only once built.
   */
  generatedRoutes: RegExp[];
  /** The components an MDX page may use without importing them (src/components/*.astro). */
  componentNames: string[];
  /** Problems found while reading: files in the wrong place, MDX or YAML that does not parse. */
  problems: Problem[];
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Every file under `dir`, sorted, skipping dot-files. */
export function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else found.push(path);
  }
  return found.sort();
}

const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

interface VFileMessageLike {
  reason?: string;
  message?: string;
  place?: { line?: number; column?: number; offset?: number } | { start?: { line?: number; column?: number } };
  line?: number;
  column?: number;
}

function parseYaml(text: string, offset: number, lines: LineIndex, rule: string, what: string, problems: Problem[]): YamlSource {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
  for (const error of doc.errors) {
    const at = lines.at(offset + (error.pos[0] ?? 0));
    problems.push(problem(at, rule, `${what} is not valid YAML: ${error.message.split('\n')[0]}`));
  }
  return { doc, offset, lines };
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n?^---\s*$/m;

function readGuide(root: string, path: string, problems: Problem[]): GuideFile | undefined {
  const file = toPosix(relative(root, path));
  const inside = toPosix(relative(join(root, GUIDES_DIR), path));
  const match = /^([^/]+)\/([^/]+)\.mdx$/.exec(inside);
  const locale = match?.[1];
  const slug = match?.[2];
  if (!match || !locale || !slug || !isLocale(locale) || !/^[a-z0-9-]+$/.test(slug)) {
    problems.push(
      problem(
        { file, line: 1, column: 1 },
        'page/file-name',
        `this file is not published: a page must be ${GUIDES_DIR}/<language>/<name>.mdx, with language one of ${locales.join(', ')} and a name of a-z, 0-9 and -` +
          (match && locale && isLocale(locale) ? ` (e.g. ${GUIDES_DIR}/${locale}/${slugSuggestion(slug ?? '')}.mdx)` : ''),
      ),
    );
    return undefined;
  }
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(file, text);
  const guide: GuideFile = { file, locale, slug, text, lines, data: {}, draft: false };

  const front = text.startsWith('---') ? FRONTMATTER.exec(text) : null;
  if (front) {
    const offset = front[0].indexOf('\n') + 1;
    guide.frontmatter = parseYaml(front[1]!, offset, lines, 'page/frontmatter', 'the frontmatter', problems);
    const value = guide.frontmatter.doc.toJS() as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) guide.data = value as Record<string, unknown>;
    guide.draft = guide.data.draft === true;
  }

  try {
    guide.tree = mdxParser.parse(text) as Root;
  } catch (error) {
    const message = error as VFileMessageLike;
    const place = message.place && 'line' in message.place ? message.place : undefined;
    const line = place?.line ?? message.line ?? 1;
    const column = place?.column ?? message.column ?? 1;
    const reason = (message.reason ?? message.message ?? String(error)).replace(/\s+/g, ' ');
    problems.push(problem({ file, line, column }, 'mdx/syntax', `the page cannot be read: ${reason}`));
  }
  return guide;
}

function slugSuggestion(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .replace(/\.[a-z]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function readScreenshotData(root: string, path: string, problems: Problem[]): ScreenshotDataFile | undefined {
  const file = toPosix(relative(root, path));
  const name = toPosix(relative(join(root, SCREENSHOT_DATA_DIR), path)).replace(/\.ya?ml$/, '');
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(file, text);
  const yaml = parseYaml(text, 0, lines, 'screenshot/invalid-data', 'this file', problems);
  const value = yaml.doc.toJS() as unknown;
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { name, file, yaml, data };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for the paths a dynamic route makes; undefined for a catch-all at the root (the guide pages). */
function dynamicRoute(pagesRelative: string): RegExp | undefined {
  const segments = pagesRelative.replace(/\.(astro|md|mdx|html|ts|js)$/, '').split('/');
  if (segments.length === 1 && /^\[\.\.\.[^\]]+\]$/.test(segments[0]!)) return undefined;
  const pattern = segments
    .filter((segment, i) => !(segment === 'index' && i === segments.length - 1))
    .map((segment) =>
      /^\[\.\.\.[^\]]+\]$/.test(segment) ? '.*' : segment.split(/(\[[^\]]+\])/).map((part) => (part.startsWith('[') ? '[^/]+' : escapeRegExp(part))).join(''),
    )
    .join('/');
  return new RegExp(`^/${pattern}/?$`);
}

/** The site path of a file in src/pages, or undefined for dynamic routes (`[…]`). */
function routeOf(pagesRelative: string): string | undefined {
  if (pagesRelative.includes('[')) return undefined;
  const withoutExtension = pagesRelative.replace(/\.(astro|md|mdx|html|ts|js)$/, '');
  if (withoutExtension === pagesRelative) return undefined;
  if (withoutExtension === 'index') return '/';
  if (withoutExtension.endsWith('/index')) return `/${withoutExtension.slice(0, -'index'.length)}`;
  // Endpoints keep their file name (`feed.xml.ts` → /feed.xml); pages get a trailing slash.
  if (/\.(ts|js)$/.test(pagesRelative)) return `/${withoutExtension}`;
  return `/${withoutExtension}/`;
}

export async function loadProject(root: string): Promise<Project> {
  const problems: Problem[] = [];
  const guides: GuideFile[] = [];
  for (const path of walk(join(root, GUIDES_DIR))) {
    const guide = readGuide(root, path, problems);
    if (guide) guides.push(guide);
  }

  const screenshotData = new Map<string, ScreenshotDataFile>();
  for (const path of walk(join(root, SCREENSHOT_DATA_DIR))) {
    if (!/\.ya?ml$/.test(path)) continue;
    const data = readScreenshotData(root, path, problems);
    if (data) screenshotData.set(data.name, data);
  }

  const images: ScreenshotImage[] = [];
  const screenshotRoot = join(root, SCREENSHOT_DIR);
  for (const path of walk(screenshotRoot)) {
    if (!path.endsWith('.png')) continue;
    const inside = toPosix(relative(screenshotRoot, path));
    const parts = inside.split('/');
    const override = parts.length === 2 && isLocale(parts[0]!) ? (parts[0] as Locale) : undefined;
    const meta = await sharp(path).metadata();
    images.push({
      name: parts[parts.length - 1]!.replace(/\.png$/, ''),
      ...(override ? { locale: override } : {}),
      file: toPosix(relative(root, path)),
      width: meta.width,
      height: meta.height,
    });
  }

  const publicRoot = join(root, PUBLIC_DIR);
  const publicFiles = new Set(walk(publicRoot).map((p) => `/${toPosix(relative(publicRoot, p))}`));

  const staticRoutes = new Set<string>();
  const generatedRoutes: RegExp[] = [];
  const pagesRoot = join(root, PAGES_DIR);
  for (const path of walk(pagesRoot)) {
    const inside = toPosix(relative(pagesRoot, path));
    if (!/\.(astro|md|mdx|html|ts|js)$/.test(inside)) continue;
    const route = routeOf(inside);
    if (route) staticRoutes.add(route);
    else {
      const pattern = dynamicRoute(inside);
      if (pattern) generatedRoutes.push(pattern);
    }
  }

  const componentsRoot = join(root, COMPONENTS_DIR);
  const componentNames = existsSync(componentsRoot)
    ? readdirSync(componentsRoot)
        .filter((f) => f.endsWith('.astro') && statSync(join(componentsRoot, f)).isFile())
        .map((f) => f.slice(0, -'.astro'.length))
        .sort()
    : [];

  return { root, guides, screenshotData, images, publicFiles, staticRoutes, generatedRoutes, componentNames, problems };
}

/** A page of the built site and the MDX file its content comes from. */
export interface SitePage {
  path: string;
  locale: Locale;
  slug: string;
  source: GuideFile;
  isFallback: boolean;
}

/**
 * The guide pages the build publishes, by site path (without the deploy base): every
 * published default-locale page in every locale, from the locale's own file where
 * there is one. Mirrors resolvePages() in src/lib/routing.ts.
 */
export function sitePages(project: Project, options: { includeDrafts?: boolean } = {}): Map<string, SitePage> {
  const published = project.guides.filter((g) => options.includeDrafts || !g.draft);
  const byKey = new Map(published.map((g) => [`${g.locale}/${g.slug}`, g]));
  const pages = new Map<string, SitePage>();
  for (const original of published.filter((g) => g.locale === defaultLocale)) {
    for (const locale of locales) {
      const own = byKey.get(`${locale}/${original.slug}`);
      const path = pagePath(locale, original.slug);
      pages.set(path, { path, locale, slug: original.slug, source: own ?? original, isFallback: !own });
    }
  }
  return pages;
}

/** The node at a key path in a YAML document, e.g. ['regions', 'fortsett', 'box']. */
export function yamlNode(source: YamlSource, path: readonly (string | number)[]): YamlNode | undefined {
  let node: unknown = source.doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
      node = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return undefined;
    }
  }
  return (node ?? undefined) as YamlNode | undefined;
}

/**
 * Where a value in a YAML document is written (a mapping: its key); for a missing value,
 * the key of its nearest parent that exists, else the top of the file.
 */
export function yamlPosition(source: YamlSource, path: readonly (string | number)[]): SourcePosition {
  const node = yamlNode(source, path);
  // A block of keys starts on the line after its own key: point at the key.
  const key = isMap(node) && path.length > 0 ? keyRange(source, path) : undefined;
  if (key !== undefined) return source.lines.at(source.offset + key);
  if (node?.range) return source.lines.at(source.offset + node.range[0]);
  for (let depth = path.length; depth >= 1; depth--) {
    const key = keyRange(source, path.slice(0, depth));
    if (key !== undefined) return source.lines.at(source.offset + key);
  }
  return source.lines.at(source.offset);
}

/** The offset of the key that holds the value at `path`. */
function keyRange(source: YamlSource, path: readonly (string | number)[]): number | undefined {
  const parent = yamlNode(source, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === last);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as YamlNode | undefined;
    if (item?.range) return item.range[0];
  }
  return undefined;
}
