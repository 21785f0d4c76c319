/**
 * Warnings for the page owners: a page whose steps nobody has checked for a long
 * time, that still awaits its owner's review, or that holds a passage awaiting it
 * (<OwnerReview>). They are listed, and never stop the build: the page is still
 * better published than not.
 */
import { isScalar } from 'yaml';
import { guideFields } from '../schemas.ts';
import { yamlKeys } from '../../guide/yaml-source.ts';
import { writtenKey } from '../suggest.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import { yamlPosition, type GuideFile, type Project } from './project.ts';
import { isReviewDue, reviewMonths } from '../../guide/review.ts';

export interface ReviewOptions {
  /** Today, for tests; defaults to the current date. */
  now?: Date;
  reviewMonths?: number;
}

/** `lastReviewed` as a date: YAML gives a string (YYYY-MM-DD) or, from some parsers, a Date. */
function reviewDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * `lastReviewed` written as a date that does not exist (2026-13-01, 2026-02-30). The
 * content loader's YAML parser rolls such a date over into the next month or year
 * without a word, so the page would claim a review date nobody wrote; catch it here.
 */
export function checkReviewDates(project: Project): Problem[] {
  const problems: Problem[] = [];
  for (const guide of project.guides) {
    const source = guide.frontmatter;
    if (!source) continue;
    // Under its name, or a misspelling of it (named once by the frontmatter's checks, its value read as the field's).
    const key = writtenKey(yamlKeys(source.doc.contents), 'lastReviewed', guideFields);
    if (key === undefined) continue;
    // As written: the loader's parser turns 2026-02-30 into 2 March without a word.
    const written = source.doc.get(key, true);
    const value = isScalar(written) ? written.source : undefined;
    if (typeof value !== 'string') continue;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!match) continue; // not date-shaped: the frontmatter schema names it
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      problems.push(
        problem(
          yamlPosition(source, [key]),
          'frontmatter/date',
          `lastReviewed: ${value} is not a real date (month 01–12, and a day that month has): write the date of the last review as YYYY-MM-DD`,
        ),
      );
    }
  }
  return problems;
}

/** A passage a page marks with <OwnerReview>: where, why, and its first words. */
export interface ReviewPassage {
  guide: GuideFile;
  at: SourcePosition;
  reason?: string;
  /** The passage's words, shortened for a report line. */
  words: string;
}

const shorten = (words: string, max = 60) => (words.length <= max ? words : `${words.slice(0, max).replace(/\s+\S*$/, '')} …`);

/** Every <OwnerReview> passage of every page, in file order. */
export function passagesAwaitingReview(project: Project): ReviewPassage[] {
  const passages: ReviewPassage[] = [];
  for (const guide of project.guides) {
    for (const used of guide.record?.components ?? []) {
      if (used.name !== 'OwnerReview') continue;
      const reason = used.props.reason?.value;
      passages.push({
        guide,
        at: guide.lines.at(used.offset),
        ...(typeof reason === 'string' && reason.trim() !== '' ? { reason: reason.trim() } : {}),
        words: shorten(used.words ?? ''),
      });
    }
  }
  return passages;
}

export function checkReview(project: Project, options: ReviewOptions = {}): Problem[] {
  const now = options.now ?? new Date();
  // Unless told otherwise, the site settings' period as they are now (the dev server reloads them).
  const months = options.reviewMonths ?? reviewMonths();
  const problems: Problem[] = [];
  const passages = passagesAwaitingReview(project);
  /** Pages whose owner reviews the whole page: their passages are named on its one line. */
  const wholePage = new Set<string>();
  for (const guide of project.guides) {
    const source = guide.frontmatter;
    if (!source) continue;
    const owner = typeof guide.data.owner === 'string' ? ` (${guide.data.owner})` : '';
    const reviewed = reviewDate(guide.data.lastReviewed);
    if (reviewed && isReviewDue(reviewed, now, months)) {
      problems.push(
        problem(
          yamlPosition(source, ['lastReviewed']),
          'review/overdue',
          `last reviewed ${reviewed.toISOString().slice(0, 10)}, more than ${months} months ago: ask the owner${owner} to check the steps against the login screens and update lastReviewed`,
          'warning',
        ),
      );
    }
    if (guide.data.review === 'awaiting-owner-review') {
      wholePage.add(guide.file);
      const onPage = passages.filter((p) => p.guide.file === guide.file);
      const lines = [...new Set(onPage.map((p) => p.at.line))].sort((a, b) => a - b);
      const one = onPage.length === 1;
      const message =
        onPage.length === 0
          ? `the steps await their owner's review${owner}: set review: reviewed when the owner has checked them`
          : `the steps and ${one ? 'the passage' : `${onPage.length} passages`} at ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')} await their owner's review${owner}: when the owner has checked them, set review: reviewed, and remove <OwnerReview> and </OwnerReview> around ${one ? 'the passage' : 'each passage'} and keep the text`;
      problems.push(problem(yamlPosition(source, ['review']), 'review/awaiting-owner', message, 'warning'));
    }
  }
  // One line per page: a page awaiting review as a whole names its passages on that line.
  problems.push(...passageWarnings(passages.filter((p) => !wholePage.has(p.guide.file))));
  return problems;
}

/**
 * One `review/passage` warning per page, at its first passage: a page with many marked
 * passages would otherwise bury the report's other lines. A single passage keeps its own
 * words and reason; the status page and the JSON report list every passage.
 */
export function passageWarnings(passages: readonly ReviewPassage[]): Problem[] {
  const byPage = new Map<string, ReviewPassage[]>();
  for (const passage of passages) byPage.set(passage.guide.file, [...(byPage.get(passage.guide.file) ?? []), passage]);
  return [...byPage.values()].map((unordered) => {
    const onPage = unordered.toSorted((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
    const first = onPage[0]!;
    const owner = typeof first.guide.data.owner === 'string' ? ` (${first.guide.data.owner})` : '';
    const remove = 'remove <OwnerReview> and </OwnerReview> around it and keep the text';
    if (onPage.length === 1) {
      const what = first.words === '' ? 'this passage' : `the passage "${first.words}"`;
      const why = first.reason ? `, marked "${first.reason}"` : '';
      return problem(first.at, 'review/passage', `${what} awaits its owner's review${owner}${why}: when the owner has checked it, ${remove}`, 'warning');
    }
    const lines = [...new Set(onPage.map((p) => p.at.line))].join(', ');
    return problem(
      first.at,
      'review/passage',
      `${onPage.length} passages await their owner's review${owner}, at lines ${lines}: when the owner has checked one, ${remove}`,
      'warning',
    );
  });
}
