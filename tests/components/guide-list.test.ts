import { getCollection } from 'astro:content';
import { beforeAll, describe, expect, test } from 'vitest';
import GuideList from '../../src/components/GuideList.astro';
import { pagePath } from '../../src/guide/routing.ts';
import { pageContext, render, renderToString } from '../support/render.ts';

// Expectations come from the guides present, which editors add to.
let original: { slug: string; title: string; method?: string; order: number }[];
let nynorsk: Set<string>;

beforeAll(async () => {
  const guides = await getCollection('guides');
  original = guides
    .filter((g) => g.id.startsWith('nb/'))
    .map((g) => ({ slug: g.id.slice(3), title: g.data.title, method: g.data.method, order: g.data.order }))
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  nynorsk = new Set(guides.filter((g) => g.id.startsWith('nn/')).map((g) => g.id.slice(3)));
});

describe('<GuideList>: the cards on the start page', () => {
  test('show="methods" links to every login-method page in navigation order', async () => {
    const html = await render(GuideList, { props: { show: 'methods' }, page: pageContext({ locale: 'nb', path: '/' }) });
    const methods = original.filter((g) => g.method);
    expect(html.querySelectorAll('li a').map((a) => [a.getAttribute('href'), a.text])).toEqual(
      methods.map((g) => [pagePath('nb', g.slug), g.title]),
    );
  });

  test('show="help" links to the task pages, leaving out the start page', async () => {
    const html = await render(GuideList, { props: { show: 'help' }, page: pageContext({ locale: 'nb', path: '/' }) });
    const help = original.filter((g) => !g.method && g.slug !== 'index');
    expect(html.querySelectorAll('li a').map((a) => a.getAttribute('href'))).toEqual(help.map((g) => pagePath('nb', g.slug)));
  });

  test('on the Nynorsk start page the links stay in Nynorsk, and untranslated pages are marked as Bokmål', async () => {
    const html = await render(GuideList, { props: { show: 'methods' }, page: pageContext({ locale: 'nn', path: '/nn/' }) });
    const methods = original.filter((g) => g.method);
    const items = html.querySelectorAll('li');
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(methods.map((g) => pagePath('nn', g.slug)));
    expect(items.map((li) => li.getAttribute('lang'))).toEqual(methods.map((g) => (nynorsk.has(g.slug) ? undefined : 'nb')));
  });

  test('an unknown show value is an error naming the allowed values', async () => {
    await expect(renderToString(GuideList, { props: { show: 'metoder' }, page: pageContext() })).rejects.toThrow(
      'show="metoder" is not allowed; write one of: methods, help',
    );
  });
});
