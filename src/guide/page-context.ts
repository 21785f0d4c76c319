import { parseProps, type ComponentName } from './components.ts';
import { localeOfFile, localeOfPath } from './routing.ts';
import type { Locale } from '../i18n/locales.ts';

/**
 * What a guide component knows about the page it is rendered on, from nothing but its own
 * render: the MDX file, from the `source` prop the compile gives every component
 * (remark-guide.ts), and the page's address, from `Astro.url`. No state is shared between
 * renders, so a print document can render many pages' content side by side.
 */
export interface PageContext {
  /** The MDX file, relative to the project: src/content/guides/nb/bankid.mdx */
  sourceFile: string;
  /** The site path of the page being built, without the deploy base: /en/bankid/ */
  path: string;
  /** The locale of the page's UI. */
  locale: Locale;
  /** The locale of the content shown: its MDX file's (the default locale's on a fallback page). */
  contentLocale: Locale;
}

/** What a component's render knows: its props and the address of the page it is on. */
export interface ComponentRender {
  props: unknown;
  url: URL;
}

/** The page a component is rendered on; rendered outside a guide page (a test, the 404 page), the page its URL names. */
export function pageOf(render: ComponentRender, base = '/'): PageContext {
  const prefix = base.replace(/\/$/, '');
  const pathname = render.url.pathname;
  const path = prefix !== '' && pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
  const locale = localeOfPath(path);
  const source = (render.props as { source?: unknown } | null)?.source;
  if (typeof source !== 'string') return { sourceFile: '(no source file)', path, locale, contentLocale: locale };
  return { sourceFile: source, path, locale, contentLocale: localeOfFile(source) };
}

/** Names the page in an error: `src/content/guides/en/bankid.mdx (/en/bankid/)`. */
export function describePage(page: Pick<PageContext, 'sourceFile' | 'path'>): string {
  return `${page.sourceFile} (${page.path})`;
}

/** An editor-facing error from a guide component: which component, which page, what to do. */
export class GuideComponentError extends Error {
  constructor(component: string, page: PageContext, problem: string) {
    super(`<${component}> in ${describePage(page)}: ${problem}`);
    this.name = 'GuideComponentError';
  }
}

/**
 * A guide component's props checked against its schema (src/guide/components.ts), and the
 * page it is on: the typed props, or an error naming the page and every wrong prop. The
 * MDX compile has checked pages already; this guards any other caller.
 */
export function guardProps<N extends ComponentName>(component: N, render: ComponentRender, base = '/') {
  const page = pageOf(render, base);
  const fail = (problem: string): never => {
    throw new GuideComponentError(component, page, problem);
  };
  return { props: parseProps(component, render.props, fail), page, fail };
}
