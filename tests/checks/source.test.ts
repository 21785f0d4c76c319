import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTrust } from '../../src/guide/trusts.ts';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { formatProblem, type Problem } from '../../src/lib/checks/problems.ts';
import { fixture, located, projectRoot, removeFixtures, today } from './helpers.ts';

afterAll(removeFixtures);

const check = async (root: string) => (await runSourceChecks(root, { now: today, translations: false })).problems;

describe('source checks on the fixture site', () => {
  it('find nothing wrong with the base site', async () => {
    expect(await check(fixture())).toEqual([]);
  });

  // Each case: the fixture folder, the one line expected, and words the message must hold.
  const cases: [string, string, string][] = [
    ['screenshot-missing', 'src/content/guides/nb/bankid.mdx:16:22  screenshot/missing', '"vleg" is not in public/screenshots (did you mean "velg"?)'],
    ['screenshot-missing-data', 'src/content/guides/nb/bankid.mdx:21:22  screenshot/missing-data', 'add src/content/screenshots/kode.yaml'],
    ['screenshot-alt', 'src/content/guides/nb/bankid.mdx:16:66  mdx/prop-value', '<Screenshot> alt is empty'],
    ['screenshot-alt-data', 'src/content/screenshots/velg.yaml:4:7  screenshot/alt', 'alt en is empty'],
    ['screenshot-region', 'src/content/guides/nb/bankid.mdx:16:49  screenshot/region', '"fortset" is not a region of "velg" (did you mean "fortsett"?)'],
    ['screenshot-region-bounds', 'src/content/screenshots/velg.yaml:13:10  screenshot/region-bounds', 'box [40, 460, 300, 200] reaches 340×660 px, outside the image (800×600 px)'],
    ['screenshot-unused', 'public/screenshots/gammel.png:1:1  screenshot/unused', '"gammel" is shown by no page'],
    ['screenshot-orphan-data', 'src/content/screenshots/kode.yaml:1:1  screenshot/orphan-data', 'describes "kode.png", which is not in public/screenshots'],
    ['screenshot-invalid-data', 'src/content/screenshots/velg.yaml:13:10  screenshot/invalid-data', 'box must be [left, top, width, height]'],
    ['html-script', 'src/content/guides/nb/bankid.mdx:10:1  html/script', '<script> is not allowed'],
    ['html-iframe', 'src/content/guides/nb/bankid.mdx:10:1  html/iframe', '<iframe> is not allowed'],
    ['html-style', 'src/content/guides/nb/bankid.mdx:10:1  html/style', '<style> is not allowed'],
    ['html-event-handler', 'src/content/guides/nb/index.mdx:11:28  html/event-handler', 'onClick is an inline event handler'],
    ['html-javascript-url', 'src/content/guides/nb/index.mdx:11:12  html/javascript-url', 'a javascript: address runs code'],
    ['html-raw-html', 'src/content/guides/nb/index.mdx:9:1  mdx/unknown-component', '<Fragment> is not a component'],
    ['link-insecure', 'src/content/guides/nb/bankid.mdx:10:22  link/insecure', '"http://www.bankid.no/" is not https: write "https://www.bankid.no/"'],
    ['link-malformed', 'src/content/guides/nb/bankid.mdx:10:22  link/malformed', '(did you mean "https:"?)'],
    ['link-missing-page', 'src/content/guides/nb/index.mdx:11:12  link/missing-page', '"/bankd/" is not a page of the site (did you mean "/bankid/"?)'],
    ['link-wrong-locale', 'src/content/guides/en/index.mdx:11:12  link/wrong-locale', 'link to "/en/bankid/"'],
    ['mdx-syntax', 'src/content/guides/nb/index.mdx:9:45  mdx/syntax', 'the page cannot be read'],
    ['page-file-name', 'src/content/guides/nb/Feilsøking.mdx:1:1  page/file-name', 'e.g. src/content/guides/nb/feilsoking.mdx'],
    // YAML would roll 2026-02-30 over to 2 March without a word.
    ['frontmatter-date', 'src/content/guides/nb/index.mdx:5:15  frontmatter/date', 'lastReviewed: 2026-02-30 is not a real date'],
    ['site-settings-insecure', 'src/site.config.ts:4:11  link/insecure', 'is not https'],
  ];

  it('frontmatter-date: a date that does not exist is reported under a misspelt name too, beside the name\'s own line', async () => {
    const root = fixture('frontmatter-date');
    const page = join(root, 'src/content/guides/nb/index.mdx');
    writeFileSync(page, readFileSync(page, 'utf8').replace('lastReviewed: 2026-02-30', 'lastReviewd: 2026-02-30'));
    expect(located(await check(root))).toEqual(['src/content/guides/nb/index.mdx:5:1  frontmatter/field', 'src/content/guides/nb/index.mdx:5:14  frontmatter/date']);
  });

  it('frontmatter-field: a quoted date is text to the content loader too, so it is reported; an unquoted one is not', async () => {
    const root = fixture('frontmatter-field');
    const page = join(root, 'src/content/guides/nb/index.mdx');
    const fixed = readFileSync(page, 'utf8').replace('order: første', 'order: 0');
    writeFileSync(page, fixed.replace('lastReviewd: 2026-02-20', 'lastReviewed: "2026-02-20"'));
    expect(located(await check(root))).toEqual(['src/content/guides/nb/index.mdx:5:15  frontmatter/field']);
    writeFileSync(page, fixed.replace('lastReviewd: 2026-02-20', 'lastReviewed: 2026-02-20'));
    expect(located(await check(root))).toEqual([]);
  });

  // A frontmatter value that is a link is checked like one; the schema rejects this field as well.
  it('link-frontmatter: checks a link in a frontmatter field, and names the field the schema does not know', async () => {
    const problems = await check(fixture('link-frontmatter'));
    expect(located(problems)).toEqual(['src/content/guides/nb/index.mdx:7:1  frontmatter/field', 'src/content/guides/nb/index.mdx:7:10  link/missing-page']);
    expect(problems.find((p) => p.rule === 'link/missing-page')?.message).toContain('"/bankd/" is not a page of the site');
  });

  it('screenshot-field: names a misspelt field and a missing label text in a screenshot file, at their lines', async () => {
    const problems = await check(fixture('screenshot-field'));
    const fields = problems.filter((p) => p.rule === 'screenshot/field').map((p) => `${p.file}:${p.line}  ${p.message}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        // An extra language under alt: the loader refuses the file, so the check must say so.
        expect.stringMatching(/^src\/content\/screenshots\/velg\.yaml:5  unknown field "se"/),
        'src/content/screenshots/velg.yaml:9  lable is not a field: did you mean label?',
        expect.stringMatching(/^src\/content\/screenshots\/velg\.yaml:15  label \(en\) is missing/),
      ]),
    );
    expect(fields).toHaveLength(3);
  });

  it('frontmatter-field: names each field the loader would refuse, at its line', async () => {
    const problems = await check(fixture('frontmatter-field'));
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}  ${p.rule}  ${p.message}`)).toEqual([
      'src/content/guides/nb/index.mdx:4:8  frontmatter/field  order must be a whole number, e.g. 3',
      'src/content/guides/nb/index.mdx:5:1  frontmatter/field  lastReviewd is not a field: did you mean lastReviewed?',
    ]);
  });

  for (const [name, line, words] of cases) {
    it(`${name}: ${line}`, async () => {
      const problems = await check(fixture(name));
      expect(located(problems)).toEqual([line]);
      expect(problems.find((p) => p.severity === 'error')?.message).toContain(words);
    });
  }

  it('link-generated-route: a path the site makes for itself is left to the built-site check', async () => {
    const problems = await check(fixture('link-generated-route'));
    // /en/print/ is one of the site's own paths, made by the build; /en/prnt/ is nothing.
    expect(located(problems)).toEqual(['src/content/guides/en/index.mdx:13:10  link/missing-page']);
  });

  it('mdx-unknown-component: a misspelt component is named with the right one', async () => {
    const problems = await check(fixture('mdx-unknown-component'));
    // The misspelt element is not a <Screenshot>, so its image is shown by one page less but still used.
    expect(located(problems)).toEqual(['src/content/guides/nb/bankid.mdx:16:5  mdx/unknown-component']);
    expect(problems[0]?.message).toContain('<Screnshot> is not a component (did you mean "Screenshot"?)');
  });
});

