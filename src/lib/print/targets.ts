import { locales, useTranslations } from '../../i18n/index.ts';
import { getLocalePages } from '../guides.ts';
import { pdfFileName, printPath, PRINT_SEGMENT, type PrintTarget } from './files.ts';

/**
 * Every print document: per locale the whole guide and one handout per login-method page.
 * The print route builds their pages; the manifest tells the PDF export about them.
 */
export async function printTargets(): Promise<PrintTarget[]> {
  const targets: PrintTarget[] = [];
  for (const locale of locales) {
    const t = useTranslations(locale);
    const pages = await getLocalePages(locale);
    const clash = pages.find((p) => p.slug === PRINT_SEGMENT);
    if (clash) {
      throw new Error(`src/content/guides/${locale}/${PRINT_SEGMENT}.mdx: "${PRINT_SEGMENT}" is the print pages' address; rename the file`);
    }
    targets.push({ kind: 'guide', locale, path: printPath(locale), file: pdfFileName(locale), title: t('site.title') });
    for (const page of pages) {
      if (!page.entry.data.method) continue;
      targets.push({
        kind: 'handout',
        locale,
        slug: page.slug,
        path: printPath(locale, page.slug),
        file: pdfFileName(locale, page.slug),
        title: page.entry.data.title,
      });
    }
  }
  return targets;
}
