import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse, type HTMLElement } from 'node-html-parser';
import type { PageContext } from '../../src/lib/page-context.ts';

type Component = Parameters<AstroContainer['renderToString']>[0];

/** The page a component is rendered on, as the page route sets it; Bokmål BankID page unless told. */
export function pageContext(overrides: Partial<PageContext> = {}): PageContext {
  const locale = overrides.locale ?? 'nb';
  return {
    sourceFile: `src/content/guides/${overrides.contentLocale ?? locale}/bankid.mdx`,
    path: locale === 'nb' ? '/bankid/' : `/${locale}/bankid/`,
    locale,
    contentLocale: locale,
    ...overrides,
  };
}

export interface RenderOptions {
  props?: Record<string, unknown>;
  /** Slot contents as HTML strings, e.g. `{ default: 'Fortsett' }`. */
  slots?: Record<string, string>;
  /** The page context (`Astro.locals.page`); leave out to render outside a guide page. */
  page?: PageContext;
}

let container: AstroContainer | undefined;

/** Renders a component the way a guide page would, and returns its HTML. */
export async function renderToString(component: Component, { props, slots, page }: RenderOptions = {}): Promise<string> {
  container ??= await AstroContainer.create();
  return container.renderToString(component, { props, slots, locals: page ? { page } : {} });
}

/** Renders a component and parses the result, for queries such as `ol > li`. */
export async function render(component: Component, options: RenderOptions = {}): Promise<HTMLElement> {
  return parse(await renderToString(component, options));
}
