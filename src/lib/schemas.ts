import { z } from 'astro/zod';
import { locales, type Locale } from '../i18n/locales.ts';
import { loginMethods, reviewStatuses } from './methods.ts';

const text = (what: string) =>
  z.string({ error: `${what} must be text` }).trim().min(1, { error: `${what} must not be empty` });

/** An object with one non-empty string per locale, e.g. `{ nb: …, nn: …, en: … }`. */
export function localizedText(what: string) {
  const shape = Object.fromEntries(locales.map((l) => [l, text(`${what} (${l})`)])) as Record<
    Locale,
    ReturnType<typeof text>
  >;
  return z.strictObject(shape, {
    error: `${what} needs one text per language: ${locales.join(', ')}`,
  });
}

export const guideFrontmatter = z.strictObject({
  title: text('title'),
  description: text('description'),
  /** The login method this page explains; leave out for task pages (start, activation, troubleshooting). */
  method: z
    .enum(loginMethods, { error: `method must be one of: ${loginMethods.join(', ')} (or left out for a task page)` })
    .optional(),
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
});

export type GuideFrontmatter = z.infer<typeof guideFrontmatter>;

/** A region in the PNG's own pixels: left, top, width, height. */
const box = z
  .tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().positive(), z.number().positive()], {
    error: 'box must be [left, top, width, height] in the PNG\'s pixels, e.g. [120, 340, 400, 64]',
  });

export const calloutRegion = z.strictObject({
  box,
  label: localizedText('label'),
});

export const screenshotData = z.strictObject({
  /** What the screenshot is for, read by screen readers: the purpose, not the pixels. */
  alt: localizedText('alt'),
  /** Named regions that pages can point at, e.g. `fortsett`. */
  regions: z.record(z.string().regex(/^[a-z0-9-]+$/, { error: 'region names use a-z, 0-9 and -' }), calloutRegion).default({}),
});

export type ScreenshotData = z.infer<typeof screenshotData>;
export type CalloutRegion = z.infer<typeof calloutRegion>;
