/**
 * The locales the guide is published in. Adding a locale: add it here, add a
 * UI-strings file in src/i18n/ui/ and a folder in src/content/guides/.
 */
export const locales = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof locales)[number];

/** The source language: pages missing elsewhere fall back to it; it lives at `/`. */
export const defaultLocale: Locale = 'nb';

export const localeNames: Record<Locale, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  en: 'English',
};

/** BCP 47 tags for hreflang and `<html lang>`. */
export const localeTags: Record<Locale, string> = { nb: 'nb', nn: 'nn', en: 'en' };

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}