/** The errors about one file, as the report writes them. */
const errorsIn = (problems: readonly Problem[], file: string) =>
  problems.filter((p) => p.file === file && p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}  ${p.rule}  ${p.message}`);

function edit(root: string, file: string, change: (text: string) => string): void {
  const before = readFileSync(join(root, file), 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changes it`).not.toBe(before);
  writeFileSync(join(root, file), after);
}

describe('a misspelt field is one line, at the misspelt key, naming the field it was meant to be', () => {
  const PAGE = 'src/content/guides/nb/bankid.mdx';
  const SCREENSHOT = 'src/content/screenshots/velg.yaml';

  // The page's field, the misspelling, and the line it is on in the fixture's page.
  it.each([
    ['title', 'titel', 2],
    ['description', 'descripton', 3],
    ['method', 'metod', 4],
    ['order', 'ordr', 5],
    ['lastReviewed', 'lastReviewd', 6],
    ['owner', 'ownr', 7],
  ])('frontmatter %s written as %s', async (field, typo, line) => {
    const root = fixture();
    edit(root, PAGE, (text) => text.replace(`\n${field}:`, `\n${typo}:`));
    const errors = errorsIn(await check(root), PAGE);
    expect(errors).toEqual([`${PAGE}:${line}:1  frontmatter/field  ${typo} is not a field: did you mean ${field}?`]);
    // Never also the schema's complaint about the field the typo was meant to be.
    expect(errors.join('\n')).not.toMatch(new RegExp(`^\\S+  frontmatter/field  ${field} (is missing|must)`, 'm'));
  });

  it('frontmatter draft written as drat: the field the page does not have is named too', async () => {
    const root = fixture();
    edit(root, PAGE, (text) => text.replace('owner: IT-brukerstøtte\n', 'owner: IT-brukerstøtte\ndrat: true\n'));
    expect(errorsIn(await check(root), PAGE)).toEqual([`${PAGE}:8:1  frontmatter/field  drat is not a field: did you mean draft?`]);
  });

  it('a misspelt field whose value is wrong as well: both are named, at the misspelt key', async () => {
    const root = fixture();
    edit(root, PAGE, (text) => text.replace('order: 5', 'ordr: fem'));
    expect(errorsIn(await check(root), PAGE)).toEqual([
      `${PAGE}:5:1  frontmatter/field  ordr is not a field: did you mean order?`,
      `${PAGE}:5:7  frontmatter/field  order must be a whole number, e.g. 3`,
    ]);
  });

  it.each([
    ['alt', 'atl:\n  nb:', 'alt:\n  nb:', 1, 1],
    ['a language of alt', '  eng: The Choose', '  en: The Choose', 4, 3],
    ['regions', 'regoins:', 'regions:', 5, 1],
    ['box', '    bx: [40, 100', '    box: [40, 100', 7, 5],
    ['label', '    lable:\n      nb: BankID', '    label:\n      nb: BankID', 8, 5],
  ])('screenshot file: %s misspelt', async (_what, typo, written, line, column) => {
    const root = fixture();
    edit(root, SCREENSHOT, (text) => text.replace(written, typo));
    const [key, meant] = [typo.trim().split(':')[0]!, written.trim().split(':')[0]!];
    // No screenshot/alt, screenshot/invalid-data or screenshot/region line about the field it was meant to be.
    expect(errorsIn(await check(root), SCREENSHOT)).toEqual([`${SCREENSHOT}:${line}:${column}  screenshot/field  ${key} is not a field: did you mean ${meant}?`]);
    expect(located(await check(root)).filter((l) => !l.startsWith(SCREENSHOT))).toEqual([]);
  });

  it.each([
    ['siteUrl', 'siteUrll', 'siteUrl'],
    ['names.full', 'ful', '  full'],
    ['serviceDesk (a field with fields under it)', 'servceDesk', 'serviceDesk'],
    ['methods', 'methds', 'methods'],
  ])('trust file: %s misspelt', (_what, typo, written) => {
    const root = fixture();
    mkdirSync(join(root, 'src/trusts'), { recursive: true });
    // The fixture's list of login methods has bankid alone.
    const text = readFileSync(join(projectRoot, 'src/trusts/xxhf.yaml'), 'utf8').replace(/^methods: .*$/m, 'methods: [bankid]');
    const line = text.split('\n').findIndex((l) => l.startsWith(`${written}:`)) + 1;
    expect(line, `${written}: in src/trusts/xxhf.yaml`).toBeGreaterThan(0);
    writeFileSync(join(root, 'src/trusts/xxhf.yaml'), text.replace(`\n${written}:`, `\n${written.replace(written.trim(), typo)}:`));
    const problems: Problem[] = [];
    readTrust(root, 'xxhf', problems);
    const column = written.length - written.trim().length + 1;
    expect(problems.map(formatProblem)).toEqual([
      `src/trusts/xxhf.yaml:${line}:${column}  trust/field  ${typo} is not a field: did you mean ${written.trim()}?`,
    ]);
  });
});

