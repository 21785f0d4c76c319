import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/lib/checks/project.ts';
import { formatTranslationReport, translationProblems, translationReport } from '../../src/lib/checks/translations.ts';
import { fixture, located, removeFixtures } from './helpers.ts';

afterAll(removeFixtures);

const NB_BANKID = 'src/content/guides/nb/bankid.mdx';
const EN_BANKID = 'src/content/guides/en/bankid.mdx';
const translated = resolve(import.meta.dirname, '../../scripts/translated.ts');

function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(join(root, file), 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} holds ${String(from)}`).not.toBe(text);
  writeFileSync(join(root, file), changed);
}

async function report(root: string) {
  return translationReport(await loadProject(root));
}

const state = (r: Awaited<ReturnType<typeof report>>, slug: string, locale: string) => r.entries.find((e) => e.slug === slug && e.locale === locale);

function record(root: string, ...pages: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [translated, '--root', root, ...pages], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function git(root: string, ...args: string[]): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.no', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.no' };
  execFileSync('git', args, { cwd: root, env, stdio: 'ignore' });
}

describe('translation report', () => {
  it('says translated, draft or missing for each page and language', async () => {
    const root = fixture();
    const r = await report(root);
    expect(r.entries.map((e) => `${e.slug} ${e.locale} ${e.state}`)).toEqual([
      'bankid nn missing',
      'bankid en translated',
      'index nn missing',
      'index en translated',
    ]);
    expect(formatTranslationReport(r)).toContain('2 translated, 0 outdated, 0 draft, 2 missing');
    // npm run check -- --changed counts only the changed pages, and its heading says so.
    expect(formatTranslationReport(r, { changedPagesOnly: true }).split('\n')[0]).toBe('Translations of the changed pages (source: Norsk bokmål, nb)');
    const warnings = translationProblems(r);
    expect(located(warnings, 'warning')).toEqual([
      'src/content/guides/nb/bankid.mdx:1:1  translation/missing',
      'src/content/guides/nb/index.mdx:1:1  translation/missing',
    ]);
    expect(warnings[0]?.message).toContain('not translated into Norsk nynorsk: /nn/bankid/ shows this Norsk bokmål text');

    edit(root, EN_BANKID, 'owner: IT-brukerstøtte', 'owner: IT-brukerstøtte\ndraft: true');
    const drafted = await report(root);
    expect(state(drafted, 'bankid', 'en')?.state).toBe('draft');
    expect(formatTranslationReport(drafted)).toMatch(/bankid\s+missing\s+draft \(Bokmål shown\)/);
  });

  it('names the Bokmål step that changed, shows the change, and points at the same step in the translation', async () => {
    const root = fixture();
    edit(root, NB_BANKID, 'Trykk på BankID.', 'Trykk på BankID, og så på Fortsett.');
    const r = await report(root);
    const entry = state(r, 'bankid', 'en')!;
    expect(entry.state).toBe('outdated');
    expect(entry.changes).toEqual([
      {
        key: 'step/velg-bankid',
        kind: 'step',
        label: 'Velg BankID',
        change: 'changed',
        diff: [
          { sign: ' ', text: '<Step title="Velg BankID">' },
          { sign: '-', text: 'Trykk på BankID.' },
          { sign: '+', text: 'Trykk på BankID, og så på Fortsett.' },
        ],
        at: { file: EN_BANKID, line: 14, column: 3 },
      },
    ]);
    const warnings = translationProblems(r).filter((p) => p.rule === 'translation/outdated');
    expect(located(warnings, 'warning')).toEqual([`${EN_BANKID}:14:3  translation/outdated`]);
    expect(warnings[0]!.message).toBe(
      'the Norsk bokmål page changed since this translation was made: the step "Velg BankID" changed. Translate the change (npm run check shows it), then run npm run translated -- en/bankid',
    );
    expect(formatTranslationReport(r)).toContain(
      [
        'en/bankid is outdated. What changed in Bokmål since it was translated (- then, + now):',
        `  the step "Velg BankID" changed  ${EN_BANKID}:14`,
        '      <Step title="Velg BankID">',
        '    - Trykk på BankID.',
        '    + Trykk på BankID, og så på Fortsett.',
        `  When ${EN_BANKID} says the same, run npm run translated -- en/bankid`,
      ].join('\n'),
    );
  });

  it('tells a new, a removed and a renamed part apart, and ignores indentation', async () => {
    const root = fixture();
    edit(root, NB_BANKID, /<Step title="Tast inn koden"[^]*?<\/Step>\n/, '');
    edit(root, NB_BANKID, '</Steps>', '</Steps>\n\n## Fungerte det ikke?\n\nRing brukerstøtte.');
    edit(root, NB_BANKID, 'description: Logg inn med BankID.', 'description: Slik logger du inn med BankID.');
    edit(root, NB_BANKID, '    Trykk på BankID.', 'Trykk på BankID.');
    const changes = state(await report(root), 'bankid', 'en')!.changes.map((c) => `${c.key} ${c.change}`);
    expect(changes).toEqual(['description changed', 'section/fungerte-det-ikke added', 'step/tast-inn-koden removed']);

    // A heading written anew is the same section, changed.
    const renamed = fixture();
    edit(renamed, NB_BANKID, '</Steps>', '</Steps>\n\n## Fungerte det ikke?\n\nRing brukerstøtte.');
    record(renamed, 'en/bankid');
    edit(renamed, NB_BANKID, '## Fungerte det ikke?', '## Hvis det ikke fungerer');
    const change = state(await report(renamed), 'bankid', 'en')!.changes;
    expect(change.map((c) => `${c.key} ${c.change}`)).toEqual(['section/hvis-det-ikke-fungerer changed']);
    expect(change[0]!.diff.filter((l) => l.sign !== ' ')).toEqual([
      { sign: '-', text: '## Fungerte det ikke?' },
      { sign: '+', text: '## Hvis det ikke fungerer' },
    ]);
  });

  it('is up to date again once npm run translated records the translation', async () => {
    const root = fixture();
    edit(root, NB_BANKID, 'Trykk på BankID.', 'Trykk på BankID-knappen.');
    expect(state(await report(root), 'bankid', 'en')?.state).toBe('outdated');
    const run = record(root, 'en/bankid');
    expect(run.status).toBe(0);
    expect(run.output).toContain('✔ src/content/translations/en/bankid.yaml: en/bankid is recorded as up to date with src/content/guides/nb/bankid.mdx.');
    expect(state(await report(root), 'bankid', 'en')?.state).toBe('translated');

    const wrong = record(root, 'nb/bankid', 'nn/bankid');
    expect(wrong.status).toBe(1);
    expect(wrong.output).toContain('✖ nb/bankid: name a translation as <language>/<page>, with language one of nn, en, e.g. en/bankid');
    expect(wrong.output).toContain('✖ nn/bankid: there is no translation src/content/guides/nn/bankid.mdx');
  });

  it('refuses to record a translation that is not finished, naming each problem at its line', async () => {
    const root = fixture();
    edit(root, EN_BANKID, /<Step title="Enter the code"[^]*?<\/Step>\n/, '');
    edit(root, EN_BANKID, 'sameTitle: true\n', '');
    const before = readFileSync(join(root, 'src/content/translations/en/bankid.yaml'), 'utf8');
    const run = record(root, 'en/bankid');
    expect(run.status).toBe(1);
    expect(run.output).toContain('✖ en/bankid: not recorded, the translation is not finished:');
    expect(run.output).toMatch(/src\/content\/guides\/en\/bankid\.mdx:2:\d+ +translation\/same-title/);
    expect(run.output).toMatch(/src\/content\/guides\/en\/bankid\.mdx:\d+:\d+ +translation\/steps .*it lacks tast-inn-koden/);
    expect(readFileSync(join(root, 'src/content/translations/en/bankid.yaml'), 'utf8')).toBe(before);
  });

  it('gives the same answer before and after a commit, and in a shallow clone: no git history is read', async () => {
    const root = fixture();
    edit(root, NB_BANKID, 'Trykk på BankID.', 'Trykk på BankID-knappen.');
    const before = (await report(root)).entries;
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Bokmål changed');
    // A translation saved after its source, which a history-based report calls "translated".
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, EN_BANKID), later, later);
    expect((await report(root)).entries).toEqual(before);

    const shallow = mkdtempSync(join(tmpdir(), 'shallow-'));
    try {
      git(shallow, 'clone', '-q', '--depth', '1', `file://${root}`, 'clone');
      const cloned = (await report(join(shallow, 'clone'))).entries;
      expect(cloned).toEqual(before.map((e) => ({ ...e, changes: e.changes })));
      expect(cloned.find((e) => e.slug === 'bankid' && e.locale === 'en')?.state).toBe('outdated');
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('calls a translation without a record outdated, and says how to record it', async () => {
    const root = fixture();
    rmSync(join(root, 'src/content/translations/en/bankid.yaml'));
    const r = await report(root);
    expect(state(r, 'bankid', 'en')).toMatchObject({ state: 'outdated', recorded: false, changes: [] });
    expect(translationProblems(r).find((p) => p.rule === 'translation/outdated')?.message).toBe(
      'there is no record of the Norsk bokmål text this translation was made from: compare it with src/content/guides/nb/bankid.mdx, bring it up to date, then run npm run translated -- en/bankid',
    );
  });

  it('refuses a record that is broken or belongs to no page, at its line', async () => {
    const root = fixture();
    writeFileSync(join(root, 'src/content/translations/en/bankid.yaml'), 'source: x\nparts:\n  title: BankID\n  title: BankID\n');
    mkdirSync(join(root, 'src/content/translations/nn'), { recursive: true });
    writeFileSync(join(root, 'src/content/translations/nn/bankid.yaml'), 'parts: {}\n');
    writeFileSync(join(root, 'src/content/translations/en/index.yaml'), 'parts:\n  title: [1, 2]\n');
    mkdirSync(join(root, 'src/content/translations/nb'), { recursive: true });
    writeFileSync(join(root, 'src/content/translations/nb/bankid.yaml'), 'parts: {}\n');
    const errors = translationProblems(await report(root)).filter((p) => p.severity === 'error');
    expect(located(errors).sort()).toEqual([
      'src/content/translations/en/bankid.yaml:4:3  translation/record',
      'src/content/translations/en/index.yaml:2:10  translation/record',
      'src/content/translations/nb/bankid.yaml:1:1  translation/record',
      'src/content/translations/nn/bankid.yaml:1:1  translation/record',
    ]);
    expect(errors.find((e) => e.file.endsWith('en/bankid.yaml'))?.message).toContain('title');
    expect(errors.find((e) => e.file.endsWith('nn/bankid.yaml'))?.message).toBe(
      'there is no page src/content/guides/nn/bankid.mdx for this record: delete it (or rename it with the page)',
    );
    expect(errors.find((e) => e.file.endsWith('en/index.yaml'))?.message).toBe('each part must be text: run npm run translated -- en/index to write it again');
  });
});
