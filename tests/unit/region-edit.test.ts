import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addInstruction,
  asMarkdown,
  boxAfterKey,
  moveBox,
  newNameProblem,
  newRegionLines,
  REGION_NAMES_STAY_NORWEGIAN,
  replaceInstruction,
  replacementText,
  resizeBox,
  yamlText,
  type Box,
} from '../../src/dev/region-edit.ts';
import { readScreenshotSource } from '../../src/dev/region-source.ts';
import { parseYaml } from '../../src/guide/yaml-source.ts';
import { LineIndex } from '../../src/guide/source-text.ts';
import type { Problem } from '../../src/lib/checks/problems.ts';

const projectRoot = join(import.meta.dirname, '../..');
const FILE = 'src/content/screenshots/velg.yaml';
const size = { width: 1000, height: 800 };

/** A screenshot file as editors write it: a header, a comment after a box, and alt after the regions. */
const SOURCE = `# Describes public/screenshots/velg.png.
regions:
  bankid:
    box: [40, 100, 720, 120]   # the whole row
    label:
      nb: BankID
      nn: BankID
      en: BankID
  fortsett:
    box: [40, 460, 300, 100]
    label:
      nb: Knappen Fortsett
      nn: Knappen Fortsett
      en: The Fortsett (Continue) button

alt:
  nb: Skjermbildet Velg elektronisk ID
  nn: Skjermbiletet Vel elektronisk ID
  en: The Velg elektronisk ID (Choose electronic ID) screen
`;

/** Problems the checks' YAML reader finds in a screenshot file. */
function problemsIn(text: string): Problem[] {
  const problems: Problem[] = [];
  parseYaml(text, 0, new LineIndex(FILE, text), 'screenshot/invalid-data', 'this file', problems);
  return problems;
}

describe('moving and resizing a box in the picker', () => {
  it('moves a box and stops it at the edges of the picture, its size kept', () => {
    expect(moveBox([40, 100, 720, 120], 5, -3, size)).toEqual([45, 97, 720, 120]);
    expect(moveBox([40, 100, 720, 120], 500, -300, size)).toEqual([280, 0, 720, 120]);
  });

  it('moves only the edges a handle holds, never past the opposite edge or the picture', () => {
    expect(resizeBox([40, 100, 720, 120], 'se', 10, 20, size)).toEqual([40, 100, 730, 140]);
    expect(resizeBox([40, 100, 720, 120], 'nw', -10, -20, size)).toEqual([30, 80, 730, 140]);
    expect(resizeBox([40, 100, 720, 120], 'n', 0, 500, size)).toEqual([40, 219, 720, 1]);
    expect(resizeBox([40, 100, 720, 120], 'e', 900, 0, size)).toEqual([40, 100, 960, 120]);
  });

  it('arrow keys move by 1 px, Shift+arrow by 10 px, Alt+arrow resizes', () => {
    const box: Box = [40, 100, 720, 120];
    const key = (key: string, shiftKey = false, altKey = false) => boxAfterKey(box, { key, shiftKey, altKey }, size);
    expect(key('ArrowRight')).toEqual([41, 100, 720, 120]);
    expect(key('ArrowUp', true)).toEqual([40, 90, 720, 120]);
    expect(key('ArrowRight', false, true)).toEqual([40, 100, 721, 120]);
    expect(key('ArrowLeft', true, true)).toEqual([40, 100, 710, 120]);
    expect(key('ArrowDown', false, true)).toEqual([40, 100, 720, 121]);
    expect(key('ArrowUp', true, true)).toEqual([40, 100, 720, 110]);
    expect(key('Enter')).toBeUndefined();
  });
});

