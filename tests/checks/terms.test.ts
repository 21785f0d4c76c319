/**
 * The words lists (src/terms/<locale>.yaml): every word to avoid in what a reader of that
 * language sees is reported where it is written, with the word to write instead; the
 * lists' own mistakes at their lines; and the build stops on either.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { formatProblem, sortProblems, type Problem } from '../../src/lib/checks/problems.ts';
import { readTermList, termProblems } from '../../src/lib/checks/terms.ts';
import { LineIndex } from '../../src/guide/source-text.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { build, copyProject, fixture, projectRoot, removeFixtures, today } from './helpers.ts';

afterAll(removeFixtures);

const check = async (root: string) => (await runSourceChecks(root, { now: today, translations: false })).problems;

/** The report's lines of the terms rules, in the report's order. */
const lines = (problems: readonly Problem[]) => sortProblems(problems.filter((p) => p.rule.startsWith('terms/'))).map(formatProblem);

function write(root: string, file: string, text: string): string {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  return text;
}

/** `file:line:column` of the first character of `needle` in `text` (written once there). */
function at(file: string, text: string, needle: string): string {
  const offset = text.indexOf(needle);
  expect(offset, `"${needle}" is in ${file}`).not.toBe(-1);
  expect(text.indexOf(needle, offset + 1), `"${needle}" is once in ${file}`).toBe(-1);
  const { line, column } = new LineIndex(file, text).at(offset);
  return `${file}:${line}:${column}`;
}

const NN_PAGE = 'src/content/guides/nn/bankid.mdx';
const nnPage = `---
title: Tryggleiksnøkkelen og BankID
description: Trykk på BankID, og trykk Fortsett.
method: bankid
order: 5
lastReviewed: 2026-10-01
owner: IT-brukerstøtte
keywords: [tryggleiksnøkkel, trykk, Buypass ID i mobil –]
---

## Før du byrjar med tryggleiksnøkkel

Du treng TRYGGLEIKSNØKKELEN din. Vel Buypass ID i
mobil – App. \`trykk\` er kode, og https://www.buypass.no/trykk er ei adresse.

- Trykk på BankID.
- Ikkje trykk på Avbryt, og ikkje TRYKK PÅ OK.
- Trykk **på** <Label>Fortsett</Label>.
- Vel <Label>Buypass ID i mobil – Passord/SMS</Label>.

Her står A &amp; B og \\*trykk\\*.

<Steps>
  <Step title="Trykk Fortsett">
    Trykk <Label>Fortsett</Label>. Så trykkjer du på OK.

    <Screenshot src="velg" regions={['bankid']} alt="Skjermbiletet der du skal trykke" caption="Vel og trykk" />
  </Step>
</Steps>

<Callout type="tip" title="Ein sikkerheitsnøkkel">
  Trykk <Setting name="organisation" /> for å halde fram.
</Callout>

| Kva | Korleis |
| --- | --- |
| Kode | Tast koden og trykk OK |
`;

const EN_PAGE = 'src/content/guides/en/bankid.mdx';
const enPage = `---
title: Log in with BankID
description: Press the button your health trust shows.
method: bankid
order: 5
lastReviewed: 2026-10-01
owner: IT-brukerstøtte
keywords: [press, help desk]
---

Under pressure, the compressed file is pressing. PRESS nothing yet.

Ask the help
desk, or the Health Trusts' helpdesk.

<Steps>
  <Step title="Choose BankID">
    Tap <Label translation="Pressed">Trykket</Label>.

    <Screenshot src="velg" regions={['bankid']} />
  </Step>
</Steps>
`;

const SCREENSHOT = 'src/content/screenshots/velg.yaml';
const screenshot = `alt:
  nb: Skjermbildet Velg elektronisk ID, der du trykker på BankID og tryggleiksnøkkel
  nn: Skjermbiletet Vel elektronisk ID, med tryggleiksnøkkelen
  en: The Choose electronic ID screen, where you press BankID
regions:
  bankid:
    box: [40, 100, 720, 120]
    label:
      nb: Trykk her
      nn: Trykk her
      en: BankID
  fortsett:
    box: [40, 460, 300, 100]
    label:
      nb: Fortsett
      nn: Trykk på Fortsett
      en: Continue
`;

