/**
 * All checks, in the order they can run: the source checks need only the files
 * editors change (the build runs them before Astro renders anything), the built-site
 * checks need the built pages. Each returns problems in source terms; see problems.ts
 * for the report.
 */
import { checkTrusts } from './trusts.ts';
import { checkMethods } from './methods.ts';
import { searchWordsProblems } from '../search/vocabulary.ts';
import { checkBuiltSite, type BuiltCheckOptions, type BuiltPages } from './built.ts';
import { checkFrontmatter, checkScreenshotFields } from './fields.ts';
import { checkLinks } from './links.ts';
import { dedupeProblems, type Problem } from './problems.ts';
import { loadProject, type Project } from './project.ts';
import { checkReview, checkReviewDates, type ReviewOptions } from './review.ts';
import { checkScreenshots } from './screenshots.ts';
import { checkTerms } from './terms.ts';
import { translationProblems, translationReport, type TranslationReport } from './translations.ts';
import { checkUnfinished } from './unfinished.ts';

export interface SourceCheckOptions extends ReviewOptions {
  /** Compare each translation with the Bokmål text it records it was made from (default true). */
  translations?: boolean;
}

export interface SourceCheckResult {
  project: Project;
  problems: Problem[];
  translations?: TranslationReport;
}

export async function runSourceChecks(root: string, options: SourceCheckOptions = {}): Promise<SourceCheckResult> {
  const project = await loadProject(root);
  // Read even when not reported: a translation's record says which steps it was made with.
  const report = translationReport(project);
  const translations = options.translations === false ? undefined : report;
  const recordedSteps = (locale: string, slug: string) => report.entries.find((e) => e.locale === locale && e.slug === slug)?.recordedSteps;
  const problems = [
    ...project.problems,
    ...checkFrontmatter(project),
    ...checkScreenshotFields(project),
    ...checkScreenshots(project),
    ...checkLinks(project),
    ...checkReviewDates(project),
    ...checkReview(project, options),
    ...checkTrusts(project),
    ...checkMethods(project),
    ...searchWordsProblems(project.root),
    ...checkTerms(project),
    ...checkUnfinished(project, recordedSteps),
    ...(translations ? translationProblems(translations) : []),
  ];
  return { project, problems: dedupeProblems(problems), ...(translations ? { translations } : {}) };
}

/** The built-site checks, with the source problems they repeat left out; `read`: pages parsed earlier (readBuiltPages). */
export async function runBuiltChecks(
  project: Project,
  dir: string,
  options: BuiltCheckOptions,
  known: readonly Problem[] = [],
  read?: BuiltPages,
): Promise<Problem[]> {
  const built = await checkBuiltSite(project, dir, options, read);
  return dedupeProblems([...known, ...built], { samePlace: true }).slice(known.length);
}

export { readBuiltPages, type BuiltPages } from './built.ts';
export { formatGitHubAnnotations, formatReport, hasErrors, summarize, toJsonReport, type Problem } from './problems.ts';
export { formatTranslationReport, type TranslationReport } from './translations.ts';
