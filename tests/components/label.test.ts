import { describe, expect, test } from 'vitest';
import Label from '../../src/components/Label.astro';
import { pageContext, render, renderToString } from '../support/render.ts';

const slots = { default: 'Fortsett' };

describe('<Label>: words the reader sees on the login screen', () => {
  test('on a Norwegian page the word is shown as it is on screen, in bold', async () => {
    const html = await render(Label, { slots, page: pageContext({ locale: 'nb' }) });
    expect(html.querySelector('strong')?.text).toBe('Fortsett');
    expect(html.text).toBe('Fortsett');
  });

  test('on an English page the Norwegian word is marked as Norwegian and followed by its translation', async () => {
    const html = await render(Label, { props: { translation: 'Continue' }, slots, page: pageContext({ locale: 'en' }) });
    const word = html.querySelector('strong');
    expect(word?.text).toBe('Fortsett');
    expect(word?.getAttribute('lang')).toBe('nb');
    expect(html.text).toBe('Fortsett (Continue)');
  });

  test('on an English page without a translation it is an error that shows how to write it', async () => {
    const page = pageContext({ locale: 'en', sourceFile: 'src/content/guides/en/bankid.mdx', path: '/en/bankid/' });
    await expect(renderToString(Label, { slots, page })).rejects.toThrowErrorMatchingInlineSnapshot(`[GuideComponentError: <Label> in src/content/guides/en/bankid.mdx (/en/bankid/): it needs its meaning for readers of this page: write <Label translation="…">…</Label>]`);
  });

  test('an English page showing the Norwegian original needs no translation', async () => {
    const html = await render(Label, { slots, page: pageContext({ locale: 'en', contentLocale: 'nb' }) });
    expect(html.text).toBe('Fortsett');
  });

  test('a product name translated as itself (the build marks it untranslated) is shown once, as Norwegian', async () => {
    const html = await render(Label, { props: { translation: 'BankID', untranslated: true }, slots: { default: 'BankID' }, page: pageContext({ locale: 'en' }) });
    expect(html.text).toBe('BankID');
    expect(html.querySelector('strong')?.getAttribute('lang')).toBe('nb');
  });
});
