/**
 * Nothing half-made is published: a page that is not a draft must be written out. It may
 * not hold the text `npm run new` put in for the editor to replace, and a translation may
 * not keep the Bokmål title or a different set of steps from the Bokmål page, unless its
 * frontmatter says that is on purpose (`sameTitle: true`, `ownSteps: "why"`). Drafts are
 * left alone: they are where a page is written.
 */
import { defaultLocale, localeNames, locales } from '../../i18n/locales.ts';
import { stepIds } from '../../guide/sections.ts';
import { yamlPosition } from '../../guide/yaml-source.ts';
import { scaffoldPlaceholders } from '../scaffold.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import type { GuideFile, Project } from './project.ts';
import { partsOf } from './translations.ts';

const KEEP_DRAFT = 'or keep `draft: true` until it is written';

/** Where the frontmatter says `key`, or the top of the file. */
const fieldAt = (guide: GuideFile, key: string): SourcePosition => (guide.frontmatter ? yamlPosition(guide.frontmatter, [key]) : guide.lines.start());

/** Where the page still holds a text `npm run new` wrote to be replaced: offset and text, in page order. */
function placeholdersIn(guide: GuideFile): { at: number; text: string }[] {
  // Any language's: a placeholder copied from another language's file is as unwritten. Longest
  // first, so that a placeholder inside a longer one is not found twice.
  const texts = [...new Set(locales.flatMap((l) => scaffoldPlaceholders(l)))].sort((a, b) => b.length - a.length);
  const found: { at: number; text: string }[] = [];
  for (const text of texts) {
    for (let at = guide.text.indexOf(text); at !== -1; at = guide.text.indexOf(text, at + text.length)) {
      if (!found.some((f) => at >= f.at && at < f.at + f.text.length)) found.push({ at, text });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** One problem per page, at the first text still to be replaced, with the line of each. */
function placeholders(guide: GuideFile): Problem[] {
  const found = placeholdersIn(guide);
  if (found.length === 0) return [];
  const [first] = found;
  const message =
    found.length === 1
      ? `"${first!.text}" is the text npm run new put here for you to replace: write the page's own words here, ${KEEP_DRAFT}`
      : `${found.length} texts npm run new put here for you to replace are still here, at lines ${[...new Set(found.map((f) => guide.lines.at(f.at).line))].join(', ')} (the first: "${first!.text}"): write the page's own words there, ${KEEP_DRAFT}`;
  return [problem(guide.lines.at(first!.at), 'page/placeholder', message)];
}

/** The place of the first step where the translation's steps part from the Bokmål page's. */
function firstDifference(guide: GuideFile, own: string[], source: string[]): SourcePosition {
  const steps = partsOf(guide).filter((p) => p.kind === 'step');
  const index = own.findIndex((id, i) => id !== source[i]);
  const step = steps[index === -1 ? steps.length - 1 : index];
  return step?.offset === undefined ? guide.lines.start() : guide.lines.at(step.offset);
}

/**
 * What keeps a translation from being published: the Bokmål title kept, or steps other than
 * the Bokmål page's. `recordedSteps`: the Bokmål page's step ids when the translation was last
 * recorded as up to date (npm run translated). A translation whose steps are still those is
 * outdated, not unfinished: Bokmål changed its steps since, and the translation report names
 * each new or removed step (translation/outdated), so a translation may follow later.
 */
export function translationGaps(guide: GuideFile, source: GuideFile, recordedSteps?: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const language = localeNames[guide.locale];
  if (typeof guide.data.title === 'string' && guide.data.title.trim() === String(source.data.title ?? '').trim() && guide.data.sameTitle !== true) {
    problems.push(
      problem(
        fieldAt(guide, 'title'),
        'translation/same-title',
        `the title is the Bokmål page's ("${guide.data.title.trim()}"): translate it into ${language}, or, when it is the same in ${language} (a name such as "BankID"), add \`sameTitle: true\` to the frontmatter`,
      ),
    );
  }
  const own = stepIds(partsOf(guide));
  const theirs = stepIds(partsOf(source));
  const same = (a: readonly string[], b: readonly string[]) => a.join('\n') === b.join('\n');
  const followsRecord = recordedSteps !== undefined && same(own, recordedSteps);
  if (guide.data.ownSteps === undefined && !same(own, theirs) && !followsRecord) {
    const missing = theirs.filter((id) => !own.includes(id));
    const extra = own.filter((id) => !theirs.includes(id));
    const parts = [
      ...(missing.length > 0 ? [`it lacks ${missing.join(', ')}`] : []),
      ...(extra.length > 0 ? [`it has ${extra.join(', ')}, which Bokmål has not`] : []),
      ...(missing.length === 0 && extra.length === 0 ? [`they are in another order (Bokmål: ${theirs.join(', ')})`] : []),
    ];
    problems.push(
      problem(
        firstDifference(guide, own, theirs),
        'translation/steps',
        `the steps are not the Bokmål page's (${source.file}): ${parts.join('; ')}. Give each step the id="…" of its Bokmål step, in the same order, or, when the steps differ on purpose, say why in the frontmatter: ownSteps: "…"`,
      ),
    );
  }
  return problems;
}

/** Everything that keeps a page from leaving draft (placeholders; for a translation, translationGaps). */
export function unfinishedProblems(guide: GuideFile, source: GuideFile | undefined, recordedSteps?: readonly string[]): Problem[] {
  if (!guide.compiled) return [];
  return [...placeholders(guide), ...(guide.locale !== defaultLocale && source?.compiled ? translationGaps(guide, source, recordedSteps) : [])];
}

/**
 * Unfinished pages out of draft. `recordedSteps(locale, slug)`: the Bokmål step ids a
 * translation's record holds (the translation report reads the records).
 */
export function checkUnfinished(project: Project, recordedSteps: (locale: string, slug: string) => readonly string[] | undefined = () => undefined): Problem[] {
  const problems: Problem[] = [];
  const sources = new Map(project.guides.filter((g) => g.locale === defaultLocale).map((g) => [g.slug, g]));
  for (const guide of project.guides) {
    if (guide.locale === defaultLocale) {
      for (const key of ['sameTitle', 'ownSteps'] as const) {
        if (guide.data[key] === undefined) continue;
        problems.push(problem(fieldAt(guide, key), 'frontmatter/field', `${key} is for a translation (what it keeps from Bokmål on purpose); the Bokmål page is the source: remove it`));
      }
    }
    if (guide.draft) continue;
    problems.push(...unfinishedProblems(guide, sources.get(guide.slug), recordedSteps(guide.locale, guide.slug)));
  }
  return problems;
}
