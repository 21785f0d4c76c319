import { defaultLocale, isLocale, locales, type Locale } from '../i18n/locales.ts';

/** The start page's slug: `index.mdx` in every locale folder. */
export const START_SLUG = 'index';

/** Splits a guide entry id (`nn/bankid`) into its locale and slug. */
export function parseGuideId(id: string): { locale: Locale; slug: string } {
  const match = /^([a-z]{2,3})\/([a-z0-9-]+)$/.exec(id);
  const locale = match?.[1];
  const slug = match?.[2];
  if (!locale || !slug || !(locales as readonly string[]).includes(locale)) {
    throw new Error(
      `src/content/guides/${id}.mdx: a guide must be src/content/guides/<locale>/<slug>.mdx with locale one of ${locales.join(', ')} and a slug of a-z, 0-9 and -`,
    );
  }
  return { locale: locale as Locale, slug };
}

/** The site-relative path of a page, without the deploy base: `/`, `/bankid/`, `/nn/`, `/en/bankid/`. */
export function pagePath(locale: Locale, slug: string): string {
  const prefix = locale === defaultLocale ? '/' : `/${locale}/`;
  return slug === START_SLUG ? prefix : `${prefix}${slug}/`;
}

/** Prefixes a site-relative path with the deploy base (`/` or e.g. `/veiledning/`). */
export function withBase(path: string, base: string): string {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${trimmed}${path}`;
}

/** Paths the site uses for itself; no guide may take them. */
export const RESERVED_SLUGS: readonly string[] = ['sok', 'print', 'img', 'pagefind', 'pdf', 'screenshots', '404', '_astro'];

export interface GuideSource<T> {
  id: string;
  data: T;
}

export interface ResolvedPage<T> {
  /** The locale whose UI and URL the page has. */
  locale: Locale;
  slug: string;
  /** The entry whose content is shown: the locale's own, or the default locale's. */
  entry: GuideSource<T>;
  /** The locale of the content shown; differs from `locale` on a fallback page. */
  contentLocale: Locale;
  /** True when the page is missing in `locale` and shows the default locale's content. */
  isFallback: boolean;
}

/**
 * Every page of the site: each default-locale slug in every locale, with the
 * locale's own entry where it exists and the default locale's otherwise. A page
 * that exists only in a non-default locale is an error: the default locale is the source.
 */
/** Guide files the site cannot publish, by entry id, with what to do: a reserved name, or no original. */
export function routeProblems(ids: readonly string[]): { id: string; message: string }[] {
  const parsed = ids.map((id) => ({ id, ...parseGuideId(id) }));
  const originals = new Set(parsed.filter((p) => p.locale === defaultLocale).map((p) => p.slug));
  const problems: { id: string; message: string }[] = [];
  for (const { id, slug } of parsed) {
    if (RESERVED_SLUGS.includes(slug)) {
      problems.push({ id, message: `"${slug}" is used by the site itself (${RESERVED_SLUGS.join(', ')}); rename the file` });
    } else if (!originals.has(slug)) {
      problems.push({
        id,
        message: `this page has no ${defaultLocale} original: add src/content/guides/${defaultLocale}/${slug}.mdx or rename the file to match an existing page`,
      });
    }
  }
  return problems;
}

export function resolvePages<T>(entries: GuideSource<T>[]): ResolvedPage<T>[] {
  const [refused] = routeProblems(entries.map((e) => e.id));
  if (refused) throw new Error(`src/content/guides/${refused.id}.mdx: ${refused.message}`);
  const byLocale = new Map<Locale, Map<string, GuideSource<T>>>(locales.map((l) => [l, new Map()]));
  for (const entry of entries) {
    const { locale, slug } = parseGuideId(entry.id);
    byLocale.get(locale)!.set(slug, entry);
  }
  const source = byLocale.get(defaultLocale)!;
  const pages: ResolvedPage<T>[] = [];
  for (const locale of locales) {
    for (const [slug, original] of source) {
      const own = byLocale.get(locale)!.get(slug);
      pages.push({
        locale,
        slug,
        entry: own ?? original,
        contentLocale: own ? locale : defaultLocale,
        isFallback: !own,
      });
    }
  }
  return pages;
}

/**
 * Leaves out draft pages. A draft source page takes its translations with it; a draft
 * translation leaves its locale to show the source page until it is ready.
 */
export function withoutDrafts<T extends { id: string; data: { draft: boolean } }>(entries: T[]): T[] {
  const unpublished = unpublishedIds(entries);
  return entries.filter((e) => !unpublished.has(e.id));
}

/** The entries a build leaves out: drafts, and the translations of a draft source page. */
function unpublishedIds(entries: readonly { id: string; data: { draft: boolean } }[]): Set<string> {
  const draftSources = new Set(entries.filter((e) => e.id.startsWith(`${defaultLocale}/`) && e.data.draft).map((e) => parseGuideId(e.id).slug));
  return new Set(entries.filter((e) => e.data.draft || draftSources.has(parseGuideId(e.id).slug)).map((e) => e.id));
}

/**
 * The pages a build leaves out, each shown with its own content, for the editors' preview
 * at draftPreviewPath (never built): where a page is written before it is published.
 */
export function draftPages<T extends { id: string; data: { draft: boolean } }>(entries: T[]): ResolvedPage<T['data']>[] {
  const unpublished = unpublishedIds(entries);
  return entries
    .filter((e) => unpublished.has(e.id))
    .map((entry) => {
      const { locale, slug } = parseGuideId(entry.id);
      return { locale, slug, entry, contentLocale: locale, isFallback: false };
    });
}

/**
 * Where `npm run dev` shows an unpublished page to its editors: /_editor/draft/…/, outside the
 * site's own paths. /_editor/draft/ itself lists them all, so the Bokmål start page is previewed
 * at /_editor/draft/index/.
 */
export const DRAFT_PREVIEW_PREFIX = '/_editor/draft';

export function draftPreviewPath(locale: Locale, slug: string): string {
  const path = locale === defaultLocale && slug === START_SLUG ? `/${START_SLUG}/` : pagePath(locale, slug);
  return `${DRAFT_PREVIEW_PREFIX}${path}`;
}

/** A page a build for one trust leaves out, and why: a draft, a method the trust does not offer, or both. */
export type UnpublishedPage<T> = ResolvedPage<T> & {
  /** Left out as a draft: `draft: true` in its own file, or in the default locale's page it translates. */
  draft: boolean;
  /** The page's login method, when the trust does not offer it (does not list it under `methods:`). */
  unofferedMethod: string | undefined;
};

/**
 * Every page a build for a trust leaves out, for the editors' preview at draftPreviewPath:
 * each draft with its own content, and each page of a login method the trust does not offer,
 * as the build would publish it once the trust does (a missing translation shows the default
 * locale's page). A page the build publishes is not here: its own address is its preview.
 */
export function unpublishedPages<T extends { id: string; data: { draft: boolean; method?: string | undefined } }>(
  entries: T[],
  offered: readonly string[],
): UnpublishedPage<T['data']>[] {
  const unoffered = (entry: T) => (isOffered(entry.data.method, offered) ? undefined : entry.data.method);
  const drafts = draftPages(entries).map((page) => ({ ...page, draft: true, unofferedMethod: unoffered(page.entry as T) }));
  const previewed = new Set(drafts.map((page) => `${page.locale}/${page.slug}`));
  const published = withoutDrafts(entries);
  const byId = new Map(published.map((entry) => [entry.id, entry]));
  const others: UnpublishedPage<T['data']>[] = [];
  for (const original of published) {
    const { locale: sourceLocale, slug } = parseGuideId(original.id);
    const method = unoffered(original);
    if (sourceLocale !== defaultLocale || method === undefined) continue;
    for (const locale of locales) {
      if (previewed.has(`${locale}/${slug}`)) continue;
      const own = byId.get(`${locale}/${slug}`);
      others.push({ locale, slug, entry: own ?? original, contentLocale: own ? locale : defaultLocale, isFallback: !own, draft: false, unofferedMethod: method });
    }
  }
  return [...drafts, ...others];
}

/**
 * Leaves out the pages of login methods the trust does not offer, in every locale: no
 * page, menu entry, search entry or PDF. A link to one from another page is reported
 * by the built-site check as a link to a page that does not exist.
 */
export function offeredOnly<T extends { data: { method?: string | undefined } }>(entries: T[], offered: readonly string[]): T[] {
  return entries.filter((e) => isOffered(e.data.method, offered));
}

/** Whether a trust that offers `offered` publishes a page of `method`: a page of no method (a task page) always. */
export function isOffered(method: string | undefined, offered: readonly string[]): boolean {
  return method === undefined || offered.includes(method);
}

/** The same page in every locale, for the language picker and hreflang. */
export function alternates(slug: string): { locale: Locale; path: string }[] {
  return locales.map((locale) => ({ locale, path: pagePath(locale, slug) }));
}

/** Orders pages for navigation and previous/next: by `order`, then by slug. */
export function sortByOrder<T extends { slug: string; entry: GuideSource<{ order: number }> }>(pages: T[]): T[] {
  return [...pages].sort((a, b) => a.entry.data.order - b.entry.data.order || a.slug.localeCompare(b.slug));
}

/** The pages before and after `slug` in reading order, or undefined at either end. */
export function neighbours<T extends { slug: string }>(ordered: T[], slug: string): { previous?: T; next?: T } {
  const index = ordered.findIndex((p) => p.slug === slug);
  if (index === -1) return {};
  return { previous: ordered[index - 1], next: ordered[index + 1] };
}

/** The search page's site path in each locale. */
export const SEARCH_SLUG = 'sok';

/** Pagefind's entry module, which the search page preloads; written by the search index step after the checks. */
export const SEARCH_ENTRY_PATH = '/pagefind/pagefind.js';

export function searchPath(locale: Locale): string {
  return pagePath(locale, SEARCH_SLUG);
}

/** The locale a site path belongs to: `/en/…` is English, anything without a prefix is the default locale's. */
export function localeOfPath(path: string): Locale {
  const first = path.split('/')[1] ?? '';
  return isLocale(first) && first !== defaultLocale ? first : defaultLocale;
}

/** The same site path in another locale: `/bankid/` → `/en/bankid/`. */
export function inLocale(path: string, locale: Locale): string {
  const current = localeOfPath(path);
  const rest = current === defaultLocale ? path.slice(1) : path.slice(current.length + 2);
  return locale === defaultLocale ? `/${rest}` : `/${locale}/${rest}`;
}

/** The locale of a guide file from its path (…/guides/<locale>/<slug>.mdx); the default locale elsewhere. */
export function localeOfFile(path: string | undefined): Locale {
  const locale = /[/\\]guides[/\\]([^/\\]+)[/\\][^/\\]+\.mdx$/.exec(path ?? '')?.[1];
  return locale && isLocale(locale) ? locale : defaultLocale;
}
