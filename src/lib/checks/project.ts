/**
 * The editors' sources as the checks see them: every guide MDX file compiled to its
 * syntax tree with the guide's own remark plugins (src/guide/plugins.ts, the list Astro's
 * MDX compile uses), with their problems and the record of its links, ids and component
 * uses; every screenshot YAML file with the position of each value; every PNG with its
 * true size; and the site paths that exist. Read straight from the files (no Astro), so
 * the checks run before the build and in unit tests. Anything that cannot be read (a
 * file in the wrong place, a symlink, corrupt YAML or PNG) is a problem, never a crash.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Root } from 'mdast';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { isReadable, parseYaml, type YamlSource } from '../../guide/yaml-source.ts';
import { invisibleCharacter } from '../../guide/characters.ts';
import { componentNames } from '../../guide/components.ts';
import { slugify } from '../../guide/ids.ts';
import { frontmatterValues, readFrontmatter } from '../../guide/frontmatter.ts';
import { createGuideCompiler } from '../../guide/plugins.ts';
import type { PageRecord } from '../../guide/remark-guide.ts';
import { guideErrors } from '../../guide/report.ts';
import { LineIndex } from '../../guide/source-text.ts';
import { isLocale, locales, type Locale } from '../../i18n/locales.ts';
import { SCREENSHOT_DIR } from '../images.ts';
import { offeredOnly, pagePath, resolvePages, routeProblems, withoutDrafts } from '../../guide/routing.ts';
import { problem, type Problem } from './problems.ts';

export { isReadable, yamlNode, yamlPosition, type YamlSource } from '../../guide/yaml-source.ts';
import { MarkupScanner, scanSvg } from './scan.ts';

export const GUIDES_DIR = 'src/content/guides';
export const SCREENSHOT_DATA_DIR = 'src/content/screenshots';
export const PAGES_DIR = 'src/pages';
export const PUBLIC_DIR = 'public';
/** The kinds of file public/ may hold: it is published as it is, so nothing in it may be a page or code. */
const PUBLIC_TYPES = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'ico', 'svg', 'pdf', 'txt', 'woff', 'woff2']);

/** A YAML document with the offset of its first character in the file it sits in. */
export interface GuideFile {
  /** Relative to the project root, with forward slashes. */
  file: string;
  locale: Locale;
  slug: string;
  text: string;
  lines: LineIndex;
  /** True once the page compiled; false when it does not parse (see `problems`). */
  compiled: boolean;
  /** Its links, ids and component uses, recorded while it compiled. */
  record?: PageRecord;
  /** Its syntax tree as the guide's plugins left it, every node at its place in `text`. */
  tree?: Root;
  frontmatter?: YamlSource;
  /** The frontmatter's values as the content loader reads them (an unquoted date is a Date). */
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
  /** The components an MDX page may use (src/guide/components.ts). */
  componentNames: readonly string[];
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

/**
 * Every regular file under one of the folders editors change (src/content, public), with
 * a problem for anything else there: a symlink (it could publish any file of the build
 * machine), a dot-file or dot-folder (the build skips it silently), a name with an
 * invisible character, or something that is neither file nor folder.
 */
export function walkEditorFiles(root: string, dir: string, problems: Problem[]): string[] {
  const found: string[] = [];
  const visitDir = (path: string) => {
    if (!existsSync(path)) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      const file = toPosix(relative(root, child));
      const at = { file, line: 1, column: 1 };
      const invisible = invisibleCharacter(entry.name);
      if (lstatSync(child).isSymbolicLink()) {
        problems.push(problem(at, 'file/symlink', 'is a symbolic link: the site publishes only real files; put the file itself here'));
      } else if (entry.name.startsWith('.')) {
        problems.push(problem(at, 'file/hidden', 'is a hidden file or folder (its name starts with "."), which the site never publishes: rename or delete it'));
      } else if (invisible) {
        problems.push(problem(at, 'text/invisible', `the name holds an invisible ${invisible.name}: rename the file`));
      } else if (entry.isDirectory()) {
        visitDir(child);
      } else if (entry.isFile()) {
        found.push(child);
      } else {
        problems.push(problem(at, 'file/special', 'is not a regular file: delete it'));
      }
    }
  };
  visitDir(join(root, dir));
  return found.sort();
}

/** Compiles MDX as Astro's MDX integration does, with the guide's plugins (the safe profile first). */
const mdxCompiler = createGuideCompiler();

