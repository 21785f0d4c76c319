import { describe, expect, test } from 'vitest';
import { format, formatDate, useTranslations } from '../../src/i18n/index.ts';
import { en } from '../../src/i18n/ui/en.ts';
import { nb } from '../../src/i18n/ui/nb.ts';
import { nn } from '../../src/i18n/ui/nn.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings: every language has every text', () => {
  // The UIStrings type already demands this; the runtime check also catches a cast or a JS edit.
  test.each([
    ['nn', nn],
    ['en', en],
  ])('%s has exactly the keys of nb', (_, table) => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(nb).sort());
  });

  test.each([
    ['nn', nn],
    ['en', en],
  ])('%s uses the same {placeholders} as nb in every text', (_, table) => {
    for (const [key, text] of Object.entries(nb)) {
      expect(placeholders(table[key as keyof typeof nb]), key).toEqual(placeholders(text));
    }
  });

  test.each([
    ['nn', nn],
    ['en', en],
  ])('no %s text is left empty', (_, table) => {
    expect(Object.entries(table).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('format and useTranslations', () => {
  test('placeholders are filled with their values', () => {
    expect(format('Ring {phone} før {time}', { phone: '23 00 00 00', time: 8 })).toBe('Ring 23 00 00 00 før 8');
  });

  test('a placeholder without a value is an error naming it', () => {
    expect(() => format('Last ned {app}', {})).toThrowErrorMatchingInlineSnapshot(`[Error: UI string "Last ned {app}" needs a value for {app}]`);
  });

  test('a translator speaks its own language', () => {
    expect(useTranslations('nn')('callout.warning')).toBe('Åtvaring:');
    expect(useTranslations('en')('apps.label', { app: 'Buypass ID' })).toBe('Download Buypass ID');
  });

  test('review dates are written the way each language writes them', () => {
    const date = new Date('2026-11-01T00:00:00Z');
    expect(formatDate(date, 'nb')).toBe('1. november 2026');
    expect(formatDate(date, 'en')).toBe('1 November 2026');
  });
});
