import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locales.ts';
import { draftPages, offeredOnly, resolvePages, sortByOrder, withoutDrafts, type ResolvedPage } from '../guide/routing.ts';
import { selectedTrust } from '../guide/trust-values.ts';
import { offeredMethods } from '../guide/trusts.ts';

export type GuideEntry = CollectionEntry<'guides'>;
export type GuidePage = ResolvedPage<GuideEntry['data']> & { entry: GuideEntry };

let pages: GuidePage[] | undefined;

/**
 * Every page of the site in every locale, as a build publishes it, in `npm run dev` too:
 * drafts left out (a draft translation's locale shows the Bokmål page with its notice), and
 * methods the trust does not offer. The dev server shows drafts at their preview path (getDraftPages).
 */
export async function getPages(): Promise<GuidePage[]> {
  if (!pages) {
    const entries = offeredOnly(await getCollection('guides'), offeredMethods(selectedTrust()));
    pages = resolvePages(withoutDrafts(entries)) as GuidePage[];
  }
  return pages;
}

/** The pages a build leaves out (drafts), with their own content: the dev server's draft previews. */
export async function getDraftPages(): Promise<GuidePage[]> {
  return draftPages(offeredOnly(await getCollection('guides'), offeredMethods(selectedTrust()))) as GuidePage[];
}

const localePages = new Map<Locale, GuidePage[]>();

/** One locale's pages in reading order (sorted once: every page's navigation asks for them). */
export async function getLocalePages(locale: Locale): Promise<GuidePage[]> {
  let ordered = localePages.get(locale);
  if (!ordered) {
    ordered = sortByOrder((await getPages()).filter((p) => p.locale === locale));
    localePages.set(locale, ordered);
  }
  return ordered;
}

/** The MDX file a page's content comes from, relative to the project. */
export function sourceFileOf(entry: GuideEntry): string {
  return entry.filePath ?? `src/content/guides/${entry.id}.mdx`;
}
