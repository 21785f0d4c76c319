/**
 * Nothing half-made is published: once `draft: true` is gone, a page may not hold the
 * scaffold's placeholder text, a translation may not keep the Bokmål title, and its steps
 * must be the Bokmål page's, unless the frontmatter says that is on purpose.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { scaffoldPage, scaffoldPlaceholders } from '../../src/lib/scaffold.ts';
import { locales } from '../../src/i18n/locales.ts';
import { fixture, located, removeFixtures, today } from './helpers.ts';

afterAll(removeFixtures);

const EN_BANKID = 'src/content/guides/en/bankid.mdx';
const RULES = ['page/placeholder', 'translation/same-title', 'translation/steps', 'frontmatter/field'];

function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(join(root, file), 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} holds ${String(from)}`).not.toBe(text);
  writeFileSync(join(root, file), changed);
}

async function unfinished(root: string) {
  const { problems } = await runSourceChecks(root, { now: today });
  return problems.filter((p) => RULES.includes(p.rule));
}

/** A page made by `npm run new` in every language, with `draft: true` removed or kept. */
function scaffolded(root: string, draft: boolean): void {
  const files = scaffoldPage({ slug: 'ny-side', title: 'Ny side', method: { id: 'bankid', choice: 'bankid', label: 'BankID' }, order: 9, today: '2026-11-20' });
  for (const locale of locales) {
    const text = draft ? files[locale] : files[locale].replace(/^#.*\n(?=draft: true)/m, '').replace(/^draft: true\n/m, '');
    mkdirSync(join(root, `src/content/guides/${locale}`), { recursive: true });
    writeFileSync(join(root, `src/content/guides/${locale}/ny-side.mdx`), text);
  }
}

describe('a page that is no longer a draft is written out', () => {
  it('refuses the scaffold’s placeholder text in every language: one line per page, naming the line of each', async () => {
    const root = fixture();
    scaffolded(root, false);
    const problems = (await unfinished(root)).filter((p) => p.rule === 'page/placeholder');
    expect(problems.map((p) => p.file).sort()).toEqual(locales.map((l) => `src/content/guides/${l}/ny-side.mdx`).sort());
    for (const locale of locales) {
      const file = `src/content/guides/${locale}/ny-side.mdx`;
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      // Every line that holds a placeholder the scaffold wrote, and only those.
      const expected = lines.flatMap((line, i) => (scaffoldPlaceholders(locale).some((p) => line.includes(p)) ? [i + 1] : []));
      const found = problems.find((p) => p.file === file)!;
      expect(found.line).toBe(expected[0]);
      expect(found.message).toContain(`texts npm run new put here for you to replace are still here, at lines ${expected.join(', ')} (the first: "${scaffoldPlaceholders(locale)[0]}")`);
      expect(found.message).toMatch(/: write the page's own words there, or keep `draft: true` until it is written$/);
    }
  });

  it('names a single placeholder left, with its words', async () => {
    const root = fixture();
    const description = scaffoldPlaceholders('en')[0]!;
    edit(root, EN_BANKID, 'description: Log in with BankID.', `description: "${description}"`);
    expect((await unfinished(root)).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      `4:15 "${description}" is the text npm run new put here for you to replace: write the page's own words here, or keep \`draft: true\` until it is written`,
    ]);
  });

  it('lets a draft hold them: a draft is where a page is written', async () => {
    const root = fixture();
    scaffolded(root, true);
    expect(located(await unfinished(root))).toEqual([]);
  });

  it('refuses a translation that keeps the Bokmål title, unless it is the same on purpose', async () => {
    const root = fixture();
    edit(root, EN_BANKID, 'sameTitle: true\n', '');
    const problems = await unfinished(root);
    expect(located(problems)).toEqual([`${EN_BANKID}:2:8  translation/same-title`]);
    expect(problems[0]!.message).toBe(
      'the title is the Bokmål page\'s ("BankID"): translate it into English, or, when it is the same in English (a name such as "BankID"), add `sameTitle: true` to the frontmatter',
    );
  });

  it('refuses a translation whose steps are not the Bokmål page’s: fewer, other ids, another order', async () => {
    const fewer = fixture();
    edit(fewer, EN_BANKID, /<Step title="Enter the code"[^]*?<\/Step>\n/, '');
    const [lacking] = await unfinished(fewer);
    expect(lacking).toMatchObject({ rule: 'translation/steps', line: 14 });
    expect(lacking!.message).toBe(
      'the steps are not the Bokmål page\'s (src/content/guides/nb/bankid.mdx): it lacks tast-inn-koden. Give each step the id="…" of its Bokmål step, in the same order, or, when the steps differ on purpose, say why in the frontmatter: ownSteps: "…"',
    );

    const other = fixture();
    edit(other, EN_BANKID, 'id="tast-inn-koden"', 'id="enter-the-code"');
    const [renamed] = await unfinished(other);
    expect(`${renamed!.line} ${renamed!.message}`).toContain('19 the steps are not the Bokmål page\'s (src/content/guides/nb/bankid.mdx): it lacks tast-inn-koden; it has enter-the-code, which Bokmål has not.');

    const order = fixture();
    edit(order, EN_BANKID, 'id="velg-bankid"', 'id="tast-inn-koden"');
    edit(order, EN_BANKID, 'title="Enter the code" id="tast-inn-koden"', 'title="Enter the code" id="velg-bankid"');
    edit(order, EN_BANKID, '#velg-bankid', '#tast-inn-koden');
    expect((await unfinished(order)).map((p) => p.message)).toEqual([expect.stringContaining('they are in another order (Bokmål: velg-bankid, tast-inn-koden)')]);

    // Different on purpose, and said why.
    edit(fewer, EN_BANKID, 'sameTitle: true', 'sameTitle: true\nownSteps: The English page leaves out the code step, which English readers do not meet.');
    expect(located(await unfinished(fewer))).toEqual([]);
  });

  it('lets a recorded translation follow a step added or removed in Bokmål later: it is outdated, named step by step, not unfinished', async () => {
    const NB_BANKID = 'src/content/guides/nb/bankid.mdx';
    const root = fixture();
    edit(root, NB_BANKID, '</Steps>', '  <Step title="Ferdig" id="ferdig">\n    Du er logget inn.\n  </Step>\n</Steps>');
    const { problems } = await runSourceChecks(root, { now: today });
    expect(problems.filter((p) => p.rule === 'translation/steps')).toEqual([]);
    const outdated = problems.find((p) => p.rule === 'translation/outdated' && p.file === EN_BANKID);
    expect(outdated?.severity).toBe('warning');
    expect(outdated?.message).toContain('the step "Ferdig" is new');

    // The same page without a record of what it was translated from: nothing says the
    // steps were ever the same, so they must be.
    rmSync(join(root, 'src/content/translations/en/bankid.yaml'));
    expect(located(await unfinished(root))).toEqual([`${EN_BANKID}:19:3  translation/steps`]);

    // A recorded translation that drops a step Bokmål has had all along is unfinished.
    const dropped = fixture();
    edit(dropped, EN_BANKID, /<Step title="Enter the code"[^]*?<\/Step>\n/, '');
    expect((await unfinished(dropped)).map((p) => p.rule)).toEqual(['translation/steps']);
  });

  it('refuses sameTitle and ownSteps on a Bokmål page: it is the source', async () => {
    const root = fixture();
    edit(root, 'src/content/guides/nb/bankid.mdx', 'title: BankID', 'title: BankID\nsameTitle: true');
    expect(located(await unfinished(root))).toEqual(['src/content/guides/nb/bankid.mdx:3:12  frontmatter/field']);
  });
});
