/**
 * Checks of the built site, where every link the pages really have is known (the
 * navigation, language picker, pagination and hreflang that the layout writes, not
 * only the editors' links): every internal URL of every page and stylesheet must lead to
 * a file of the site, as the intranet server resolves it; every `#id` a link points to
 * must be an element on its page; no id may be used twice; and the last-line scan
 * (scan.ts) of every page's markup and every SVG. Each problem is looked up in what the
 * compile recorded for the page's MDX; what the MDX does not hold is the route's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Parser } from 'htmlparser2';
import { PDF_DIR, PRINT_MANIFEST, type PrintManifest } from '../print/files.ts';
import { localeOfPath, SEARCH_ENTRY_PATH, withBase } from '../../guide/routing.ts';
import { closestMatch, didYouMean } from '../suggest.ts';
import { idPosition, linkPositions, routePosition, withoutBase, type BuiltPageSource } from './origins.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import { PAGES_DIR, sitePages, walk, type Project } from './project.ts';
import { LineIndex } from '../../guide/source-text.ts';
import { MarkupScanner, scanSvg, type UnsafeMarkup } from './scan.ts';

/** A URL in a built page: the tag and attribute that hold it. */
export interface HtmlRef {
  tag: UrlTag;
  attribute: string;
  /** As written in the HTML (entities decoded). */
  value: string;
}

/**
 * What the checks keep of a built page: its ids, its URLs and what the last-line scan
 * found, not the page. A large guide's pages each list every page in their menu: holding
 * their elements would hold millions of objects until the last page is read.
 */
export interface BuiltPage {
  /** Site path without the base: `/`, `/en/bankid/`, `/404.html`. */
  path: string;
  file: string;
  /** What the last-line scan (scan.ts) found in its markup. */
  unsafe: UnsafeMarkup[];
  /** Each id on the page, and how many elements have it. */
  ids: Map<string, number>;
  refs: HtmlRef[];
}

/** Tags and the attributes that hold URLs to check on them. */
const URL_ATTRIBUTES = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  script: ['src'],
  iframe: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  track: ['src'],
  embed: ['src'],
  form: ['action'],
} as const satisfies Record<string, readonly string[]>;
type UrlTag = keyof typeof URL_ATTRIBUTES;
const isUrlTag = (tag: string): tag is UrlTag => Object.hasOwn(URL_ATTRIBUTES, tag);

/**
 * Reads a built page's ids and URLs, and scans its markup (scan.ts), in one parse. The
 * same address on many pages is kept once (the menu's links repeat on every page).
 */
