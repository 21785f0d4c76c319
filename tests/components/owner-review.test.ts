import { afterEach, describe, expect, test } from 'vitest';
import OwnerReview from '../../src/components/OwnerReview.astro';
import Setting from '../../src/components/Setting.astro';
import { pageContext, render, renderToString } from '../support/render.ts';

const passage = '<p>Har du ikke kortleser? Spør lederen din.</p>';
const slots = { default: passage };

afterEach(() => {
  delete process.env.GUIDE_PRODUCTION;
});

describe('<OwnerReview>: a passage awaiting its page owner', () => {
  test('a preview frames the passage and says it is not confirmed, with the reason', async () => {
    const html = await render(OwnerReview, { props: { reason: 'ikke fra kildeteksten' }, slots, page: pageContext() });
    const frame = html.querySelector('div.unconfirmed.owner-review');
    expect(frame).not.toBeNull();
    expect(frame!.querySelector('.unconfirmed-label')?.text).toBe('(ikke bekreftet: ikke fra kildeteksten)');
    expect(frame!.querySelector('p:not(.unconfirmed-label)')?.text).toBe('Har du ikke kortleser? Spør lederen din.');
  });

  test('the words are those of an unconfirmed trust value, in the language of the content', async () => {
    const label = async (locale: 'nn' | 'en') =>
      (await render(OwnerReview, { slots, page: pageContext({ locale }) })).querySelector('.unconfirmed-label')?.text;
    expect(await label('nn')).toBe('(ikkje stadfesta)');
    expect(await label('en')).toBe('(not confirmed)');
  });

  test('a sentence inside a paragraph is marked as a phrase, not as a block', async () => {
    const html = await render(OwnerReview, { props: { inline: true }, slots: { default: 'Bestill tilgangen fra jobb.' }, page: pageContext() });
    expect(html.querySelector('div')).toBeNull();
    expect(html.querySelector('span.unconfirmed.owner-review')?.text).toBe('Bestill tilgangen fra jobb. (ikke bekreftet)');
  });

  test('a production build shows readers the passage exactly as written, unmarked', async () => {
    process.env.GUIDE_PRODUCTION = '1';
    expect(await renderToString(OwnerReview, { props: { reason: 'ikke fra kildeteksten' }, slots, page: pageContext() })).toBe(passage);
    expect(await renderToString(OwnerReview, { props: { inline: true }, slots: { default: 'En setning.' }, page: pageContext() })).toBe('En setning.');
  });

  test('an empty reason is an error naming the page', async () => {
    await expect(renderToString(OwnerReview, { props: { reason: ' ' }, slots, page: pageContext() })).rejects.toThrow(
      '<OwnerReview> in src/content/guides/nb/bankid.mdx (/bankid/): reason is empty',
    );
  });
});

describe('<Setting name="portalUrl">: the external portal\'s address, from the trust\'s file', () => {
  test('the template trust\'s address is shown marked as not confirmed', async () => {
    const html = await render(Setting, { props: { name: 'portalUrl' }, page: pageContext() });
    expect(html.querySelector('.unconfirmed')?.text).toBe('https://eksternportal.xxhf.no/ (ikke bekreftet)');
    expect(html.querySelector('.unconfirmed')?.getAttribute('data-unconfirmed')).toMatch(/^src\/trusts\/xxhf\.yaml:\d+$/);
  });
});
