import { z } from 'astro/zod';
import { locales, type Locale } from '../i18n/locales.ts';
import { didYouMean, misspeltField, misspeltKeys } from './suggest.ts';

/** The values of a page's `review:`: checked by its owner, or written without that check. */
export const reviewStatuses = ['reviewed', 'awaiting-owner-review'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

const text = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/**
 * Options for a closed object: an unknown field (often a misspelt one) is named,
 * with the nearest known field and the list of fields.
 */
function knownFields(fields: readonly string[], extra: { error?: string } = {}) {
  return {
    error: (issue: { code?: string; keys?: string[] }) => {
      if (issue.code !== 'unrecognized_keys') return extra.error;
      return issue
        .keys!.map((key) => `unknown field "${key}"${didYouMean(key, fields)}; the fields are: ${fields.join(', ')}`)
        .join('; ');
    },
  };
}

/**
 * A closed object (strictObject with knownFields). A known field misspelt, with the field it
 * was meant to be not written, is one issue at the misspelt key, `lastReviewd is not a field:
 * did you mean lastReviewed?` (its `meant` names the field), and its value is read as that
 * field's: the field is not reported missing as well, and a wrong value is still named.
 */
function closedObject<T extends z.ZodRawShape>(shape: T, extra: { error?: string } = {}) {
  const fields = Object.keys(shape);
  return z.preprocess((input, ctx) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
    const written = input as Record<string, unknown>;
    const misspelt = misspeltKeys(Object.keys(written), fields);
    if (misspelt.size === 0) return input;
    const read: Record<string, unknown> = { ...written };
    for (const [key, meant] of misspelt) {
      // An unrecognized key, as zod names one: the object's own checks still run on the value read.
      ctx.addIssue({ code: 'unrecognized_keys', keys: [key], input: written, message: misspeltField(key, meant), meant });
      read[meant] = read[key];
      delete read[key];
    }
    return read;
  }, z.strictObject(shape, knownFields(fields, extra)));
}

/** The field a misspelt key was meant to be, on the issue that names the key (closedObject). */
export function meantField(issue: z.core.$ZodIssue): string | undefined {
  const meant = (issue as { meant?: unknown }).meant;
  return issue.code === 'unrecognized_keys' && typeof meant === 'string' ? meant : undefined;
}

/** An object with one non-empty string per locale, e.g. `{ nb: …, nn: …, en: … }`. */
export function localizedText(what: string) {
  const shape = Object.fromEntries(locales.map((l) => [l, text(`${what} (${l})`)])) as Record<
    Locale,
    ReturnType<typeof text>
  >;
  return closedObject(shape, { error: `${what} needs one text per language: ${locales.join(', ')}` });
}

const guideShape = {
  title: text('title'),
  description: text('description'),
  /**
   * The login method this page explains: an id in src/content/methods.yaml, which the content
   * checks hold it to (src/lib/checks/methods.ts), so that the list is data the dev server
   * reloads and not part of the collection's schema. Leave out for task pages (start,
   * activation, troubleshooting).
   */
  method: z.string({ error: 'method must be the id of a login method, e.g. bankid (or left out for a task page)' }).optional(),
  /** Position in navigation and in previous/next, lowest first. */
  order: z.number({ error: 'order must be a whole number, e.g. 3' }).int({ error: 'order must be a whole number, e.g. 3' }),
  lastReviewed: z.date({
    error: 'lastReviewed must be a date written as YYYY-MM-DD, e.g. 2026-11-01',
  }),
  /** Who answers for the page's accuracy: a role or a team, not a person's e-mail. */
  owner: text('owner'),
  /** Words people search for that the page may not use, e.g. "chipkort". */
  keywords: z.array(text('each keyword'), { error: 'keywords must be a list, e.g. [chipkort, kortleser]' }).default([]),
  /**
   * `awaiting-owner-review`: the steps were written without the owner's check.
   * Editors see it in the build report; readers see no banner.
   */
  review: z
    .enum(reviewStatuses, { error: `review must be one of: ${reviewStatuses.join(', ')}` })
    .default('reviewed'),
  draft: z.boolean({ error: 'draft must be true or false' }).default(false),
  /** On a translation: its title is the Bokmål title on purpose (a name, e.g. "BankID"). */
  sameTitle: z.boolean({ error: 'sameTitle must be true or false' }).optional(),
  /** On a translation: why its steps are not the Bokmål page's, on purpose. */
  ownSteps: text('ownSteps').optional(),
};

export const guideFrontmatter = closedObject(guideShape);

/** The fields a page's frontmatter may have. */
export const guideFields = Object.keys(guideShape);

export type GuideFrontmatter = z.infer<typeof guideFrontmatter>;

/** A region in the PNG's own pixels: left, top, width, height. */
const box = z
  .tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().positive(), z.number().positive()], {
    error: 'box must be [left, top, width, height] in the PNG\'s pixels, e.g. [120, 340, 400, 64]',
  });

const regionShape = { box, label: localizedText('label') };

export const screenshotRegion = closedObject(regionShape);

const screenshotShape = {
  /** What the screenshot is for, read by screen readers: the purpose, not the pixels. */
  alt: localizedText('alt'),
  /** Named regions that pages can point at, e.g. `fortsett`. */
  regions: z
    .record(z.string().regex(/^[a-z0-9-]+$/), screenshotRegion, {
      error: (issue) =>
        issue.code === 'invalid_key' ? `region name "${String(issue.input)}" may only use a-z, 0-9 and -, e.g. fortsett` : undefined,
    })
    .default({}),
};

export const screenshotData = closedObject(screenshotShape);

/** The fields a screenshot file may have, and each of its regions. */
export const screenshotFields = { file: Object.keys(screenshotShape), region: Object.keys(regionShape) };

export type ScreenshotData = z.infer<typeof screenshotData>;
export type ScreenshotRegion = z.infer<typeof screenshotRegion>;
