import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { keptMessage, mergeBoxes, recordedBoxes, withRecordedBoxes, type Box, type WrittenBox } from '../../scripts/lib/screenshot-boxes.ts';

const measured = new Map<string, Box>([
  ['app', [58, 160, 884, 136]],
  ['fortsett', [56, 826, 274, 112]],
]);
const file = (boxes: Record<string, unknown>) => new Map<string, WrittenBox>(Object.entries(boxes).map(([region, box], i) => [region, { box, line: 9 + i * 30 }]));

describe('which boxes npm run screenshots moves', () => {
  it('moves a box that is still the one it wrote last time to where the mockup has it now', () => {
    const recorded = new Map<string, Box>([['app', [58, 160, 884, 136]], ['fortsett', [56, 826, 256, 112]]]);
    const merged = mergeBoxes(file({ app: [58, 160, 884, 136], fortsett: [56, 826, 256, 112] }), measured, recorded, false);
    expect(merged).toEqual({ write: new Map([['fortsett', [56, 826, 274, 112]]]), kept: [] });
  });

  it('keeps a box placed by hand, and says what the mockup measures', () => {
    const recorded = new Map(measured);
    const merged = mergeBoxes(file({ app: [60, 162, 880, 130], fortsett: [56, 826, 274, 112] }), measured, recorded, false);
    expect(merged.write.size).toBe(0);
    expect(merged.kept.map((k) => keptMessage('src/content/screenshots/velg-buypass-id.yaml', 'velg-buypass-id', k))).toEqual([
      "src/content/screenshots/velg-buypass-id.yaml:9  kept the box of region app placed by hand ([60, 162, 880, 130]); the mockup measures [58, 160, 884, 136]: run npm run screenshots -- --reset-boxes velg-buypass-id to take the mockup's",
    ]);
  });

  it('keeps a box it has no record of writing, and says it may be placed by hand', () => {
    const merged = mergeBoxes(file({ app: [58, 160, 884, 136], fortsett: [56, 826, 256, 112] }), measured, undefined, false);
    expect(merged.write.size).toBe(0);
    expect(keptMessage('src/content/screenshots/velg-buypass-id.yaml', 'velg-buypass-id', merged.kept[0]!)).toBe(
      "src/content/screenshots/velg-buypass-id.yaml:39  kept the box of region fortsett ([56, 826, 256, 112]): the PNG does not record the box this command wrote, so it may be placed by hand; the mockup measures [56, 826, 274, 112]: run npm run screenshots -- --reset-boxes velg-buypass-id to take the mockup's",
    );
  });

  it('takes the mockup’s boxes over boxes placed by hand with --reset-boxes, and fills in a box not written yet', () => {
    expect(mergeBoxes(file({ app: [60, 162, 880, 130], fortsett: [56, 826, 256, 112] }), measured, new Map(measured), true)).toEqual({ write: measured, kept: [] });
    expect(mergeBoxes(file({ app: null, fortsett: [56, 826, 274, 112] }), measured, undefined, false)).toEqual({
      write: new Map([['app', [58, 160, 884, 136]]]),
      kept: [],
    });
  });
});

describe('the record in the PNG', () => {
  const png = readFileSync(join(import.meta.dirname, '../fixtures/checks/base/public/screenshots/velg.png'));

  it('reads back the boxes it records, and the picture is unchanged', async () => {
    expect(recordedBoxes(png)).toBeUndefined();
    const recorded = withRecordedBoxes(png, measured);
    expect(recordedBoxes(recorded)).toEqual(measured);
    // A second record replaces the first.
    const again = withRecordedBoxes(recorded, new Map([['app', [1, 2, 3, 4]]]));
    expect(recordedBoxes(again)).toEqual(new Map([['app', [1, 2, 3, 4]]]));
    const [before, after] = await Promise.all([sharp(png).raw().toBuffer(), sharp(again).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
  });
});
