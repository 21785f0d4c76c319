import { describe, expect, it } from 'vitest';
import { markCurrent, navigationLists, type NavigationPage } from '../../src/lib/navigation.ts';

const page = (slug: string, title: string, method?: string, isFallback = false): NavigationPage => ({
  slug,
  isFallback,
  contentLocale: isFallback ? 'nb' : 'en',
  entry: { data: { title, method } },
});
const pages = [page('index', 'Log in from home'), page('bankid', 'BankID', 'bankid'), page('feilsoking', 'If it didn\'t work <help>', undefined, true)];
const labels = { methods: 'Log in with', help: 'Help & more' };

describe('the navigation lists', () => {
  it('lists the start page, then method pages and help pages under their headings, escaped like Astro', () => {
    expect(navigationLists(pages, 'en', '/', labels)).toBe(
      '<p class="site-nav-start"><a href="/en/">Log in from home</a></p>' +
        '<h2 class="site-nav-heading">Log in with</h2><ul><li><a href="/en/bankid/">BankID</a></li></ul>' +
        '<h2 class="site-nav-heading">Help &amp; more</h2><ul><li><a href="/en/feilsoking/" lang="nb">If it didn&#39;t work &lt;help&gt;</a></li></ul>',
    );
  });

  it('builds a locale’s lists once and marks only the current page', () => {
    const lists = navigationLists(pages, 'en', '/veiledning/', labels);
    expect(navigationLists(pages, 'en', '/veiledning/', labels)).toBe(lists);
    const marked = markCurrent(lists, '/veiledning/en/');
    expect(marked).toContain('<a href="/veiledning/en/" aria-current="page">');
    expect(marked.match(/aria-current/g)).toHaveLength(1);
    expect(markCurrent(lists, '/veiledning/en/feilsoking/')).toContain('<a href="/veiledning/en/feilsoking/" aria-current="page" lang="nb">');
  });
});
