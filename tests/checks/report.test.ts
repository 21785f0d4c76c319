import { describe, expect, it } from 'vitest';
import { publishedFolder } from '../../src/integrations/checks.ts';
import { inLocale, localeOfPath } from '../../src/guide/routing.ts';
import { dedupeProblems, formatGitHubAnnotations, formatReport, problem, toJsonReport } from '../../src/lib/checks/problems.ts';
import { LineIndex } from '../../src/guide/source-text.ts';

const broken = problem({ file: 'src/content/guides/en/bankid.mdx', line: 18, column: 1 }, 'link/fragment', '"#pin-kode" is not a heading or step on /en/bankid/');
const missing = problem({ file: 'src/content/guides/nb/bankid.mdx', line: 42, column: 7 }, 'screenshot/missing', '"velg-bankd" is not in public/screenshots');
const late = problem({ file: 'src/content/guides/nb/bankid.mdx', line: 5, column: 15 }, 'review/overdue', 'last reviewed 2025-01-01', 'warning');

describe('the report', () => {
  it('has one line per problem in source terms, the warnings first and the problems that stop the build last, above the summary', () => {
    expect(formatReport([missing, late, broken])).toBe(
      [
        'Warnings (listed for the page owners; they do not stop the build):',
        'src/content/guides/nb/bankid.mdx:5:15  review/overdue  last reviewed 2025-01-01',
        '',
        'The problems to fix (the build stops until they are fixed):',
        'src/content/guides/en/bankid.mdx:18:1  link/fragment  "#pin-kode" is not a heading or step on /en/bankid/',
        'src/content/guides/nb/bankid.mdx:42:7  screenshot/missing  "velg-bankd" is not in public/screenshots',
        '',
        '✖ 2 problems in 2 files (1 warning)',
      ].join('\n'),
    );
    expect(formatReport([late])).toBe(['Warnings (listed for the page owners; they do not stop the build):', 'src/content/guides/nb/bankid.mdx:5:15  review/overdue  last reviewed 2025-01-01', '', '✔ No problems (1 warning)'].join('\n'));
    expect(formatReport([missing])).toBe(['src/content/guides/nb/bankid.mdx:42:7  screenshot/missing  "velg-bankd" is not in public/screenshots', '', '✖ 1 problem in 1 file'].join('\n'));
  });

  it('writes GitHub Actions annotations with their special characters escaped', () => {
    const odd = problem({ file: 'src/a,b.mdx', line: 1, column: 2 }, 'link/malformed', '50% done\nnext');
    expect(formatGitHubAnnotations([odd, late])).toBe(
      [
        '::error file=src/a%2Cb.mdx,line=1,col=2,title=link/malformed::50%25 done%0Anext',
        '::warning file=src/content/guides/nb/bankid.mdx,line=5,col=15,title=review/overdue::last reviewed 2025-01-01',
      ].join('\n'),
    );
  });

  it('writes the same as JSON', () => {
    expect(toJsonReport([broken, late], { translations: [] })).toEqual({
      summary: { errors: 1, warnings: 1, files: 1 },
      problems: [broken, late],
      extra: { translations: [] },
    });
  });

  it('drops a second report of the same problem', () => {
    const other = { ...broken, message: 'another problem at the same place' };
    expect(dedupeProblems([broken, broken, other, missing])).toEqual([broken, other, missing]);
    // The built-site check finds again what the source check found, in its own words.
    expect(dedupeProblems([broken, other, missing], { samePlace: true })).toEqual([broken, missing]);
  });
});

describe('site paths and locales', () => {
  it('knows the locale of a site path and the same path in another locale', () => {
    expect(localeOfPath('/bankid/')).toBe('nb');
    expect(localeOfPath('/en/bankid/')).toBe('en');
    expect(inLocale('/bankid/', 'en')).toBe('/en/bankid/');
    expect(inLocale('/nn/', 'nb')).toBe('/');
  });
});

describe('positions', () => {
  it('turns offsets into 1-based lines and columns', () => {
    const lines = new LineIndex('a.mdx', 'ab\ncd\n\nef');
    expect([0, 1, 3, 6, 7, 9].map((o) => `${lines.at(o).line}:${lines.at(o).column}`)).toEqual(['1:1', '1:2', '2:1', '3:1', '4:1', '4:3']);
  });
});

describe('the build integration', () => {
  it('knows which folder a staging build replaces', () => {
    expect(publishedFolder('/site/.dist-staging')).toBe('dist');
    expect(publishedFolder('/site/dist.staging')).toBe('dist');
    expect(publishedFolder('/site/dist')).toBeUndefined();
  });
});