describe("component props, checked against each component's schema (src/guide/components.ts)", () => {
  const cases: [string, string, string][] = [
    ['mdx-unknown-prop', 'src/content/guides/nb/bankid.mdx:16:17  mdx/unknown-prop', '<Screenshot> has no prop scr (did you mean "src"?)'],
    ['mdx-prop-value', 'src/content/guides/nb/bankid.mdx:14:20  mdx/prop-value', '<Callout> type="warn" is not allowed (did you mean "warning"?); write one of: note, tip, warning, error'],
    ['mdx-missing-prop', 'src/content/guides/nb/bankid.mdx:18:3  mdx/missing-prop', '<Step> needs title="…"'],
  ];
  for (const [name, line, words] of cases) {
    it(`${name}: ${line}`, async () => {
      const problems = await check(fixture(name));
      expect(located(problems)).toEqual([line]);
      expect(problems.find((p) => p.severity === 'error')?.message).toContain(words);
    });
  }
});

describe('warnings', () => {
  it('list a page past its review date, without an error', async () => {
    const problems = await check(fixture('review-overdue'));
    expect(located(problems)).toEqual([]);
    expect(located(problems, 'warning')).toEqual(['src/content/guides/nb/index.mdx:5:15  review/overdue']);
    expect(problems[0]?.message).toContain('last reviewed 2025-06-30, more than 12 months ago');
  });

  it('take the review period as an option', async () => {
    const problems = (await runSourceChecks(fixture(), { now: today, reviewMonths: 1, translations: false })).problems;
    expect(located(problems, 'warning')).toHaveLength(4);
  });

  it('list a page awaiting its owner', async () => {
    const problems = await check(fixture('review-awaiting-owner'));
    expect(located(problems)).toEqual([]);
    expect(located(problems, 'warning')).toEqual(['src/content/guides/en/bankid.mdx:9:9  review/awaiting-owner']);
  });

  it('sum up a page\'s passages awaiting their owner in one line at the first, naming the line of each', async () => {
    const problems = await check(fixture('review-passage'));
    expect(located(problems)).toEqual([]);
    expect(located(problems, 'warning')).toEqual(['src/content/guides/nb/bankid.mdx:10:76  review/passage']);
    expect(problems[0]?.message).toBe(
      "2 passages await their owner's review (IT-brukerstøtte), at lines 10, 18: when the owner has checked one, remove <OwnerReview> and </OwnerReview> around it and keep the text",
    );
  });

  it('name the passages on the one line of a page awaiting its owner as a whole', async () => {
    const root = fixture('review-passage');
    const page = join(root, 'src/content/guides/nb/bankid.mdx');
    writeFileSync(page, readFileSync(page, 'utf8').replace('owner: IT-brukerstøtte\n', 'owner: IT-brukerstøtte\nreview: awaiting-owner-review\n'));
    const problems = await check(root);
    expect(located(problems, 'warning')).toEqual(['src/content/guides/nb/bankid.mdx:8:9  review/awaiting-owner']);
    expect(problems[0]?.message).toBe(
      "the steps and 2 passages at lines 11, 19 await their owner's review (IT-brukerstøtte): when the owner has checked them, set review: reviewed, and remove <OwnerReview> and </OwnerReview> around each passage and keep the text",
    );
  });

  it('name a page\'s only passage awaiting its owner by its first words and its reason', async () => {
    const root = fixture('review-passage');
    const page = join(root, 'src/content/guides/nb/bankid.mdx');
    writeFileSync(page, readFileSync(page, 'utf8').replace('<OwnerReview>Bestill tilgangen fra jobb.</OwnerReview>', 'Bestill tilgangen fra jobb.'));
    const problems = await check(root);
    expect(located(problems, 'warning')).toEqual(['src/content/guides/nb/bankid.mdx:18:5  review/passage']);
    expect(problems[0]?.message).toBe(
      'the passage "Kortet sperres: Skriver du feil kode flere ganger, blir …" awaits its owner\'s review (IT-brukerstøtte), marked "ikke fra kildeteksten": when the owner has checked it, remove <OwnerReview> and </OwnerReview> around it and keep the text',
    );
  });
});
