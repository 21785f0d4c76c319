import { describe, expect, test } from 'vitest';
import Callout from '../../src/components/Callout.astro';
import { pageContext, render, renderToString } from '../support/render.ts';

const slots = { default: 'Kortet sperres etter tre feil forsøk.' };
const hiddenText = async (options: Parameters<typeof render>[1]) =>
  (await render(Callout, options)).querySelector('.visually-hidden')?.text;

describe('<Callout>: notes and warnings that do not rely on colour', () => {
  test.each([
    ['nb', 'Advarsel: '],
    ['nn', 'Åtvaring: '],
    ['en', 'Warning: '],
  ] as const)('a warning on a %s page starts with the hidden word "%s" for screen readers', async (locale, prefix) => {
    expect(await hiddenText({ props: { type: 'warning' }, slots, page: pageContext({ locale }) })).toBe(prefix);
  });

  test('a callout without a type is a note', async () => {
    expect(await hiddenText({ slots, page: pageContext() })).toBe('Merk: ');
  });

  test('the hidden word follows the language of the content, not of the menus', async () => {
    expect(await hiddenText({ props: { type: 'error' }, slots, page: pageContext({ locale: 'en', contentLocale: 'nb' }) })).toBe(
      'Feilmelding: ',
    );
  });

  test('with a title, the hidden word is read just before the title', async () => {
    const html = await render(Callout, { props: { type: 'tip', title: 'Husk koden' }, slots, page: pageContext() });
    expect(html.querySelector('.callout-title')?.text).toBe('Tips: Husk koden');
  });

  test('the text itself is shown', async () => {
    const html = await render(Callout, { props: { type: 'warning' }, slots, page: pageContext() });
    expect(html.text).toContain('Kortet sperres etter tre feil forsøk.');
  });

  test('the icon is hidden from screen readers, so the word is not read twice', async () => {
    const html = await render(Callout, { props: { type: 'warning' }, slots, page: pageContext() });
    expect(html.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  test('type="warn" is an error naming the page and listing the types', async () => {
    await expect(renderToString(Callout, { props: { type: 'warn' }, slots, page: pageContext() })).rejects.toThrowErrorMatchingInlineSnapshot(`[GuideComponentError: <Callout> in src/content/guides/nb/bankid.mdx (/bankid/): type="warn" is not allowed (did you mean "warning"?); write one of: note, tip, warning, error]`);
  });
});
