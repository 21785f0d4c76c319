import { describe, expect, test } from 'vitest';
import AppStoreLinks from '../../src/components/AppStoreLinks.astro';
import { useTranslations } from '../../src/i18n/index.ts';
import { apps } from '../../src/lib/apps.ts';
import { pageContext, render, renderToString } from '../support/render.ts';

const app = apps['buypass-id'];

describe('<AppStoreLinks>: where to get an app', () => {
  test('links to the app in App Store and Google Play, with the URLs from the registry', async () => {
    const html = await render(AppStoreLinks, { props: { app: 'buypass-id' }, page: pageContext() });
    expect(html.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([app.appStore, app.googlePlay]);
  });

  test.each(['nb', 'nn', 'en'] as const)('on a %s page the links and the list are labelled in that language', async (locale) => {
    const t = useTranslations(locale);
    const html = await render(AppStoreLinks, { props: { app: 'buypass-id' }, page: pageContext({ locale }) });
    const links = html.querySelectorAll('a');
    expect(links[0]?.text).toContain(t('apps.appStore'));
    expect(links[1]?.text).toContain(t('apps.googlePlay'));
    expect(html.querySelector('ul')?.getAttribute('aria-label')).toBe(t('apps.label', { app: app.name }));
  });

  test('each link names the app', async () => {
    const html = await render(AppStoreLinks, { props: { app: 'buypass-id' }, page: pageContext() });
    for (const link of html.querySelectorAll('a')) expect(link.text).toContain('Buypass ID');
  });

  test('the links are text, with no store badge images', async () => {
    const html = await render(AppStoreLinks, { props: { app: 'buypass-id' }, page: pageContext() });
    expect(html.querySelectorAll('img, svg')).toHaveLength(0);
  });

  test('an app not in the registry is an error naming the page and the known apps', async () => {
    await expect(renderToString(AppStoreLinks, { props: { app: 'bankid' }, page: pageContext() })).rejects.toThrowErrorMatchingInlineSnapshot(`[GuideComponentError: <AppStoreLinks> in src/content/guides/nb/bankid.mdx (/bankid/): app="bankid" is not allowed; write one of: buypass-id]`);
  });
});