interface VFileMessageLike {
  reason?: string;
  message?: string;
  place?: { line?: number; column?: number; offset?: number } | { start?: { line?: number; column?: number } };
  line?: number;
  column?: number;
}


/** A YAML document's plain value; empty for one that is not readable (its problems are reported already). */
function yamlValue(source: YamlSource): Record<string, unknown> {
  if (!isReadable(source)) return {};
  const value = source.doc.toJS({ maxAliasCount: 0 }) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}


async function readGuide(root: string, path: string, problems: Problem[]): Promise<GuideFile | undefined> {
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
          (match && locale && isLocale(locale) ? ` (e.g. ${GUIDES_DIR}/${locale}/${slugify((slug ?? '').replace(/\.[a-z]+$/, ''))}.mdx)` : ''),
      ),
    );
    return undefined;
  }
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(file, text);
  const guide: GuideFile = { file, locale, slug, text, lines, data: {}, draft: false, compiled: false };

  const front = readFrontmatter(text);
  if (front?.fence === '+++') {
    problems.push(problem(lines.at(0), 'page/frontmatter', 'the frontmatter is TOML (between +++ lines): write it as YAML between --- lines, like every other page'));
  } else if (front) {
    guide.frontmatter = parseYaml(front.yaml, front.offset, lines, 'page/frontmatter', 'the frontmatter', problems);
    // The values as the content loader reads them; positions come from the `yaml` document.
    guide.data = isReadable(guide.frontmatter) ? (frontmatterValues(text) ?? {}) : {};
    guide.draft = guide.data.draft === true;
  }

  try {
    const vfile = new VFile({ path, value: front?.body ?? text, cwd: root });
    // process() in its three steps, to keep the syntax tree as the guide's plugins leave it.
    // (@mdx-js/mdx types run() by the JavaScript tree the compile ends with; it takes the parsed one.)
    const tree = mdxCompiler.parse(vfile);
    mdxCompiler.stringify(await mdxCompiler.run(tree as never, vfile), vfile);
    guide.compiled = true;
    guide.tree = tree;
    guide.record = vfile.data.guide;
    for (const message of guideErrors(vfile)) {
      problems.push(problem({ file, line: message.line ?? 1, column: message.column ?? 1 }, message.ruleId ?? 'mdx/content', message.reason));
    }
  } catch (error) {
    const message = error as VFileMessageLike;
    const place = message.place && 'line' in message.place ? message.place : undefined;
    const reason = (message.reason ?? message.message ?? String(error)).replace(/\s+/g, ' ');
    // An unclosed tag has no place of its own; its message ends with where the tag opens: (3:1-3:8).
    const named = /\((\d+):(\d+)-\d+:\d+\)$/.exec(reason);
    const line = place?.line ?? message.line ?? (named ? Number(named[1]) : 1);
    const column = place?.column ?? message.column ?? (named ? Number(named[2]) : 1);
    problems.push(problem({ file, line, column }, 'mdx/syntax', `the page cannot be read: ${reason}`));
  }
  return guide;
}

function readScreenshotData(root: string, path: string, problems: Problem[]): ScreenshotDataFile {
  const file = toPosix(relative(root, path));
  const name = toPosix(relative(join(root, SCREENSHOT_DATA_DIR), path)).replace(/\.ya?ml$/, '');
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(file, text);
  const yaml = parseYaml(text, 0, lines, 'screenshot/invalid-data', 'this file', problems);
  return { name, file, yaml, data: yamlValue(yaml) };
}