export function parseBuiltPage(html: string, path: string, file: string, scanner: MarkupScanner, base = '/', values = new Map<string, string>()): BuiltPage {
  const ids = new Map<string, number>();
  const refs: HtmlRef[] = [];
  const unsafe: UnsafeMarkup[] = [];
  const served = withBase(path, base);
  /**
   * One string per address or id, shared by every page that has it. A copy of its own: the
   * parser's string is cut from the page's text, and would keep the whole page in memory.
   */
  const kept = (value: string) => {
    let same = values.get(value);
    if (same === undefined) {
      same = Buffer.from(value, 'utf8').toString('utf8');
      values.set(same, same);
    }
    return same;
  };
  const parser = new Parser(
    {
      onopentag(tag, attribs) {
        const found = scanner.element(tag, attribs, served);
        if (found.length > 0) unsafe.push(...found);
        const id = attribs.id ?? (tag === 'a' ? attribs.name : undefined);
        if (id) ids.set(kept(id), (ids.get(id) ?? 0) + 1);
        if (!isUrlTag(tag)) return;
        for (const attribute of URL_ATTRIBUTES[tag]) {
          const value = attribs[attribute];
          if (value === undefined) continue;
          if (attribute === 'srcset') {
            for (const candidate of value.split(',')) {
              const url = candidate.trim().split(/\s+/)[0];
              if (url) refs.push({ tag, attribute, value: kept(url) });
            }
          } else {
            refs.push({ tag, attribute, value: kept(value.trim()) });
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { path, file, ids, refs, unsafe };
}

const toPosix = (path: string) => path.split(sep).join('/');

function sitePathOf(dir: string, file: string): string {
  const rel = toPosix(relative(dir, file));
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

/** The print pages the PDF export prints: /print/, /nn/print/bankid/ … */
const PRINT_PAGE = /^\/(?:[a-z]{2}\/)?print\/(?:([a-z0-9-]+)\/)?$/;

/** The route file that renders a non-guide page: /sok/ → src/pages/sok.astro. */
function routeFileOf(root: string, path: string): string | undefined {
  const bare = path.replace(/\.html$/, '').replace(/\/$/, '') || '/index';
  const candidates = [`${PAGES_DIR}${bare}.astro`, `${PAGES_DIR}${bare}/index.astro`, `${PAGES_DIR}${bare}.md`, `${PAGES_DIR}${bare}.mdx`];
  return candidates.find((c) => existsSync(join(root, c)));
}

/** Where a stylesheet in src/ names a file, by its file name; the first stylesheet otherwise. */
function stylesheetPosition(root: string, missing: string): SourcePosition {
  const name = missing.split('/').pop() ?? missing;
  const sheets = walk(join(root, 'src')).filter((f) => f.endsWith('.css'));
  for (const sheet of sheets) {
    const text = readFileSync(sheet, 'utf8');
    const at = text.indexOf(name);
    if (at !== -1) return new LineIndex(toPosix(relative(root, sheet)), text).at(at);
  }
  return { file: sheets[0] ? toPosix(relative(root, sheets[0])) : 'src/styles', line: 1, column: 1 };
}

/** The PDFs the print manifest promises, as site paths: `/pdf/logg-inn-hjemmefra-nb.pdf`. */
function promisedPdfs(dir: string): string[] {
  const manifest = join(dir, PRINT_MANIFEST);
  if (!existsSync(manifest)) return [];
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as PrintManifest).targets.map((t) => `/${PDF_DIR}/${t.file}`);
  } catch {
    return [];
  }
}

export interface BuiltCheckOptions {
  /** The deploy base the site was built with: `/` or e.g. `/veiledning/`. */
  base: string;
  /** The login methods of the trust the site is built for: their pages are the only method pages built. */
  offered?: readonly string[];
  /** The trust the site is built for, for messages. */
  trust?: string;
}

interface Finding {
  at: SourcePosition;
  rule: string;
  message: string;
  pages: Set<string>;
}

/** The built site's HTML pages, parsed, by site path. */
export type BuiltPages = Map<string, BuiltPage>;

/**
 * Reads, parses and scans every HTML page of a built site: the bulk of the built-site
 * checks' time, so the build starts it as soon as the pages are written. Pages that
 * appear later are read by checkBuiltSite.
 */
export function readBuiltPages(dir: string, base: string, files: readonly string[] = walk(dir)): BuiltPages {
  const pages: BuiltPages = new Map();
  const scanner = new MarkupScanner(base);
  const values = new Map<string, string>();
  for (const file of files) {
    if (!file.endsWith('.html')) continue;
    const path = sitePathOf(dir, file);
    pages.set(path, parseBuiltPage(readFileSync(file, 'utf8'), path, file, scanner, base, values));
  }
  return pages;
}

/**
 * Checks every link, fragment and id of the built site in `dir`. `read` holds pages parsed
 * earlier by readBuiltPages; the site's files are listed now, so files added since count.
 */
export async function checkBuiltSite(project: Project, dir: string, options: BuiltCheckOptions, read?: BuiltPages): Promise<Problem[]> {
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const guides = sitePages(project, options.offered ? { offered: options.offered } : {});
  const everyMethod = options.offered ? sitePages(project) : guides;
  /** The method of a page that exists in the guide but not in this trust's site. */
  const notOffered = (path: string): string | undefined => {
    const method = guides.has(path) ? undefined : everyMethod.get(path)?.source.data.method;
    return typeof method === 'string' ? method : undefined;
  };
  const built = walk(dir);
  const pages = read ? new Map(read) : readBuiltPages(dir, base, built);
  if (read) {
    const html = new Set(built.filter((f) => f.endsWith('.html')));
    for (const [path, page] of pages) if (!html.has(page.file)) pages.delete(path);
    const unread = built.filter((f) => f.endsWith('.html') && !pages.has(sitePathOf(dir, f)));
    for (const [path, page] of readBuiltPages(dir, base, unread)) pages.set(path, page);
  }
  const sources = new Map<string, BuiltPageSource>();
  for (const path of pages.keys()) {
    const guide = guides.get(path)?.source;
    const printed = PRINT_PAGE.exec(path);
    if (guide) {
      sources.set(path, { path, guides: [guide], route: `${PAGES_DIR}/[...path].astro` });
    } else if (printed) {
      // A print page holds its locale's pages (the whole guide) or one of them (a handout).
      const locale = localeOfPath(path);
      const slug = printed[1];
      const shown = [...guides.values()].filter((p) => p.locale === locale && (slug === undefined || p.slug === slug)).map((p) => p.source);
      sources.set(path, { path, guides: shown, route: `${PAGES_DIR}/[...print].astro` });
    } else {
      const route = routeFileOf(project.root, path);
      sources.set(path, { path, guides: [], ...(route ? { route } : {}) });
    }
  }

  const guideFiles = new Set(project.guides.map((g) => g.file));
  const findings = new Map<string, Finding>();
  /** `subject`: what the problem is about (the address as written): the layout's same mistake on every page is one finding. */
  const report = (at: SourcePosition, rule: string, message: string, page: string, subject = message) => {
    // A link the layout writes breaks on many pages at once: one line for it, naming the pages.
    const key = guideFiles.has(at.file) ? `${at.file}:${at.line}:${at.column}:${rule}:${message}` : `${at.file}:${at.line}:${at.column}:${rule}:${subject}`;
    const finding = findings.get(key) ?? { at, rule, message, pages: new Set<string>() };
    finding.pages.add(page);
    findings.set(key, finding);
  };
  /** Every place the page's MDX writes this address; the page's route when the layout or a component writes it. */
  const where = (page: BuiltPage, ref: HtmlRef): SourcePosition[] => {
    const source = sources.get(page.path)!;
    const written = linkPositions(source, ref.value, base);
    return written.length > 0 ? written : [routePosition(source)];
  };
  const reportAll = (at: SourcePosition[], rule: string, message: string, page: string, subject?: string) =>
    at.forEach((position) => report(position, rule, message, page, subject));

  const origin = 'http://site.invalid';
  const pageUrl = (path: string) => `${origin}${withBase(path, base)}`;
  /** The built page or file a URL leads to, as a site path; undefined when it leaves the site. */
  const sitePathOfUrl = (url: URL): string | undefined => {
    if (url.origin !== origin || !url.pathname.startsWith(base)) return undefined;
    let path = `/${url.pathname.slice(base.length)}`;
    try {
      path = decodeURIComponent(path);
    } catch {
      // Left encoded; it then matches no page.
    }
    return path;
  };
  /**
   * An address on the site's own host but outside its base (/bankid/ on a site published
   * at /veiledning/): written without withBase(), it leads nowhere once deployed. The
   * base itself without its slash (/veiledning) is redirected by the server.
   */
  const outsideBase = (url: URL) => url.origin === origin && !url.pathname.startsWith(base) && `${url.pathname}/` !== base;
  const outsideMessage = (value: string) => `"${value}" is outside the site's base ${base}: write the link with withBase() or as a page address`;
  const pagePaths = [...pages.keys()].filter((p) => !p.endsWith('.html'));

  // Every file of the site, by site path. A link is good when the intranet server would
  // answer it: a file, a folder's index.html, or a folder without its slash (redirected).
  const files = new Set(built.map((f) => `/${toPosix(relative(dir, f))}`));
  // The search index and the PDFs are made after these checks; each step fails the build when it cannot make its files.
  for (const pdf of promisedPdfs(dir)) files.add(pdf);
  files.add(SEARCH_ENTRY_PATH);
  const served = (path: string) =>
    path.endsWith('/') ? files.has(`${path}index.html`) : files.has(path) || files.has(`${path}/index.html`);

  // Stylesheets' url()s: a missing font or image is reported where the styles name it.
  for (const sheet of [...files].filter((f) => f.endsWith('.css'))) {
    const css = readFileSync(join(dir, sheet), 'utf8');
    for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      const value = match[2]!.trim();
      if (/^(data|https?|mailto):/i.test(value) || value.startsWith('#')) continue;
      let url: URL;
      try {
        url = new URL(value, pageUrl(sheet));
      } catch {
        report(stylesheetPosition(project.root, value), 'link/missing-file', `url(${value}) is not a valid address`, sheet);
        continue;
      }
      const path = sitePathOfUrl(url);
      if (outsideBase(url)) report(stylesheetPosition(project.root, value), 'link/missing-file', outsideMessage(value), sheet);
      else if (path !== undefined && !served(path)) {
        report(stylesheetPosition(project.root, path), 'link/missing-file', `"${path}" is not in the built site`, sheet);
      }
    }
  }

  // Every page repeats the layout's links (the whole menu): resolve each address once. An
  // address from the site root means the same on every page; others (#step, ../x/) depend on the page.
  type Resolved = { url: URL; path: string } | 'outside-base' | null;
  const resolved = new Map<string, Resolved>();
  const resolve = (value: string, pagePath: string): Resolved => {
    const key = value.startsWith('/') && !value.startsWith('//') ? value : `${pagePath}\0${value}`;
    let hit = resolved.get(key);
    if (hit === undefined) {
      try {
        const url = new URL(value, pageUrl(pagePath));
        const path = sitePathOfUrl(url);
        hit = path !== undefined ? { url, path } : outsideBase(url) ? 'outside-base' : null;
      } catch {
        hit = null;
      }
      resolved.set(key, hit);
    }
    return hit;
  };

  // Pictures are read too: an SVG opened from the site runs its scripts there.
  const scanner = new MarkupScanner(base);
  for (const svg of [...files].filter((f) => f.endsWith('.svg'))) {
    const fromPublic = project.publicFiles.has(svg);
    for (const found of scanSvg(readFileSync(join(dir, svg), 'utf8'), withBase(svg, base), scanner)) {
      const at = fromPublic ? { file: `public${svg}`, line: 1, column: 1 } : { file: 'src', line: 1, column: 1 };
      report(at, found.rule, `${found.message}: a picture holds no code and loads nothing from elsewhere; export it again without it`, svg);
    }
  }

  for (const page of pages.values()) {
    const source = sources.get(page.path)!;
    for (const finding of page.unsafe) {
      const written = finding.value === undefined ? [] : linkPositions(source, finding.value, base);
      const at = written.length > 0 ? written : [routePosition(source)];
      reportAll(at, finding.rule, `${finding.message}: the site publishes no such markup; remove it`, page.path);
    }
    for (const ref of page.refs) {
      const hit = resolve(ref.value, page.path);
      if (!hit) continue;
      if (hit === 'outside-base') {
        const isPage = ['a', 'area', 'form'].includes(ref.tag);
        reportAll(where(page, ref), isPage ? 'link/missing-page' : 'link/missing-file', outsideMessage(ref.value), page.path, ref.value);
        continue;
      }
      const { url, path } = hit;
      if (!served(path)) {
        const isPage = ['a', 'area', 'form'].includes(ref.tag) && !/\.[a-z0-9]+$/i.test(path);
        const unoffered = isPage ? notOffered(path) : undefined;
        const message = unoffered
          ? `"${withoutBase(ref.value, base)}" is the ${unoffered} page, and ${options.trust ?? 'this trust'} does not offer ${unoffered} (methods: in src/trusts/${options.trust ?? '<id>'}.yaml): this trust's site has no such page. Take the link out of the text every trust shares, or offer the method`
          : isPage
          ? `"${withoutBase(ref.value, base)}" is not a page of the site${didYouMean(path, pagePaths)}`
          : `"${withoutBase(ref.value, base)}" (<${ref.tag} ${ref.attribute}>) is not in the built site`;
        reportAll(where(page, ref), isPage ? 'link/missing-page' : 'link/missing-file', message, page.path, ref.value);
        continue;
      }
      if ((ref.tag !== 'a' && ref.tag !== 'area') || url.hash.length <= 1) continue;
      // A print page's links within itself are the guide pages' links rewritten for paper:
      // they are checked, and reported once, on the guide pages they come from.
      if (PRINT_PAGE.test(page.path) && (path === page.path || `${path}/` === page.path)) continue;
      const target = pages.get(path) ?? pages.get(`${path}/`);
      if (!target) continue; // A missing page is reported above; a file's fragment (PDF #page=2) is not an id.
      let fragment = url.hash.slice(1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // Kept as written.
      }
      if (target.ids.has(fragment) || /^top$/i.test(fragment)) continue;
      const written = ref.value.startsWith('#') ? ref.value : withoutBase(ref.value, base);
      const closest = closestMatch(fragment, [...target.ids.keys()]);
      reportAll(
        where(page, ref),
        'link/fragment',
        `"#${fragment}" is not a heading or step on ${target.path}${closest ? ` (did you mean "#${closest}"?)` : ''}` +
          (written.startsWith('#') ? '' : ` (link "${written}")`),
        page.path,
        ref.value,
      );
    }

    for (const [id, count] of page.ids) {
      // Ids within a page's MDX are unique (the compile makes sure); a second one comes from the layout.
      for (let second = 1; second < count; second++) {
        report(
          idPosition(source, id) ?? routePosition(source),
          'html/duplicate-id',
          `two elements on ${page.path} have id "${id}", so a link to #${id} cannot reach the second: give it another title or its own id="…"`,
          page.path,
          `#${id}`,
        );
      }
    }
  }

  return [...findings.values()].map((f) => {
    if (guideFiles.has(f.at.file)) return problem(f.at, f.rule, f.message);
    const [first] = f.pages;
    const others = f.pages.size - 1;
    const note = others > 0 ? `on ${first} and ${others} other page${others === 1 ? '' : 's'}` : f.message.includes(` on ${first}`) ? '' : `on ${first}`;
    return problem(f.at, f.rule, note ? `${f.message} (${note})` : f.message);
  });
}
