/**
 * The translation report: for every page and language, translated, missing or older
 * than its Bokmål source. "Older" comes from git history: the last commit that changed
 * the translation is before the last commit that changed the source. A source change
 * that needs no translation (a typo) can say so with "[i18n-skip]" in its commit message.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultLocale, locales, localeNames, type Locale } from '../../i18n/locales.ts';
import { pagePath } from '../../guide/routing.ts';
import { problem, type Problem } from './problems.ts';
import { GUIDES_DIR, type Project } from './project.ts';

export const SKIP_TRANSLATION_MARKER = '[i18n-skip]';

export type TranslationState = 'translated' | 'missing' | 'outdated';

export interface TranslationEntry {
  slug: string;
  locale: Locale;
  state: TranslationState;
  /** The translation's file, when there is one. */
  file?: string;
  source: string;
  /** Last change of the source and of the translation (YYYY-MM-DD), when git knows them. */
  sourceChanged?: string;
  translationChanged?: string;
  draft: boolean;
}

export interface TranslationReport {
  source: Locale;
  locales: Locale[];
  entries: TranslationEntry[];
  /** False when there is no git history to compare (the report then knows no "outdated"). */
  history: boolean;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/**
 * When each file under src/content/guides last changed, in seconds since 1970: its last
 * commit, or its modification time when it has uncommitted changes. Undefined outside git.
 */
export function lastChanges(root: string): Map<string, number> | undefined {
  const log = git(root, ['log', '--relative', '--no-renames', '--format=%x1e%ct%x1f%s', '--name-only', '--', GUIDES_DIR]);
  if (log === undefined) return undefined;
  const changes = new Map<string, number>();
  const sourcePrefix = `${GUIDES_DIR}/${defaultLocale}/`;
  for (const record of log.split('\x1e')) {
    const [header, ...files] = record.split('\n');
    if (!header) continue;
    const [time, subject = ''] = header.split('\x1f');
    const skip = subject.includes(SKIP_TRANSLATION_MARKER);
    for (const file of files.map((f) => f.trim()).filter(Boolean)) {
      if (changes.has(file)) continue; // Newest first: the first commit seen is the last change.
      if (skip && file.startsWith(sourcePrefix)) continue;
      changes.set(file, Number(time));
    }
  }
  // Work not yet committed counts from when the file was saved.
  const prefix = (git(root, ['rev-parse', '--show-prefix']) ?? '').trim();
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', GUIDES_DIR]) ?? '';
  for (const entry of status.split('\0')) {
    if (entry.length < 4) continue;
    const file = entry.slice(3);
    const relative = file.startsWith(prefix) ? file.slice(prefix.length) : file;
    try {
      changes.set(relative, Math.floor(statSync(join(root, relative)).mtimeMs / 1000));
    } catch {
      // Deleted: nothing to compare.
    }
  }
  return changes;
}

// Minutes, not days: a source and its translation are often changed on the same day.
const day = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' '));

export function translationReport(project: Project, changes: Map<string, number> | undefined = lastChanges(project.root)): TranslationReport {
  const byKey = new Map(project.guides.map((g) => [`${g.locale}/${g.slug}`, g]));
  const sources = project.guides.filter((g) => g.locale === defaultLocale).sort((a, b) => a.slug.localeCompare(b.slug));
  const targets = locales.filter((l) => l !== defaultLocale);
  const entries: TranslationEntry[] = [];
  for (const source of sources) {
    const sourceTime = changes?.get(source.file);
    for (const locale of targets) {
      const own = byKey.get(`${locale}/${source.slug}`);
      const ownTime = own ? changes?.get(own.file) : undefined;
      const state: TranslationState = !own
        ? 'missing'
        : sourceTime !== undefined && ownTime !== undefined && ownTime < sourceTime
          ? 'outdated'
          : 'translated';
      entries.push({
        slug: source.slug,
        locale,
        state,
        ...(own ? { file: own.file } : {}),
        source: source.file,
        ...(sourceTime !== undefined ? { sourceChanged: day(sourceTime) } : {}),
        ...(ownTime !== undefined ? { translationChanged: day(ownTime) } : {}),
        draft: source.draft,
      });
    }
  }
  return { source: defaultLocale, locales: targets, entries, history: changes !== undefined };
}

/** Warnings for published pages: one per page that lacks translations, one per outdated translation. */
export function translationWarnings(report: TranslationReport): Problem[] {
  const problems: Problem[] = [];
  const published = report.entries.filter((e) => !e.draft);
  for (const source of [...new Set(published.map((e) => e.source))]) {
    const missing = published.filter((e) => e.source === source && e.state === 'missing');
    if (missing.length === 0) continue;
    const names = missing.map((e) => localeNames[e.locale]).join(' and ');
    const where = missing.map((e) => pagePath(e.locale, e.slug)).join(' and ');
    const add = missing.map((e) => `${GUIDES_DIR}/${e.locale}/${e.slug}.mdx`).join(', ');
    problems.push(
      problem(
        { file: source, line: 1, column: 1 },
        'translation/missing',
        `not translated into ${names}: ${where} show${missing.length === 1 ? 's' : ''} this ${localeNames[report.source]} text with a notice (add ${add})`,
        'warning',
      ),
    );
  }
  for (const entry of published.filter((e) => e.state === 'outdated')) {
    problems.push(
      problem(
        { file: entry.file!, line: 1, column: 1 },
        'translation/outdated',
        `older than its source: ${entry.source} changed ${entry.sourceChanged}, this translation ${entry.translationChanged}; bring it up to date`,
        'warning',
      ),
    );
  }
  return problems;
}

/** The report as a table: one row per page, one column per language. */
export function formatTranslationReport(report: TranslationReport): string {
  const slugs = [...new Set(report.entries.map((e) => e.slug))];
  if (slugs.length === 0) return `Translations: no pages in ${GUIDES_DIR}/${report.source}/`;
  const width = Math.max(4, ...slugs.map((s) => s.length + (report.entries.find((e) => e.slug === s)?.draft ? 8 : 0))) + 2;
  const column = 12;
  const lines = [`Translations (source: ${localeNames[report.source]}, ${report.source})`];
  lines.push(`  ${'page'.padEnd(width)}${report.locales.map((l) => l.padEnd(column)).join('')}`.trimEnd());
  for (const slug of slugs) {
    const row = report.entries.filter((e) => e.slug === slug);
    const name = row[0]?.draft ? `${slug} (draft)` : slug;
    lines.push(`  ${name.padEnd(width)}${report.locales.map((l) => (row.find((e) => e.locale === l)?.state ?? '').padEnd(column)).join('')}`.trimEnd());
  }
  const count = (state: TranslationState) => report.entries.filter((e) => e.state === state).length;
  lines.push(
    `  ${count('translated')} translated, ${count('missing')} missing, ${count('outdated')} outdated` +
      (report.history ? '' : ' (no git history here: "outdated" cannot be told)'),
  );
  return lines.join('\n');
}
