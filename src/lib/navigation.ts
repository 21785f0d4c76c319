import type { Locale } from '../i18n/locales.ts';
import { pagePath, START_SLUG, withBase } from '../guide/routing.ts';

/** What the navigation needs of a page. */
export interface NavigationPage {
  slug: string;
  isFallback: boolean;
  contentLocale: Locale;
  entry: { data: { title: string; method?: string | undefined } };
}

export interface NavigationLabels {
  /** Heading of the login-method pages. */
  methods: string;
  /** Heading of the other help pages. */
  help: string;
}

// Text and attribute escaping exactly as Astro's renderer does it, so the HTML is the same.
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
const escapeText = (text: string) => text.replace(/[&<>'"]/g, (c) => entities[c]!);
const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

function link(page: NavigationPage, locale: Locale, base: string): string {
  const href = escapeAttribute(withBase(pagePath(locale, page.slug), base));
  const lang = page.isFallback ? ` lang="${escapeAttribute(page.contentLocale)}"` : '';
  return `<a href="${href}"${lang}>${escapeText(page.entry.data.title)}</a>`;
}

/** Lists already built, per list of pages (the same array for every page of a locale). */
const built = new WeakMap<readonly NavigationPage[], Map<string, string>>();

/**
 * The navigation's lists for one locale as HTML: the start page, then the login-method
 * pages and the other help pages under their headings, in the order given. Every page of a
 * locale shows the same lists, so they are built once; `markCurrent` marks the page's own
 * link. With a thousand pages a locale, rendering them per page made the build quadratic.
 */
export function navigationLists(pages: readonly NavigationPage[], locale: Locale, base: string, labels: NavigationLabels): string {
  let byKey = built.get(pages);
  if (!byKey) {
    byKey = new Map();
    built.set(pages, byKey);
  }
  const key = `${locale}\n${base}\n${labels.methods}\n${labels.help}`;
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const start = pages.find((p) => p.slug === START_SLUG);
  const groups = [
    { label: labels.methods, pages: pages.filter((p) => p.entry.data.method) },
    { label: labels.help, pages: pages.filter((p) => !p.entry.data.method && p.slug !== START_SLUG) },
  ];
  let html = start ? `<p class="site-nav-start">${link(start, locale, base)}</p>` : '';
  for (const group of groups) {
    html += `<h2 class="site-nav-heading">${escapeText(group.label)}</h2><ul>`;
    for (const page of group.pages) html += `<li>${link(page, locale, base)}</li>`;
    html += '</ul>';
  }
  byKey.set(key, html);
  return html;
}

/** Marks the link to `href` (the current page) with aria-current="page". */
export function markCurrent(html: string, href: string): string {
  const anchor = `<a href="${escapeAttribute(href)}"`;
  return html.replace(anchor, () => `${anchor} aria-current="page"`);
}