export async function loadProject(root: string): Promise<Project> {
  const problems: Problem[] = [];
  const guides: GuideFile[] = [];
  const screenshotData = new Map<string, ScreenshotDataFile>();
  for (const path of walkEditorFiles(root, 'src/content', problems)) {
    const inside = toPosix(relative(root, path));
    if (inside.startsWith(`${GUIDES_DIR}/`)) {
      const guide = await readGuide(root, path, problems);
      if (guide) guides.push(guide);
    } else if (inside.startsWith(`${SCREENSHOT_DATA_DIR}/`) && /\.ya?ml$/.test(path)) {
      const data = readScreenshotData(root, path, problems);
      screenshotData.set(data.name, data);
    }
  }

  const publicRoot = join(root, PUBLIC_DIR);
  const svgScanner = new MarkupScanner('/');
  const publicPaths = walkEditorFiles(root, PUBLIC_DIR, problems).filter((path) => {
    const file = toPosix(relative(root, path));
    const type = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
    if (type === undefined || !PUBLIC_TYPES.has(type)) {
      problems.push(
        problem({ file, line: 1, column: 1 }, 'file/type', `${type ? `a .${type} file` : 'a file without a type'} is not published from public/: it holds pictures, PDFs and fonts (${[...PUBLIC_TYPES].join(', ')}); pages and code come from the build`),
      );
      return false;
    }
    if (type === 'svg') {
      for (const found of scanSvg(readFileSync(path, 'utf8'), `/${toPosix(relative(publicRoot, path))}`, svgScanner)) {
        problems.push(problem({ file, line: 1, column: 1 }, found.rule, `${found.message}: a picture holds no code and loads nothing from elsewhere; export it again without it`));
      }
    }
    return true;
  });
  const publicFiles = new Set(publicPaths.map((p) => `/${toPosix(relative(publicRoot, p))}`));

  const images: ScreenshotImage[] = [];
  const screenshotRoot = join(root, SCREENSHOT_DIR);
  const pngs = publicPaths.filter((p) => p.startsWith(`${screenshotRoot}${sep}`) && p.endsWith('.png'));
  await Promise.all(
    pngs.map(async (path) => {
      const file = toPosix(relative(root, path));
      const size = await pngSize(path);
      if (typeof size === 'string') {
        problems.push(problem({ file, line: 1, column: 1 }, 'screenshot/unreadable', `${size}: export the screenshot again as PNG`));
        return;
      }
      const parts = toPosix(relative(screenshotRoot, path)).split('/');
      const override = parts.length === 2 && isLocale(parts[0]!) ? (parts[0] as Locale) : undefined;
      images.push({ name: parts[parts.length - 1]!.replace(/\.png$/, ''), ...(override ? { locale: override } : {}), file, ...size });
    }),
  );
  images.sort((a, b) => a.file.localeCompare(b.file));

  for (const refused of routeProblems(guides.map((g) => `${g.locale}/${g.slug}`))) {
    problems.push(problem({ file: `${GUIDES_DIR}/${refused.id}.mdx`, line: 1, column: 1 }, 'page/route', refused.message));
  }

  return { root, guides, screenshotData, images, publicFiles, componentNames, problems };
}

/** The last 8 bytes of every whole PNG: the IEND chunk's type and CRC. */
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** A PNG's true size, or why it cannot be read (empty, truncated, not a PNG). */
async function pngSize(path: string): Promise<{ width: number; height: number } | string> {
  try {
    const bytes = readFileSync(path);
    const image = sharp(bytes, { failOn: 'truncated' });
    const meta = await image.metadata();
    if (meta.format !== 'png') return `this file is ${meta.format ? `a ${meta.format.toUpperCase()} image` : 'no image'} with a .png name`;
    // A PNG ends with its IEND chunk: without it the file was cut off on its way here.
    if (!bytes.subarray(-8).equals(PNG_END)) return 'this PNG is cut off (it does not end with its IEND chunk)';
    // Decoding the pixels finds a corrupt file that its header alone hides.
    await image.stats();
    return { width: meta.width, height: meta.height };
  } catch (error) {
    return `this PNG cannot be read (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`;
  }
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
 * The guide pages the build publishes, by site path (without the deploy base): the
 * routing the site itself uses (resolvePages in src/lib/routing.ts), on the files as read.
 * Pages routing refuses (no original, a reserved name) are left out: routeProblems names them.
 */
export function sitePages(project: Project, options: { includeDrafts?: boolean; offered?: readonly string[] } = {}): Map<string, SitePage> {
  const all = project.guides.map((guide) => {
    const method = typeof guide.data.method === 'string' ? guide.data.method : undefined;
    return { id: `${guide.locale}/${guide.slug}`, data: { draft: guide.draft, method }, guide };
  });
  // The pages of one trust's site: methods it does not offer have none (see offeredOnly).
  const entries = options.offered ? offeredOnly(all, options.offered) : all;
  type Entry = (typeof entries)[number];
  const refused = new Set(routeProblems(entries.map((e) => e.id)).map((p) => p.id));
  const routed = resolvePages((options.includeDrafts ? entries : withoutDrafts(entries)).filter((e) => !refused.has(e.id)));
  return new Map(
    routed.map((page) => {
      const path = pagePath(page.locale, page.slug);
      return [path, { path, locale: page.locale, slug: page.slug, source: (page.entry as Entry).guide, isFallback: page.isFallback }];
    }),
  );
}

