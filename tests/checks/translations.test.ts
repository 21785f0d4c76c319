import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/lib/checks/project.ts';
import { formatTranslationReport, lastChanges, translationReport, translationWarnings } from '../../src/lib/checks/translations.ts';
import { fixture, located, removeFixtures } from './helpers.ts';

afterAll(removeFixtures);

/** A git repository of the fixture, with commits at the dates given. */
function commit(root: string, message: string, date: string): void {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.no', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.no' };
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: root, env });
}

function repository(): string {
  const root = fixture();
  execFileSync('git', ['init', '-q'], { cwd: root });
  commit(root, 'Pages in nb and en', '2026-10-01T10:00:00Z');
  return root;
}

describe('translation report', () => {
  it('lists each page per language: translated or missing', async () => {
    const root = repository();
    const report = translationReport(await loadProject(root));
    expect(report.entries.map((e) => `${e.slug} ${e.locale} ${e.state}`)).toEqual([
      'bankid nn missing',
      'bankid en translated',
      'index nn missing',
      'index en translated',
    ]);
    expect(formatTranslationReport(report)).toContain('2 translated, 2 missing, 0 outdated');
    const warnings = translationWarnings(report);
    expect(located(warnings, 'warning')).toEqual([
      'src/content/guides/nb/bankid.mdx:1:1  translation/missing',
      'src/content/guides/nb/index.mdx:1:1  translation/missing',
    ]);
    expect(warnings[0]?.message).toContain('not translated into Norsk nynorsk: /nn/bankid/ shows this Norsk bokmål text');
  });

  it('marks a translation older than its source by git history', async () => {
    const root = repository();
    appendFileSync(join(root, 'src/content/guides/nb/bankid.mdx'), '\nNytt avsnitt.\n');
    commit(root, 'New paragraph in the BankID page', '2026-11-10T10:00:00Z');
    const report = translationReport(await loadProject(root));
    expect(report.entries.find((e) => e.slug === 'bankid' && e.locale === 'en')).toMatchObject({
      state: 'outdated',
      sourceChanged: '2026-11-10 10:00',
      translationChanged: '2026-10-01 10:00',
    });
    expect(located(translationWarnings(report), 'warning')).toContain('src/content/guides/en/bankid.mdx:1:1  translation/outdated');
  });

  it('ignores a source change marked [i18n-skip], and counts uncommitted work', async () => {
    const root = repository();
    appendFileSync(join(root, 'src/content/guides/nb/bankid.mdx'), '\n');
    commit(root, 'Typo [i18n-skip]', '2026-11-10T10:00:00Z');
    expect(translationReport(await loadProject(root)).entries.find((e) => e.slug === 'bankid' && e.locale === 'en')?.state).toBe('translated');

    appendFileSync(join(root, 'src/content/guides/nb/index.mdx'), '\nEndret, ikke lagret i git.\n');
    const changes = lastChanges(root)!;
    expect(changes.get('src/content/guides/nb/index.mdx')).toBeGreaterThan(Date.parse('2026-11-20') / 1000);
  });

  it('knows no "outdated" outside git', async () => {
    const report = translationReport(await loadProject(fixture()), undefined);
    expect(report.history).toBe(false);
    expect(formatTranslationReport(report)).toContain('no git history here');
  });
});
