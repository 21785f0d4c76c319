import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTranslations } from '../../src/i18n/index.ts';
import { buildSite, copyProject, type BuiltSite } from '../support/built-site.ts';

// A page written only in Bokmål, added to a copy of the project: the real content
// may be fully translated by the time this runs, so the fallback is made on purpose.
const onlyInBokmal = `---
title: Kun på bokmål
description: En side som ikke er oversatt ennå.
order: 30
lastReviewed: 2026-11-01
owner: IT-brukerstøtte
---

Trykk <Label>Fortsett</Label> når du er klar.
`;

let site: BuiltSite;

beforeAll(async () => {
  const root = copyProject({ 'src/content/guides/nb/kun-bokmal.mdx': onlyInBokmal });
  site = await buildSite(root, [root]);
});

afterAll(() => site?.remove());

describe('a page not yet translated', () => {
  test('the Bokmål original is built as usual, without a notice', () => {
    const page = site.page('/kun-bokmal/');
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('nb');
    expect(page.querySelector('article')?.getAttribute('lang')).toBeUndefined();
    expect(page.text).not.toContain(useTranslations('nb')('fallback.notice'));
  });

  test.each(['nn', 'en'] as const)('/%s/kun-bokmal/ exists in that language\'s site, with its menus', (locale) => {
    const page = site.page(`/${locale}/kun-bokmal/`);
    expect(page.querySelector('html')?.getAttribute('lang')).toBe(locale);
    expect(page.querySelector('.skip-link')?.text).toBe(useTranslations(locale)('skip.toContent'));
  });

  test.each(['nn', 'en'] as const)('/%s/kun-bokmal/ says, in that language, that the text is the Bokmål original', (locale) => {
    const notice = useTranslations(locale)('fallback.notice');
    const page = site.page(`/${locale}/kun-bokmal/`);
    const shown = page.querySelectorAll('main *').find((el) => el.text.trim() === notice);
    expect(shown, `notice "${notice}"`).toBeDefined();
    // The notice is in the page's language, so it must sit outside the Bokmål article.
    expect(shown?.closest('[lang="nb"]')).toBeNull();
  });

  test.each(['nn', 'en'] as const)('/%s/kun-bokmal/ marks the article as Bokmål, so screen readers pronounce it right', (locale) => {
    const article = site.page(`/${locale}/kun-bokmal/`).querySelector('article');
    expect(article?.getAttribute('lang')).toBe('nb');
    expect(article?.querySelector('h1')?.text).toBe('Kun på bokmål');
    // A Norwegian on-screen word needs no translation when the content itself is Norwegian.
    expect(article?.text).toContain('Trykk Fortsett når du er klar.');
  });

  test.each(['nn', 'en'] as const)('the %s navigation lists the untranslated page, marked as Bokmål', (locale) => {
    const link = site.page(`/${locale}/`).querySelectorAll('nav a').find((a) => a.getAttribute('href') === `/${locale}/kun-bokmal/`);
    expect(link?.text.trim()).toBe('Kun på bokmål');
    expect(link?.getAttribute('lang')).toBe('nb');
  });
});
