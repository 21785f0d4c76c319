import { z } from 'astro/zod';
import { locales, type Locale } from '../i18n/locales.ts';
import { reviewStatuses } from './methods.ts';
import { didYouMean } from './suggest.ts';

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

/** An object with one non-empty string per locale, e.g. `{ nb: …, nn: …, en: … }`. */
export function localizedText(what: string) {
  const shape = Object.fromEntries(locales.map((l) => [l, text(`${what} (${l})`)])) as Record<
    Locale,
    ReturnType<typeof text>
  >;
  return z.strictObject(shape, knownFields(locales, { error: `${what} needs one text per language: ${locales.join(', ')}` }));
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

export const guideFrontmatter = z.strictObject(guideShape, knownFields(Object.keys(guideShape)));

export type GuideFrontmatter = z.infer<typeof guideFrontmatter>;

/** A region in the PNG's own pixels: left, top, width, height. */
const box = z
  .tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().positive(), z.number().positive()], {
    error: 'box must be [left, top, width, height] in the PNG\'s pixels, e.g. [120, 340, 400, 64]',
  });

export const screenshotRegion = z.strictObject({ box, label: localizedText('label') }, knownFields(['box', 'label']));

export const screenshotData = z.strictObject(
  {
    /** What the screenshot is for, read by screen readers: the purpose, not the pixels. */
    alt: localizedText('alt'),
    /** Named regions that pages can point at, e.g. `fortsett`. */
    regions: z
      .record(z.string().regex(/^[a-z0-9-]+$/), screenshotRegion, {
        error: (issue) =>
          issue.code === 'invalid_key' ? `region name "${String(issue.input)}" may only use a-z, 0-9 and -, e.g. fortsett` : undefined,
      })
      .default({}),
  },
  knownFields(['alt', 'regions']),
);

export type ScreenshotData = z.infer<typeof screenshotData>;
export type ScreenshotRegion = z.infer<typeof screenshotRegion>;
