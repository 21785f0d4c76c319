/**
 * Which region boxes `npm run screenshots` may move (scripts/screenshots.ts). Each PNG it
 * renders records the boxes the mockup measured, in a text chunk of the PNG itself. A box
 * in the YAML file that still equals the recorded one was written by the command and follows
 * the mockup; any other box was placed by hand (in the region picker, or typed) and is kept,
 * with a line that says so, unless the editor asks for the mockup's boxes (--reset-boxes).
 */
import { crc32 } from 'node:zlib';

export type Box = [left: number, top: number, width: number, height: number];

/** The keyword of the PNG text chunk that holds the measured boxes, as JSON: {"fortsett": [56, 826, 256, 112], …}. */
export const RECORD_KEYWORD = 'guide-regions';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const isBox = (value: unknown): value is Box =>
  Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === 'number' && Number.isFinite(n));

const sameBox = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

export const boxText = (box: readonly unknown[]) => `[${box.join(', ')}]`;

interface Chunk {
  type: string;
  data: Buffer;
  start: number;
  end: number;
}

function chunks(png: Buffer): Chunk[] | undefined {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return undefined;
  const found: Chunk[] = [];
  let at = SIGNATURE.length;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > png.length) return undefined;
    found.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length), start: at, end });
    at = end;
  }
  return found;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The boxes a PNG rendered by `npm run screenshots` records; undefined for any other PNG (a real screenshot, or one from before the record). */
export function recordedBoxes(png: Buffer): Map<string, Box> | undefined {
  for (const { type, data } of chunks(png) ?? []) {
    if (type !== 'tEXt') continue;
    const separator = data.indexOf(0);
    if (separator < 0 || data.toString('latin1', 0, separator) !== RECORD_KEYWORD) continue;
    try {
      const parsed: unknown = JSON.parse(data.toString('latin1', separator + 1));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      return new Map(Object.entries(parsed).filter((entry): entry is [string, Box] => isBox(entry[1])));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The PNG with `boxes` recorded in it (any earlier record replaced), before its end. */
export function withRecordedBoxes(png: Buffer, boxes: ReadonlyMap<string, Box>): Buffer {
  const all = chunks(png);
  if (!all) throw new Error('not a PNG file');
  // Region names are a-z, 0-9 and -, so the JSON is plain ASCII, as a tEXt chunk needs.
  const text = chunk('tEXt', Buffer.concat([Buffer.from(`${RECORD_KEYWORD}\0`, 'latin1'), Buffer.from(JSON.stringify(Object.fromEntries(boxes)), 'latin1')]));
  const kept = all.filter((c) => !(c.type === 'tEXt' && c.data.toString('latin1', 0, c.data.indexOf(0)) === RECORD_KEYWORD));
  const end = kept.findIndex((c) => c.type === 'IEND');
  return Buffer.concat([SIGNATURE, ...kept.slice(0, end).map((c) => png.subarray(c.start, c.end)), text, ...kept.slice(end).map((c) => png.subarray(c.start, c.end))]);
}

/** A region's box as its YAML file has it, and the line it is written on. */
export interface WrittenBox {
  box: unknown;
  line: number;
}

export interface KeptBox {
  region: string;
  line: number;
  box: Box;
  measured: Box;
  /** Whether the PNG recorded the box the command wrote last time (else there was no record to compare with). */
  recorded: boolean;
}

export interface MergedBoxes {
  /** The boxes to write into the YAML file: only those that change. */
  write: Map<string, Box>;
  /** Boxes placed by hand, left as they are. */
  kept: KeptBox[];
}

/**
 * Which measured boxes go into the YAML file. A region's box follows the mockup when the file
 * has no box for it yet (or not four numbers), when it still holds the box the command
 * recorded last time, or when `reset` asks for the mockup's boxes; otherwise it is kept.
 */
export function mergeBoxes(
  written: ReadonlyMap<string, WrittenBox>,
  measured: ReadonlyMap<string, Box>,
  recorded: ReadonlyMap<string, Box> | undefined,
  reset: boolean,
): MergedBoxes {
  const write = new Map<string, Box>();
  const kept: KeptBox[] = [];
  for (const [region, box] of measured) {
    const inFile = written.get(region);
    const current = inFile?.box;
    if (isBox(current) && sameBox(current, box)) continue;
    const before = recorded?.get(region);
    if (!isBox(current) || reset || (before && sameBox(current, before))) write.set(region, box);
    else kept.push({ region, line: inFile!.line, box: current, measured: box, recorded: recorded !== undefined });
  }
  return { write, kept };
}

/** The line `npm run screenshots` prints for a box it kept. */
export function keptMessage(file: string, screen: string, kept: KeptBox): string {
  const take = `run npm run screenshots -- --reset-boxes ${screen} to take the mockup's`;
  return kept.recorded
    ? `${file}:${kept.line}  kept the box of region ${kept.region} placed by hand (${boxText(kept.box)}); the mockup measures ${boxText(kept.measured)}: ${take}`
    : `${file}:${kept.line}  kept the box of region ${kept.region} (${boxText(kept.box)}): the PNG does not record the box this command wrote, so it may be placed by hand; the mockup measures ${boxText(kept.measured)}: ${take}`;
}
