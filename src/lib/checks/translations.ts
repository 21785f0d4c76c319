/**
 * The translation report, from content alone: for every page and language, one of
 * translated, outdated, draft (Bokmål shown) or missing.
 *
 * A translation records the Bokmål text it was made from, part by part (title,
 * description, each heading's section, each step: src/guide/sections.ts), in
 * src/content/translations/<locale>/<page>.yaml. `npm run translated -- en/bankid`
 * writes that record when the translation is up to date. The report compares the record
 * with the Bokmål page as it is now and names each part that changed since, with the
 * change itself. No git history is read: the report is the same before and after a
 * commit, and in a shallow clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diffLines } from 'diff';
import { isMap, isScalar, stringify } from 'yaml';
import { defaultLocale, isLocale, locales, localeNames, type Locale } from '../../i18n/locales.ts';
import { pagePath } from '../../guide/routing.ts';
import { pageSections, stepIds, type PageSection, type SectionKind } from '../../guide/sections.ts';
import { LineIndex } from '../../guide/source-text.ts';
import { problem, type Problem, type SourcePosition } from './problems.ts';
import { isReadable, parseYaml, yamlPosition } from '../../guide/yaml-source.ts';
import { GUIDES_DIR, walkEditorFiles, type GuideFile, type Project } from './project.ts';

/** Where each translation's record of its Bokmål text is kept. */
export const TRANSLATIONS_DIR = 'src/content/translations';

/** The command that records a translation as up to date, for one page and language. */
export const recordCommand = (locale: Locale, slug: string) => `npm run translated -- ${locale}/${slug}`;

export type TranslationState = 'translated' | 'outdated' | 'draft' | 'missing';

/** One line of a change: removed from Bokmål (-), added (+), or unchanged context ( ). */
export interface DiffLine {
  sign: '-' | '+' | ' ';
  text: string;
}

/** A part of the Bokmål page that is not as it was when the translation was made. */
export interface PartChange {
  key: string;
  kind: SectionKind;
  /** The part's heading or step title (today's, or the recorded one for a removed part). */
  label: string;
  change: 'changed' | 'added' | 'removed';
  /** The Bokmål text then (-) and now (+), with a line of context around each change. */
  diff: DiffLine[];
  /** The same part in the translation, when it has it. */
  at?: SourcePosition;
}

export interface TranslationEntry {
  slug: string;
  locale: Locale;
  state: TranslationState;
  /** The translation's file, when there is one. */
  file?: string;
  source: string;
  /** The Bokmål page itself is a draft: nothing of it is published yet. */
  draft: boolean;
  /** The translation has a record of the Bokmål text it was made from. */
  recorded: boolean;
  /** For an outdated translation: each Bokmål part that changed since it was made. */
  changes: PartChange[];
  /** The Bokmål page's step ids, in order, when the translation was recorded as up to date. */
  recordedSteps?: string[];
}

export interface TranslationReport {
  source: Locale;
  locales: Locale[];
  entries: TranslationEntry[];
  /** Records that cannot be used: broken, or for a page that does not exist. */
  problems: Problem[];
}

interface TranslationRecord {
  file: string;
  parts: Map<string, string>;
}

const recordPath = (locale: string, slug: string) => `${TRANSLATIONS_DIR}/${locale}/${slug}.yaml`;

const partsCache = new WeakMap<GuideFile, PageSection[]>();

/** The parts of a page (title, description, sections, steps), as a record keeps them; worked out once per page. */
export function partsOf(guide: GuideFile): PageSection[] {
  let parts = partsCache.get(guide);
  if (!parts) {
    parts = pageSections(guide.text, guide.tree, guide.data);
    partsCache.set(guide, parts);
  }
  return parts;
}

/** The text of a record: what `npm run translated` writes. */
export function formatRecord(source: GuideFile, locale: Locale): string {
  const parts = Object.fromEntries(partsOf(source).map((part) => [part.key, part.text]));
  const header = [
    `# The ${localeNames[defaultLocale]} text ${GUIDES_DIR}/${locale}/${source.slug}.mdx was translated from, part by part.`,
    `# Written by \`${recordCommand(locale, source.slug)}\` when the translation was up to date; the translation`,
    '# report compares it with the Bokmål page as it is now. Do not edit it by hand.',
  ];
  return `${header.join('\n')}\n${stringify({ source: source.file, parts }, { lineWidth: 0, blockQuote: 'literal' })}`;
}

