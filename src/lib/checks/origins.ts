/**
 * Where a problem found in a built page is fixed. A guide page's links and ids are looked
 * up in what the compile recorded for its MDX file (src/guide/remark-guide.ts), by their
 * value: never guessed from class names or by counting elements. An address or id the
 * page's MDX does not hold was written by the route that renders the page, or by a
 * layout or component it uses, and is reported at that route.
 */
import type { SourcePosition } from './problems.ts';
import type { GuideFile } from './project.ts';

/** What is known about a built page's source. */
export interface BuiltPageSource {
  /** The site path, without the deploy base. */
  path: string;
  /** The MDX files whose content the page shows: one on a guide page, several in a print document. */
  guides: GuideFile[];
  /** The route file that renders the page, e.g. src/pages/[...path].astro. */
  route?: string;
}

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

/** `/veiledning/en/bankid/` → `/en/bankid/` when the site is built under a base path. */
export function withoutBase(value: string, base: string): string {
  const prefix = base.replace(/\/$/, '');
  if (prefix !== '' && (value === prefix || value.startsWith(`${prefix}/`))) return value.slice(prefix.length) || '/';
  return value;
}

/** Where the page's MDX writes an address that leads where `value` (as built) leads; empty when the MDX does not hold it. */
export function linkPositions(page: BuiltPageSource, value: string, base: string): SourcePosition[] {
  const wanted = comparableUrl(withoutBase(value, base), page.path);
  if (wanted === undefined) return [];
  return page.guides.flatMap((guide) =>
    (guide.record?.links ?? []).filter((link) => comparableUrl(link.url, page.path) === wanted).map((link) => guide.lines.at(link.offset)),
  );
}

/** Where the page's MDX gives an element this id (a heading, or a step's id or title); undefined when it does not. */
export function idPosition(page: BuiltPageSource, id: string): SourcePosition | undefined {
  for (const guide of page.guides) {
    const recorded = guide.record?.ids.find((entry) => entry.id === id);
    if (recorded) return guide.lines.at(recorded.offset);
  }
  return undefined;
}

/** The route that renders a page, for what its MDX does not hold. */
export function routePosition(page: BuiltPageSource): SourcePosition {
  return { file: page.route ?? 'src/layouts/Base.astro', line: 1, column: 1 };
}