describe('the lines the picker gives', () => {
  const source = readScreenshotSource(FILE, SOURCE);

  it('names the one box line of a region, its number and text as in the file', () => {
    const bankid = source.regions.find((r) => r.name === 'bankid')!;
    expect(bankid.box).toEqual([40, 100, 720, 120]);
    expect(bankid.lines).toMatchObject({ first: 4, last: 4, text: '    box: [40, 100, 720, 120]   # the whole row' });
    expect(asMarkdown(replaceInstruction(FILE, bankid.lines!))).toBe(
      'Replace line 4 of `src/content/screenshots/velg.yaml`, `    box: [40, 100, 720, 120]   # the whole row`, with:',
    );
    // The indentation and the comment stay; only the numbers change.
    expect(replacementText(bankid.lines!, [42, 102, 700, 118])).toBe('    box: [42, 102, 700, 118]   # the whole row');
  });

  it('gives a line that, put in place of the named one, moves the box and changes nothing else', () => {
    const fortsett = source.regions.find((r) => r.name === 'fortsett')!;
    const lines = SOURCE.split('\n');
    lines[fortsett.lines!.first - 1] = replacementText(fortsett.lines!, [50, 470, 280, 90]);
    const edited = lines.join('\n');
    expect(problemsIn(edited)).toEqual([]);
    const data = parse(edited);
    expect(data.regions.fortsett.box).toEqual([50, 470, 280, 90]);
    expect({ ...data, regions: { ...data.regions, fortsett: { ...data.regions.fortsett, box: undefined } } }).toEqual({
      ...parse(SOURCE),
      regions: { ...parse(SOURCE).regions, fortsett: { ...parse(SOURCE).regions.fortsett, box: undefined } },
    });
  });

  it('gives a new region as lines to add after the last line of the regions, indented as the file', () => {
    expect(source.add).toEqual({ afterLine: 14, hasRegions: true, indent: '  ', step: '  ' });
    expect(asMarkdown(addInstruction(FILE, source.add!))).toBe('Add these lines under `regions:` in `src/content/screenshots/velg.yaml`, after line 14:');
    const label = { nb: 'Overskriften: «Velg elektronisk ID»', nn: 'Overskrifta', en: '"Choose" #1' };
    const added = newRegionLines({ name: 'tittel', box: [10, 20, 300, 40], label }, source.add!);
    const lines = SOURCE.split('\n');
    lines.splice(source.add!.afterLine, 0, added.trimEnd());
    const edited = lines.join('\n');
    expect(problemsIn(edited)).toEqual([]);
    expect(parse(edited).regions.tittel).toEqual({ box: [10, 20, 300, 40], label });
    expect(parse(edited).regions.fortsett).toEqual(parse(SOURCE).regions.fortsett);
  });

  it('starts regions: in a file that has none, at its end', () => {
    const place = readScreenshotSource(FILE, 'alt:\n  nb: a\n  nn: a\n  en: a\n').add!;
    expect(asMarkdown(addInstruction(FILE, place))).toBe('Add these lines at the end of `src/content/screenshots/velg.yaml`:');
    const text = `alt:\n  nb: a\n  nn: a\n  en: a\n${newRegionLines({ name: 'ok', box: [1, 2, 3, 4], label: { nb: 'a', nn: 'b', en: 'c' } }, place)}`;
    expect(parse(text).regions.ok.box).toEqual([1, 2, 3, 4]);
  });

  it('offers no lines for a file the checks cannot read, and says why in their words', () => {
    const twice = `${SOURCE}regions:\n  x:\n    box: [1, 2, 3, 4]\n`;
    expect(readScreenshotSource(FILE, twice)).toEqual({
      regions: [],
      add: undefined,
      problems: ['src/content/screenshots/velg.yaml:20:1  screenshot/invalid-data  regions is written twice (lines 2 and 20): keep one and delete the other'],
    });
  });

  it('writes a label so that YAML reads back the same text', () => {
    for (const text of ['Knappen Fortsett', 'Trykk: Fortsett', '«Ja»', '- punkt', '# nei', 'yes', 'null', '12', '1.5 mm', 'Nei #2', ' mellomrom ', 'a\\b "c"', 'slutt:']) {
      expect(parse(`label: ${yamlText(text)}`).label, text).toBe(text);
    }
    expect(yamlText('Knappen Fortsett')).toBe('Knappen Fortsett');
  });

  it('refuses a new region name that is not a-z, 0-9 and -, or that the screenshot has already', () => {
    expect(newNameProblem('fortsett', ['bankid', 'fortsett'])).toBe(
      'fortsett is already a region of this screenshot: click it on the picture to move it, or choose another name.',
    );
    expect(newNameProblem('Fortsett', [])).toMatch(/use a-z, 0-9 and -/);
    expect(newNameProblem('ny-knapp', ['fortsett'])).toBeUndefined();
  });
});

describe('CONTRIBUTING.md says what the picker says', () => {
  const section = (() => {
    const text = readFileSync(join(projectRoot, 'CONTRIBUTING.md'), 'utf8');
    const start = text.indexOf('## Replace a screenshot and move its regions');
    return text.slice(start, text.indexOf('\n## ', start + 1));
  })();
  const file = 'src/content/screenshots/velg-buypass-id.yaml';

  it('quotes the picker’s sentence for moving a region, with the line as the file has it', () => {
    const lines = { first: 9, last: 9, text: '    box: [58, 160, 884, 136]', before: '    box: ', after: '' };
    expect(section).toContain(asMarkdown(replaceInstruction(file, lines)));
    expect(section).toContain(`\`\`\`yaml\n     ${replacementText(lines, [60, 162, 880, 130])}\n     \`\`\``);
    // The example is the real file's line, so it is what an editor sees in the picker.
    expect(readFileSync(join(projectRoot, file), 'utf8').split('\n')[8]).toMatch(/^ {4}box: \[[\d, ]+\]$/);
  });

  it('quotes the picker’s sentence and lines for adding a region', () => {
    const place = { afterLine: 43, hasRegions: true, indent: '  ', step: '  ' };
    expect(section).toContain(asMarkdown(addInstruction(file, place)));
    const label = { nb: 'Overskriften Velg Buypass ID', nn: 'Overskrifta Velg Buypass ID', en: 'The Velg Buypass ID (Choose Buypass ID) heading' };
    const block = newRegionLines({ name: 'tittel', box: [80, 56, 420, 80], label }, place)
      .trimEnd()
      .split('\n')
      .map((line) => `     ${line}`)
      .join('\n');
    expect(section).toContain(block);
  });

  it('says in one line that region names stay Norwegian, as the picker does', () => {
    expect(section).toContain(REGION_NAMES_STAY_NORWEGIAN);
  });
});