/** Every record under src/content/translations/, read and checked; problems for the broken ones. */
function readRecords(project: Project, problems: Problem[]): Map<string, TranslationRecord> {
  const records = new Map<string, TranslationRecord>();
  const pages = new Set(project.guides.map((g) => `${g.locale}/${g.slug}`));
  // Hidden files and symlinks there are reported by the walk of src/content (project.ts).
  for (const path of walkEditorFiles(project.root, TRANSLATIONS_DIR, [])) {
    const file = relative(project.root, path).split(sep).join('/');
    const at = { file, line: 1, column: 1 };
    const match = /^src\/content\/translations\/([^/]+)\/([a-z0-9-]+)\.yaml$/.exec(file);
    const locale = match?.[1];
    const slug = match?.[2];
    if (!match || !locale || !slug || !isLocale(locale) || locale === defaultLocale) {
      problems.push(
        problem(at, 'translation/record', `a translation record must be ${TRANSLATIONS_DIR}/<language>/<page>.yaml with language one of ${locales.filter((l) => l !== defaultLocale).join(', ')}: it is written by npm run translated; delete this file`),
      );
      continue;
    }
    if (!pages.has(`${locale}/${slug}`)) {
      problems.push(problem(at, 'translation/record', `there is no page ${GUIDES_DIR}/${locale}/${slug}.mdx for this record: delete it (or rename it with the page)`));
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const lines = new LineIndex(file, text);
    const yaml = parseYaml(text, 0, lines, 'translation/record', 'this translation record', problems);
    if (!isReadable(yaml)) continue;
    const rewrite = `run ${recordCommand(locale, slug)} to write it again`;
    const contents = yaml.doc.contents;
    const partsNode = isMap(contents) ? contents.get('parts', true) : undefined;
    if (!isMap(contents) || !isMap(partsNode)) {
      problems.push(problem(lines.start(), 'translation/record', `this record has no parts: ${rewrite}`));
      continue;
    }
    const parts = new Map<string, string>();
    let broken = false;
    for (const pair of partsNode.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof key !== 'string' || typeof value !== 'string') {
        problems.push(problem(yamlPosition(yaml, ['parts', String(key)]), 'translation/record', `each part must be text: ${rewrite}`));
        broken = true;
        continue;
      }
      parts.set(key, value);
    }
    if (!broken) records.set(`${locale}/${slug}`, { file, parts });
  }
  return records;
}

/** The lines of a change, with one unchanged line of context before and after each run of changes. */
function changeLines(before: string, after: string): DiffLine[] {
  const all: DiffLine[] = [];
  for (const part of diffLines(before === '' ? '' : `${before}\n`, after === '' ? '' : `${after}\n`)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) all.push({ sign, text });
  }
  const keep = all.map((line, i) => line.sign !== ' ' || all[i - 1]?.sign === '-' || all[i - 1]?.sign === '+' || all[i + 1]?.sign === '-' || all[i + 1]?.sign === '+');
  return all.filter((line, i) => keep[i] && !(line.sign === ' ' && line.text === ''));
}

/** Where a part of the Bokmål page is in its translation: a step by its id, a section by its place among the headings. */
function partInTranslation(key: string, headingIndex: number | undefined, translation: GuideFile, parts: PageSection[]): SourcePosition | undefined {
  const same =
    parts.find((p) => p.key === key && p.kind !== 'section') ??
    (headingIndex === undefined ? undefined : parts.find((p) => p.kind === 'section' && p.headingIndex === headingIndex));
  if (same?.offset !== undefined) return translation.lines.at(same.offset);
  if ((key === 'title' || key === 'description') && translation.frontmatter) return yamlPosition(translation.frontmatter, [key]);
  return undefined;
}

