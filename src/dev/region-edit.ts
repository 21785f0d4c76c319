/**
 * The region picker's pure parts (src/dev/RegionPicker.astro): moving and resizing a box in
 * the PNG's own pixels, and the words and YAML lines it gives the editor. CONTRIBUTING.md,
 * "Replace a screenshot and move its regions", quotes these sentences; a test keeps the two
 * the same.
 */
import type { ImageSize } from '../guide/regions.ts';

export type Box = [left: number, top: number, width: number, height: number];

/** Which edges a resize handle moves: n(orth), s(outh), e(ast), w(est), or a corner. */
export type Edge = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const edges: readonly Edge[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** A piece of an instruction: plain words, or text the editor finds or writes in the file (shown as code). */
export type Part = { text: string } | { code: string };

export const REGION_NAME = /^[a-z0-9-]+$/;

/** Said once in the picker and once in CONTRIBUTING.md, in these words. */
export const REGION_NAMES_STAY_NORWEGIAN =
  'Region names stay Norwegian on English pages too: the name is the same in every language; only the label is translated.';

/** The box in whole pixels, inside the image, at least 1 px wide and tall. */
export function fitBox(box: readonly number[], size: ImageSize): Box {
  const width = Math.min(Math.max(1, Math.round(box[2] ?? 1)), size.width);
  const height = Math.min(Math.max(1, Math.round(box[3] ?? 1)), size.height);
  const left = Math.min(Math.max(0, Math.round(box[0] ?? 0)), size.width - width);
  const top = Math.min(Math.max(0, Math.round(box[1] ?? 0)), size.height - height);
  return [left, top, width, height];
}

/** The box moved by dx, dy pixels, its size kept, stopped at the image's edges. */
export function moveBox(box: Box, dx: number, dy: number, size: ImageSize): Box {
  return fitBox([box[0] + dx, box[1] + dy, box[2], box[3]], size);
}

/**
 * The box with the edges `edge` names moved by dx, dy pixels; the opposite edges stay where
 * they are. An edge stops 1 px before the opposite one and at the image's border.
 */
export function resizeBox(box: Box, edge: Edge, dx: number, dy: number, size: ImageSize): Box {
  let [left, top] = box;
  let right = box[0] + box[2];
  let bottom = box[1] + box[3];
  if (edge.includes('w')) left = Math.min(Math.max(0, Math.round(left + dx)), right - 1);
  if (edge.includes('e')) right = Math.max(Math.min(size.width, Math.round(right + dx)), left + 1);
  if (edge.includes('n')) top = Math.min(Math.max(0, Math.round(top + dy)), bottom - 1);
  if (edge.includes('s')) bottom = Math.max(Math.min(size.height, Math.round(bottom + dy)), top + 1);
  return [left, top, right - left, bottom - top];
}

/** The box spanned by two points, e.g. where a drag started and where the pointer is. */
export function boxBetween(from: readonly [number, number], to: readonly [number, number], size: ImageSize): Box {
  const left = Math.min(from[0], to[0]);
  const top = Math.min(from[1], to[1]);
  return fitBox([left, top, Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1])], size);
}

/**
 * What a key does to the box in the picker: an arrow moves it 1 px (Shift: 10 px); with Alt
 * (⌥ on a Mac) → and ↓ make it wider and taller, ← and ↑ narrower and shorter. Undefined for
 * any other key.
 */
export function boxAfterKey(box: Box, key: { key: string; shiftKey: boolean; altKey: boolean }, size: ImageSize): Box | undefined {
  const step = key.shiftKey ? 10 : 1;
  const direction: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const move = direction[key.key];
  if (!move) return undefined;
  const [dx, dy] = [move[0] * step, move[1] * step];
  return key.altKey ? resizeBox(box, dx !== 0 ? 'e' : 's', dx, dy, size) : moveBox(box, dx, dy, size);
}

export const boxText = (box: readonly number[]) => `[${box.join(', ')}]`;

