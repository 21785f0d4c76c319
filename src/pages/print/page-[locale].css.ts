import type { APIRoute, GetStaticPaths } from 'astro';
import { locales, useTranslations, type Locale } from '../../i18n/index.ts';
import { escapeCss, trustAttr } from '../../guide/trust-values.ts';

export const getStaticPaths = (() => locales.map((locale) => ({ params: { locale } }))) satisfies GetStaticPaths;

/** A CSS string literal: quotes and backslashes escaped, line breaks as CSS escapes. */
export function cssString(text: string): string {
  return `"${escapeCss(text)}"`;
}

/** "side {page} av {pages}" → "side " counter(page) " av " counter(pages) */
export function counterContent(template: string): string {
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/**
 * The running footer's words for one locale. Page margin boxes cannot read the
 * document, so the localised text is written into a small stylesheet of its own
 * (an external file keeps a strict Content-Security-Policy intact).
 */
export const GET: APIRoute = ({ params }) => {
  const t = useTranslations(params.locale as Locale);
  const title = `${t('site.title')} · ${trustAttr('trustName', 'css', params.locale as Locale)}`;
  const css = `@page {
  @bottom-left { content: ${cssString(title)}; }
  @bottom-right { content: ${counterContent(t('print.pageOf', { page: '{page}', pages: '{pages}' }))}; }
}
`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