/** Each part of the Bokmål page that is not as the record has it. */
function changedParts(source: GuideFile, record: TranslationRecord, translation: GuideFile): PartChange[] {
  // A Bokmål page that cannot be read has no parts to compare: its own problems say why.
  if (!source.compiled || !source.frontmatter || !isReadable(source.frontmatter)) return [];
  const now = partsOf(source);
  const theirs = partsOf(translation);
  const changes: PartChange[] = [];
  const headingsThen = [...record.parts.keys()].filter((k) => k.startsWith('section/'));
  for (const part of now) {
    const then = record.parts.get(part.key);
    if (then === part.text) continue;
    const at = partInTranslation(part.key, part.headingIndex, translation, theirs);
    changes.push({
      key: part.key,
      kind: part.kind,
      label: part.label,
      change: then === undefined ? 'added' : 'changed',
      diff: changeLines(then ?? '', part.text),
      ...(at ? { at } : {}),
    });
  }
  const keys = new Set(now.map((p) => p.key));
  // A heading written anew keeps its place: the section at the same place is the same section, changed.
  for (const part of now) {
    const added = changes.find((c) => c.key === part.key && c.change === 'added');
    const before = part.headingIndex === undefined ? undefined : headingsThen[part.headingIndex];
    if (!added || before === undefined || keys.has(before)) continue;
    keys.add(before);
    Object.assign(added, { change: 'changed', diff: changeLines(record.parts.get(before)!, part.text) });
  }
  for (const [key, then] of record.parts) {
    if (keys.has(key)) continue;
    const kind = (key.includes('/') ? key.slice(0, key.indexOf('/')) : key) as SectionKind;
    const index = headingsThen.indexOf(key);
    const at = partInTranslation(key, index === -1 ? undefined : index, translation, theirs);
    const label = kind === 'section' ? (/^#+\s*(.*)$/m.exec(then)?.[1] ?? key) : kind === 'step' ? (/title="([^"]*)"/.exec(then)?.[1] ?? key) : key;
    changes.push({ key, kind, label, change: 'removed', diff: changeLines(then, ''), ...(at ? { at } : {}) });
  }
  return changes;
}

export function translationReport(project: Project): TranslationReport {
  const problems: Problem[] = [];
  const records = readRecords(project, problems);
  const byKey = new Map(project.guides.map((g) => [`${g.locale}/${g.slug}`, g]));
  const sources = project.guides.filter((g) => g.locale === defaultLocale).sort((a, b) => a.slug.localeCompare(b.slug));
  const targets = locales.filter((l) => l !== defaultLocale);
  const entries: TranslationEntry[] = [];
  for (const source of sources) {
    for (const locale of targets) {
      const own = byKey.get(`${locale}/${source.slug}`);
      const record = records.get(`${locale}/${source.slug}`);
      const changes = own && record ? changedParts(source, record, own) : [];
      const state: TranslationState = !own ? 'missing' : own.draft ? 'draft' : !record || changes.length > 0 ? 'outdated' : 'translated';
      entries.push({
        slug: source.slug,
        locale,
        state,
        ...(own ? { file: own.file } : {}),
        source: source.file,
        draft: source.draft,
        recorded: record !== undefined,
        changes,
        ...(record ? { recordedSteps: stepIds(record.parts.keys()) } : {}),
      });
    }
  }
  return { source: defaultLocale, locales: targets, entries, problems };
}

const quoted = (change: PartChange) =>
  change.kind === 'title' || change.kind === 'description'
    ? `the ${change.kind}`
    : change.kind === 'intro'
      ? 'the text before the first heading'
      : `${change.kind === 'step' ? 'the step' : 'the section'} "${change.label}"`;

/** One line per changed part: what changed, in words. */
export function describeChange(change: PartChange): string {
  const what = quoted(change);
  return change.change === 'added' ? `${what} is new` : change.change === 'removed' ? `${what} was removed` : `${what} changed`;
}

/**
 * Warnings for published pages: one per page that lacks translations, one per outdated
 * translation (at the first part that changed); errors for records that cannot be used.
 */
export function translationProblems(report: TranslationReport): Problem[] {
  const problems: Problem[] = [...report.problems];
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
    const done = `then run ${recordCommand(entry.locale, entry.slug)}`;
    if (!entry.recorded) {
      problems.push(
        problem(
          { file: entry.file!, line: 1, column: 1 },
          'translation/outdated',
          `there is no record of the ${localeNames[report.source]} text this translation was made from: compare it with ${entry.source}, bring it up to date, ${done}`,
          'warning',
        ),
      );
      continue;
    }
    const first = entry.changes.find((c) => c.at)?.at ?? { file: entry.file!, line: 1, column: 1 };
    const list = entry.changes.map(describeChange).join('; ');
    problems.push(
      problem(
        first,
        'translation/outdated',
        `the ${localeNames[report.source]} page changed since this translation was made: ${list}. Translate the change (npm run check shows it), ${done}`,
        'warning',
      ),
    );
  }
  return problems;
}

