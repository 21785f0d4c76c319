import { getCollection } from 'astro:content';
import { defaultLocale } from '../i18n/locales.ts';
import { unpublishedPages, type UnpublishedPage } from '../guide/routing.ts';
import { selectedTrust } from '../guide/trust-values.ts';
import { offeredMethods, type Trust } from '../guide/trusts.ts';
import { sourceFileOf, type GuideEntry, type GuidePage } from '../lib/guides.ts';

export type PreviewPage = UnpublishedPage<GuideEntry['data']> & GuidePage & {
  /** The file whose `draft: true` keeps the page out: its own, or the Bokmål page a translation waits for. */
  draftFile: string | undefined;
};

/**
 * Dev-only: every page the build for the previewed trust (GUIDE_TRUSTS, else the template)
 * leaves out, each shown at /_editor/draft/…/ and listed at /_editor/draft/.
 */
export async function getPreviewPages(): Promise<{ trust: Trust; pages: PreviewPage[] }> {
  const trust = selectedTrust();
  const pages = unpublishedPages(await getCollection('guides'), offeredMethods(trust)) as (UnpublishedPage<GuideEntry['data']> & GuidePage)[];
  return {
    trust,
    pages: pages.map((page) => ({
      ...page,
      draftFile: !page.draft ? undefined : page.entry.data.draft ? sourceFileOf(page.entry) : `src/content/guides/${defaultLocale}/${page.slug}.mdx`,
    })),
  };
}