/** Where a region's box is written in its YAML file (src/dev/region-source.ts reads it). */
export interface BoxLines {
  /** 1-based lines, from the `box:` key to the end of its value (one line as editors write it). */
  first: number;
  last: number;
  /** Those lines as they are written. */
  text: string;
  /** What comes before the value on the first line (`    box: `, indentation kept) and after it on the last (a comment). */
  before: string;
  after: string;
}

/** The lines that replace `lines` to give the region `box`: its indentation and any comment kept. */
export const replacementText = (lines: BoxLines, box: Box) => `${lines.before}${boxText(box)}${lines.after}`;

/** "Replace line 9 of `src/…/x.yaml`, `    box: […]`, with:", followed by the new line (replacementText). */
export function replaceInstruction(file: string, lines: BoxLines): Part[] {
  const which = lines.first === lines.last ? `line ${lines.first}` : `lines ${lines.first} to ${lines.last}`;
  return [{ text: `Replace ${which} of ` }, { code: file }, { text: ', ' }, { code: lines.text }, { text: ', with:' }];
}

/** Where a new region goes in a screenshot's YAML file, and how the file indents its regions. */
export interface NewRegionPlace {
  /** The line the new region's lines go after: the last line of the regions, or the `regions:` line itself when it has none yet. */
  afterLine: number;
  /** False when the file has no `regions:` yet: the lines then start with it and go at the end of the file. */
  hasRegions: boolean;
  /** The spaces before a region's name, and the spaces each level further in adds. */
  indent: string;
  step: string;
}

/** "Add these lines under `regions:` in `src/…/x.yaml`, after line 44:", followed by the lines (newRegionLines). */
export function addInstruction(file: string, place: NewRegionPlace): Part[] {
  return place.hasRegions
    ? [{ text: 'Add these lines under ' }, { code: 'regions:' }, { text: ' in ' }, { code: file }, { text: `, after line ${place.afterLine}:` }]
    : [{ text: 'Add these lines at the end of ' }, { code: file }, { text: ':' }];
}

/** An instruction as CONTRIBUTING.md writes it, code in backticks. */
export const asMarkdown = (parts: readonly Part[]) => parts.map((part) => ('code' in part ? `\`${part.code}\`` : part.text)).join('');

/**
 * A label as a YAML value: as typed when YAML reads it back as the same text, else in double
 * quotes (a JSON string is a valid YAML one), so `Trykk: Fortsett` or `«Ja»?` cannot break the file.
 */
export function yamlText(text: string): string {
  const plain =
    text !== '' &&
    text === text.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) &&
    !/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text) &&
    !/: |:$| #/.test(text) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~)$/i.test(text) &&
    !/^[-+.]?\d/.test(text) &&
    !/^\.(?:inf|nan)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

export interface NewRegion {
  name: string;
  box: Box;
  label: Record<'nb' | 'nn' | 'en', string>;
}

/** The lines of a new region, indented as the file's other regions, ending with a line break. */
export function newRegionLines(region: NewRegion, place: NewRegionPlace): string {
  const { indent, step } = place;
  const lines = [
    ...(place.hasRegions ? [] : ['regions:']),
    `${indent}${region.name}:`,
    `${indent}${step}box: ${boxText(region.box)}`,
    `${indent}${step}label:`,
    ...(['nb', 'nn', 'en'] as const).map((locale) => `${indent}${step}${step}${locale}: ${yamlText(region.label[locale])}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Why `name` cannot be a new region's name, or undefined when it can. */
export function newNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name === '') return 'Type the new region’s name (a-z, 0-9 and -, e.g. fortsett).';
  if (!REGION_NAME.test(name)) return `“${name}” cannot be a region name: use a-z, 0-9 and -, e.g. fortsett.`;
  if (existing.includes(name)) return `${name} is already a region of this screenshot: click it on the picture to move it, or choose another name.`;
  return undefined;
}