const STATE_WORDS: Record<TranslationState, string> = {
  translated: 'translated',
  outdated: 'outdated',
  draft: 'draft (Bokmål shown)',
  missing: 'missing',
};

/** A change as the terminal shows it: its place in the translation, then the Bokmål lines then (-) and now (+). */
export function formatChange(change: PartChange): string[] {
  const where = change.at ? `  ${change.at.file}:${change.at.line}` : '';
  return [`  ${describeChange(change)}${where}`, ...change.diff.map((line) => `    ${line.sign} ${line.text}`.trimEnd())];
}

/**
 * The report as a table of the pages that need a translator (one row per page, one column
 * per language; a page translated into every language is left out of it), the counts, then
 * what changed for each outdated translation.
 */
export function formatTranslationReport(report: TranslationReport, options: { changedPagesOnly?: boolean } = {}): string {
  const all = [...new Set(report.entries.map((e) => e.slug))];
  if (all.length === 0) return `Translations: no pages in ${GUIDES_DIR}/${report.source}/`;
  const slugs = all.filter((slug) => report.entries.some((e) => e.slug === slug && e.state !== 'translated'));
  const heading = `Translations${options.changedPagesOnly ? ' of the changed pages' : ''} (source: ${localeNames[report.source]}, ${report.source})`;
  if (slugs.length === 0) return `${heading}: all ${report.entries.length} translated (${report.locales.join(', ')})`;
  const width = Math.max(4, ...slugs.map((s) => s.length + (report.entries.find((e) => e.slug === s)?.draft ? 8 : 0))) + 2;
  const column = Math.max(...report.entries.map((e) => STATE_WORDS[e.state].length)) + 2;
  const lines = [heading];
  lines.push(`  ${'page'.padEnd(width)}${report.locales.map((l) => l.padEnd(column)).join('')}`.trimEnd());
  for (const slug of slugs) {
    const row = report.entries.filter((e) => e.slug === slug);
    const name = row[0]?.draft ? `${slug} (draft)` : slug;
    lines.push(`  ${name.padEnd(width)}${report.locales.map((l) => STATE_WORDS[row.find((e) => e.locale === l)?.state ?? 'missing'].padEnd(column)).join('')}`.trimEnd());
  }
  const count = (state: TranslationState) => report.entries.filter((e) => e.state === state).length;
  const left = all.length - slugs.length;
  lines.push(`  ${count('translated')} translated, ${count('outdated')} outdated, ${count('draft')} draft, ${count('missing')} missing${left > 0 ? ` (${left} page${left === 1 ? '' : 's'} translated into every language not listed)` : ''}`);
  for (const entry of report.entries.filter((e) => e.state === 'outdated')) {
    lines.push('');
    if (!entry.recorded) {
      lines.push(`${entry.locale}/${entry.slug} is outdated: no record of the Bokmål text it was made from. Compare it with ${entry.source}, then run ${recordCommand(entry.locale, entry.slug)}`);
      continue;
    }
    lines.push(`${entry.locale}/${entry.slug} is outdated. What changed in Bokmål since it was translated (- then, + now):`);
    for (const change of entry.changes) lines.push(...formatChange(change));
    lines.push(`  When ${entry.file} says the same, run ${recordCommand(entry.locale, entry.slug)}`);
  }
  return lines.join('\n');
}

/** Whether a record file exists for a translation (for the command that writes it). */
export const hasRecord = (root: string, locale: Locale, slug: string) => existsSync(join(root, recordPath(locale, slug)));
export { recordPath };
