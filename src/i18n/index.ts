import type { Locale } from './locales.ts';
import { nb, type UIKey, type UIStrings } from './ui/nb.ts';
import { nn } from './ui/nn.ts';
import { en } from './ui/en.ts';

export { locales, defaultLocale, localeNames, localeTags, isLocale, type Locale } from './locales.ts';
export type { UIKey, UIStrings };

const strings: Record<Locale, UIStrings> = { nb, nn, en };

/** Fills `{name}` placeholders; an unknown placeholder is a programming error. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`UI string "${template}" needs a value for {${name}}`);
    return String(vars[name]);
  });
}

/** A translator for one locale: `t('nav.next')`, `t('apps.label', { app: 'Buypass ID' })`. */
export function useTranslations(locale: Locale) {
  const table = strings[locale];
  return (key: UIKey, vars?: Record<string, string | number>) => format(table[key], vars);
}

// Making a DateTimeFormat costs about a millisecond; every page's footer needs one.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDate(date: Date, locale: Locale): string {
  let formatter = dateFormats.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(strings[locale]['date.format'], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, formatter);
  }
  return formatter.format(date);
}
