import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse, type HTMLElement } from 'node-html-parser';
import type { PageContext } from '../../src/guide/page-context.ts';

type Component = Parameters<AstroContainer['renderToString']>[0];

/** The page a component is rendered on; Bokmål BankID page unless told. Its content locale is its MDX file's. */
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
  /**
   * The page: its MDX file is given to the component as the `source` prop the compile sets,
   * and the page's address is the request's. Leave out to render outside a guide page.
   */
  page?: PageContext;
}

let container: AstroContainer | undefined;

/** Renders a component the way a guide page would, and returns its HTML. */
export async function renderToString(component: Component, { props, slots, page }: RenderOptions = {}): Promise<string> {
  container ??= await AstroContainer.create();
  if (!page) return container.renderToString(component, { props, slots });
  return container.renderToString(component, {
    props: { ...props, source: page.sourceFile },
    slots,
    request: new Request(new URL(page.path, 'https://intranett.example.no/')),
  });
}

/** Renders a component and parses the result, for queries such as `ol > li`. */
export async function render(component: Component, options: RenderOptions = {}): Promise<HTMLElement> {
  return parse(await renderToString(component, options));
}
