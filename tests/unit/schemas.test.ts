import { describe, expect, test } from 'vitest';
import { guideFrontmatter, screenshotData } from '../../src/lib/schemas.ts';

/** What an editor reads: each problem as `field: message`. */
function problems(schema: typeof guideFrontmatter | typeof screenshotData, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const page = {
  title: 'Logg inn med BankID',
  description: 'Slik logger du inn med BankID på mobilen.',
  method: 'bankid',
  order: 5,
  lastReviewed: new Date('2026-11-01'),
  owner: 'IT-brukerstøtte',
};

describe('guide frontmatter', () => {
  test('a complete page passes, with defaults for what it leaves out', () => {
    const result = guideFrontmatter.parse(page);
    expect(result).toMatchObject({ ...page, keywords: [], review: 'reviewed', draft: false });
  });

  test('a task page may leave out method', () => {
    const { method: _, ...taskPage } = page;
    expect(problems(guideFrontmatter, taskPage)).toEqual([]);
  });

  test('a missing title names the field and says what to write', () => {
    const { title: _, ...untitled } = page;
    expect(problems(guideFrontmatter, untitled)).toMatchInlineSnapshot(`
      [
        "title: title is missing",
      ]
    `);
  });

  test('an empty title is not a title', () => {
    expect(problems(guideFrontmatter, { ...page, title: '   ' })).toMatchInlineSnapshot(`
      [
        "title: title must not be empty",
      ]
    `);
  });

  test('a method that is not text asks for a method\'s id (the list itself is data the checks hold pages to: tests/checks/methods.test.ts)', () => {
    expect(problems(guideFrontmatter, { ...page, method: ['bankid'] })).toMatchInlineSnapshot(`
      [
        "method: method must be the id of a login method, e.g. bankid (or left out for a task page)",
      ]
    `);
  });

  test.each(['2026-13-01', '1. november'])('lastReviewed written as "%s" asks for YYYY-MM-DD', (lastReviewed) => {
    expect(problems(guideFrontmatter, { ...page, lastReviewed })).toEqual([
      'lastReviewed: lastReviewed must be a date written as YYYY-MM-DD, e.g. 2026-11-01',
    ]);
  });

  test('an order that is not a whole number asks for one', () => {
    expect(problems(guideFrontmatter, { ...page, order: 2.5 })).toMatchInlineSnapshot(`
      [
        "order: order must be a whole number, e.g. 3",
      ]
    `);
    expect(problems(guideFrontmatter, { ...page, order: 'tre' })).toMatchInlineSnapshot(`
      [
        "order: order must be a whole number, e.g. 3",
      ]
    `);
  });

  test('a review status outside the list names the allowed ones', () => {
    expect(problems(guideFrontmatter, { ...page, review: 'ok' })).toMatchInlineSnapshot(`
      [
        "review: review must be one of: reviewed, awaiting-owner-review",
      ]
    `);
  });

  test('an unknown field is an error naming it, so a misspelt field is not silently ignored', () => {
    expect(problems(guideFrontmatter, { ...page, lastReviewd: new Date('2026-11-01') })).toMatchInlineSnapshot(`
      [
        ": unknown field "lastReviewd" (did you mean "lastReviewed"?); the fields are: title, description, method, order, lastReviewed, owner, keywords, review, draft, sameTitle, ownSteps",
      ]
    `);
  });

  test('keywords must be a list', () => {
    expect(problems(guideFrontmatter, { ...page, keywords: 'chipkort' })).toMatchInlineSnapshot(`
      [
        "keywords: keywords must be a list, e.g. [chipkort, kortleser]",
      ]
    `);
  });
});

const text = (what: string) => ({ nb: `${what} (nb)`, nn: `${what} (nn)`, en: `${what} (en)` });
const screenshot = {
  alt: text('Velg Buypass ID'),
  regions: { fortsett: { box: [80, 1000, 400, 100], label: text('Fortsett') } },
};

describe('screenshot description (src/content/screenshots/*.yaml)', () => {
  test('a complete description passes', () => {
    expect(problems(screenshotData, screenshot)).toEqual([]);
  });

  test('a region box with three numbers asks for left, top, width, height', () => {
    const threeNumbers = { ...screenshot, regions: { fortsett: { ...screenshot.regions.fortsett, box: [80, 1000, 400] } } };
    expect(problems(screenshotData, threeNumbers)).toMatchInlineSnapshot(`
      [
        "regions.fortsett.box: box must be [left, top, width, height] in the PNG's pixels, e.g. [120, 340, 400, 64]",
      ]
    `);
  });

  test('an alt text missing in English names the language', () => {
    const { en: _, ...norwegianOnly } = screenshot.alt;
    expect(problems(screenshotData, { ...screenshot, alt: norwegianOnly })).toMatchInlineSnapshot(`
      [
        "alt.en: alt (en) is missing",
      ]
    `);
  });

  test('a misspelt field in a region is named once, with the field it was meant to be, and not also as missing', () => {
    const misspelt = { ...screenshot, regions: { fortsett: { box: [80, 1000, 400, 100], lable: text('Fortsett') } } };
    expect(problems(screenshotData, misspelt)).toMatchInlineSnapshot(`
      [
        "regions.fortsett: lable is not a field: did you mean label?",
      ]
    `);
  });

  test('a language code that is another language is not read as a misspelt one: its text is not taken for Bokmål', () => {
    const { nb, ...rest } = screenshot.alt;
    const swedish = { ...screenshot, alt: { sv: nb, ...rest } };
    const found = problems(screenshotData, swedish);
    expect(found).toContain('alt.nb: alt (nb) is missing');
    expect(found.some((line) => line.includes('sv is not a field'))).toBe(false);
  });

  test('a region name with capitals or spaces asks for a-z, 0-9 and -', () => {
    expect(problems(screenshotData, { ...screenshot, regions: { 'Fortsett knapp': screenshot.regions.fortsett } })).toMatchInlineSnapshot(`
      [
        "regions.Fortsett knapp: region name "Fortsett knapp" may only use a-z, 0-9 and -, e.g. fortsett",
      ]
    `);
  });
});