describe('words to avoid in the pages and screenshot files', () => {
  it('finds nothing in the base site with the lists in place', async () => {
    expect(await check(fixture('terms'))).toEqual([]);
  });

  it('reports each one in a Nynorsk page where it is written, with the word to write', async () => {
    const root = fixture('terms');
    write(root, NN_PAGE, nnPage);
    const where = (needle: string) => at(NN_PAGE, nnPage, needle);
    const list = 'src/terms/nn.yaml';
    expect(lines(await check(root))).toEqual([
      // Frontmatter title (a * takes any ending, and the word to write gets the same one) and description.
      `${where('Tryggleiksnøkkelen og')}  terms/variant  "Tryggleiksnøkkelen" → write "Sikkerheitsnøkkelen" (one word for each thing in the Norsk nynorsk guide; ${list}:1)`,
      `${where('trykk Fortsett.')}  terms/variant  "trykk" → write "trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
      // A heading; a word in capitals; a phrase broken over two lines.
      `${where('tryggleiksnøkkel\n')}  terms/variant  "tryggleiksnøkkel" → write "sikkerheitsnøkkel" (one word for each thing in the Norsk nynorsk guide; ${list}:1)`,
      `${where('TRYGGLEIKSNØKKELEN')}  terms/variant  "TRYGGLEIKSNØKKELEN" → write "SIKKERHEITSNØKKELEN" (one word for each thing in the Norsk nynorsk guide; ${list}:1)`,
      `${where('Buypass ID i\n')}  terms/variant  "Buypass ID i mobil –" → write "Buypass ID i mobil -" (one word for each thing in the Norsk nynorsk guide; ${list}:8)`,
      // The word a <Label> shows.
      `${where('Buypass ID i mobil – Passord')}  terms/variant  "Buypass ID i mobil –" → write "Buypass ID i mobil -" (one word for each thing in the Norsk nynorsk guide; ${list}:8)`,
      // Where the text is written otherwise than it reads (&amp; is "&", \\* is "*").
      `${where('trykk\\*.')}  terms/variant  "trykk" → write "trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
      // A step's title, and "Trykk <Label>Fortsett</Label>" read as "Trykk Fortsett".
      `${where('Trykk Fortsett">')}  terms/variant  "Trykk" → write "Trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
      `${where('Trykk <Label>Fortsett</Label>. Så')}  terms/variant  "Trykk" → write "Trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
      // A screenshot's caption (its alt here says "trykke", another word).
      `${where('trykk" />')}  terms/variant  "trykk" → write "trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
      // Before a setting's value: the value is not "på", whatever the trust's file says.
      `${where('Trykk <Setting')}  terms/variant  "Trykk" → write "Trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
      // A table cell.
      `${where('trykk OK')}  terms/variant  "trykk" → write "trykk på" (one word for each thing in the Norsk nynorsk guide; ${list}:4)`,
    ]);
  });

  it('reports each one in an English page, whole words only, and the lists stay in their language', async () => {
    const root = fixture('terms');
    write(root, EN_PAGE, enPage);
    // An English word on a Bokmål page is no concern of the English list.
    const nb = join(root, 'src/content/guides/nb/bankid.mdx');
    writeFileSync(nb, readFileSync(nb, 'utf8').replace('Trykk på BankID.', 'Press BankID, ikke chipen.'));
    const where = (needle: string) => at(EN_PAGE, enPage, needle);
    const list = 'src/terms/en.yaml';
    expect(lines(await check(root))).toEqual([
      `${where('Press the')}  terms/variant  "Press" → write "Click" (one word for each thing in the English guide; ${list}:1)`,
      `${where('health trust')}  terms/variant  "health trust" → write "hospital trust" (one word for each thing in the English guide; ${list}:7)`,
      `${where('PRESS')}  terms/variant  "PRESS" → write "CLICK" (one word for each thing in the English guide; ${list}:1)`,
      `${where('help\n')}  terms/variant  "help desk" → write "service desk" (one word for each thing in the English guide; ${list}:4)`,
      `${where('Health Trusts')}  terms/variant  "Health Trusts" → write "Hospital trusts" (one word for each thing in the English guide; ${list}:7)`,
      `${where('helpdesk')}  terms/variant  "helpdesk" → write "service desk" (one word for each thing in the English guide; ${list}:4)`,
      // A <Label>'s translation is shown to English readers.
      `${where('Pressed')}  terms/variant  "Pressed" → write "Click" (one word for each thing in the English guide; ${list}:1)`,
      `${at('src/content/guides/nb/bankid.mdx', readFileSync(nb, 'utf8'), 'chipen')}  terms/variant  "chipen" → write "brikken": the chip on a card is the brikke (src/terms/nb.yaml:1)`,
    ]);
  });

  it("reports one in a screenshot file's alt text or region label at its line there, in that language's list only", async () => {
    const root = fixture('terms');
    write(root, SCREENSHOT, screenshot);
    expect(lines(await check(root))).toEqual([
      `${at(SCREENSHOT, screenshot, 'tryggleiksnøkkelen')}  terms/variant  "tryggleiksnøkkelen" → write "sikkerheitsnøkkelen" (one word for each thing in the Norsk nynorsk guide; src/terms/nn.yaml:1)`,
      `${at(SCREENSHOT, screenshot, 'press BankID')}  terms/variant  "press" → write "click" (one word for each thing in the English guide; src/terms/en.yaml:1)`,
      'src/content/screenshots/velg.yaml:10:11  terms/variant  "Trykk" → write "Trykk på" (one word for each thing in the Norsk nynorsk guide; src/terms/nn.yaml:4)',
    ]);
  });

  it('says nothing without lists', async () => {
    const root = fixture();
    write(root, EN_PAGE, enPage);
    expect(lines(await check(root))).toEqual([]);
  });
});

