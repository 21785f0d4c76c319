import { parseProps, type ComponentName } from '../guide/components.ts';
import type { Locale } from '../i18n/locales.ts';

/**
 * What a guide component knows about the page it is rendered on. The page route
 * sets it on `Astro.locals.page` before rendering the MDX, so that a component's
 * error can name the editor's file.
 */
export interface PageContext {
  /** The MDX file, relative to the project: src/content/guides/nb/bankid.mdx */
  sourceFile: string;
  /** The site path of the page being built: /en/bankid/ */
  path: string;
  /** The locale of the page's UI. */
  locale: Locale;
  /** The locale of the content shown (the default locale on a fallback page). */
  contentLocale: Locale;
}

/** Names the page in an error: `src/content/guides/en/bankid.mdx (/en/bankid/)`. */
export function describePage(page: Pick<PageContext, 'sourceFile' | 'path'> | undefined): string {
  if (!page) return 'an unknown page (rendered outside a guide)';
  return `${page.sourceFile} (${page.path})`;
}

/** An editor-facing error from a guide component: which component, which page, what to do. */
export class GuideComponentError extends Error {
  constructor(component: string, page: PageContext | undefined, problem: string) {
    super(`<${component}> in ${describePage(page)}: ${problem}`);
    this.name = 'GuideComponentError';
  }
}

/** The page context, or a context for rendering outside a guide page (tests, 404). */
export function pageContextOrDefault(page: PageContext | undefined, fallback: Partial<PageContext> = {}): PageContext {
  return (
    page ?? {
      sourceFile: fallback.sourceFile ?? '(no source file)',
      path: fallback.path ?? '/',
      locale: fallback.locale ?? 'nb',
      contentLocale: fallback.contentLocale ?? fallback.locale ?? 'nb',
    }
  );
}

/**
 * A guide component's props checked against its schema (src/guide/components.ts): the
 * typed props, or an error naming the page and every wrong prop. The MDX compile has
 * checked pages already; this guards any other caller.
 */
export function guardProps<N extends ComponentName>(component: N, astro: { props: unknown; locals: { page?: PageContext } }) {
  return parseProps(component, astro.props, (problem) => {
    throw new GuideComponentError(component, astro.locals.page, problem);
  });
}
