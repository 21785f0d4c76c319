/**
 * When a page's review is due: `lastReviewed` older than the review period of the site
 * settings (src/site.config.ts). The page tells its readers; the checks warn its owner.
 */
import { site } from '../site.config.ts';

/** The review period in months: REVIEW_MONTHS overrides the site settings (tests, one-off checks). */
export function reviewMonths(env: NodeJS.ProcessEnv = process.env): number {
  const months = Number(env.REVIEW_MONTHS ?? site.reviewMonths);
  return Number.isInteger(months) && months >= 1 ? months : site.reviewMonths;
}

/** The oldest review date that is not yet due, `months` before `now`. */
export function reviewLimit(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
}

export function isReviewDue(reviewed: Date, now: Date, months: number): boolean {
  return reviewed < reviewLimit(now, months);
}

export type ReviewState = 'reviewed' | 'awaiting-owner' | 'due';

/** What a page tells its readers about its review. */
export function reviewState(data: { review: string; lastReviewed: Date }, now = new Date(), months = reviewMonths()): ReviewState {
  if (data.review === 'awaiting-owner-review') return 'awaiting-owner';
  return isReviewDue(data.lastReviewed, now, months) ? 'due' : 'reviewed';
}