describe("the lists' own mistakes", () => {
  it('are reported at their lines, with what to write', async () => {
    const root = fixture('terms');
    write(
      root,
      'src/terms/nb.yaml',
      `- avoid: chipen
  use: brikken
  excpet: [chipen her]
- avoid: [Chipen, chip*kort, chip*]
  use: brikke
- use: brikke
- avoid: kort
  use: Chipen
- avoid: trykk
  except: [klikk på, trykk]
  use: klikk
- avoid: []
  use: noe
- avoid: true
  use: sann
- bare tekst
`,
    );
    write(root, 'src/terms/en.yaml', 'press: click\n');
    write(root, 'src/terms/nn.yaml', '- avoid: [trykk\n  use: trykk på\n');
    write(root, 'src/terms/se.yaml', '- avoid: x\n  use: y\n');
    write(root, 'src/terms/README.md', 'notes\n');
    expect(lines(await check(root))).toEqual([
      // An entry keeps working without its broken exception.
      'src/content/guides/nb/bankid.mdx:14:5  terms/variant  "Trykk" → write "Klikk" (one word for each thing in the Norsk bokmål guide; src/terms/nb.yaml:9)',
      'src/terms/en.yaml:1:1  terms/field  a words file is a list of entries, each starting with "- avoid:" and with "use:" on the next line',
      'src/terms/nb.yaml:3:3  terms/field  excpet is not a field: did you mean except?',
      'src/terms/nb.yaml:4:11  terms/duplicate  "Chipen" is listed already, at line 1: keep one',
      'src/terms/nb.yaml:4:19  terms/field  avoid: "chip*kort": * stands for any ending and goes right after the last word, e.g. tryggleiksnøkkel*',
      'src/terms/nb.yaml:6:3  terms/field  this entry has no "avoid:": write the word or words to avoid',
      'src/terms/nb.yaml:8:8  terms/conflict  "Chipen" is itself a word to avoid ("chipen", line 1): the word to use must be one the guide may write',
      'src/terms/nb.yaml:10:12  terms/field  except: "klikk på" does not hold "trykk" with more words around it, so it excuses nothing: write the longer phrase that is fine, e.g. "trykk på"',
      'src/terms/nb.yaml:10:22  terms/field  except: "trykk" does not hold "trykk" with more words around it, so it excuses nothing: write the longer phrase that is fine, e.g. "trykk på"',
      'src/terms/nb.yaml:12:3  terms/field  avoid is empty: write a word after "avoid:"',
      'src/terms/nb.yaml:14:10  terms/field  avoid: true is read as a boolean: write it in quotes',
      'src/terms/nb.yaml:16:3  terms/field  each entry is "avoid:" (the words to avoid) and "use:" (the word to write instead), each on its own line, the first after "- "',
      'src/terms/nn.yaml:2:3  terms/yaml  this words file is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'src/terms/README.md:1:1  terms/file  the word lists are kept per language: nb.yaml, nn.yaml, en.yaml',
      'src/terms/se.yaml:1:1  terms/file  the word lists are kept per language: nb.yaml, nn.yaml, en.yaml',
    ]);
  });

  it('the real lists have none, and hold the words agreed for each language', async () => {
    const problems: Problem[] = [];
    /** The words the real list of `locale` reports in `text`, as `found → write`. */
    const found = (locale: Locale, text: string) => {
      const list = readTermList(projectRoot, locale, problems);
      return termProblems(list, { text, offsets: [...text].map((_, i) => i), lines: new LineIndex('text', text) }).map((p) => /^(".*?" → write ".*?")/.exec(p.message)![1]);
    };
    expect(found('nb', 'chip, chipen, chippen, chipkort. Kodebrikken og brikken er rett. Buypass ID i mobil – App, ikke Buypass ID i mobil - App.')).toEqual([
      '"chip" → write "brikke"',
      '"chipen" → write "brikken"',
      '"chippen" → write "brikken"',
      '"chipkort" → write "brikke"',
      '"Buypass ID i mobil –" → write "Buypass ID i mobil -"',
    ]);
    expect(found('nn', 'Tryggleiksnøkkelen, brukerstøtte, brukerstøtta og brukerstøtten. Trykk OK, så trykk på Fortsett. Buypass ID i mobil – App. Sikkerheitsnøkkel og brukarstøtte.')).toEqual([
      '"Tryggleiksnøkkelen" → write "Sikkerheitsnøkkelen"',
      '"brukerstøtte" → write "brukarstøtte"',
      '"brukerstøtta" → write "brukarstøtta"',
      '"brukerstøtten" → write "brukarstøtten"',
      '"Trykk" → write "Trykk på"',
      '"Buypass ID i mobil –" → write "Buypass ID i mobil -"',
    ]);
    expect(
      found('en', 'Press, pressed, presses, pressing. The health trusts, a health enterprise. The helpdesk, help desk or IT support. Buypass ID i mobil – App. Contact IT-brukerstøtte (IT service desk) at the hospital trust.'),
    ).toEqual([
      '"Press" → write "Click (on a PC) or tap (on a phone)"',
      '"pressed" → write "click (on a PC) or tap (on a phone)"',
      '"presses" → write "click (on a PC) or tap (on a phone)"',
      '"pressing" → write "click (on a PC) or tap (on a phone)"',
      '"health trusts" → write "hospital trusts"',
      '"health enterprise" → write "hospital trust"',
      '"helpdesk" → write "IT-brukerstøtte (IT service desk)"',
      '"help desk" → write "IT-brukerstøtte (IT service desk)"',
      '"IT support" → write "IT-brukerstøtte (IT service desk)"',
      '"Buypass ID i mobil –" → write "Buypass ID i mobil -"',
    ]);
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

describe('npm run build with a word to avoid', () => {
  it('stops before anything is built, names it at its line, and leaves dist/ as it was', { timeout: 600_000 }, () => {
    // The real lists, on the fixture's pages.
    const root = copyProject('fixture');
    const page = join(root, EN_PAGE);
    const text = write(root, EN_PAGE, readFileSync(page, 'utf8').replace('Tap BankID.', 'Press BankID.'));
    const dist = join(root, 'dist');
    write(root, 'dist/index.html', 'the last good site');
    const result = build(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("The guide's content has mistakes; nothing was built and dist/ was left as it was.");
    const reported = result.output.split('\n').find((line) => line.startsWith(`${at(EN_PAGE, text, 'Press BankID')}  terms/variant  `));
    expect(reported).toMatch(/ "Press" → write "Click \(on a PC\) or tap \(on a phone\)" \(one word for each thing in the English guide; src\/terms\/en\.yaml:\d+\)$/);
    expect(result.output).toContain('✖ 1 problem in 1 file');
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('the last good site');
  });
});
