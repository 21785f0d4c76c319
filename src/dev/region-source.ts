/**
 * A screenshot's YAML file as the region picker needs it: each region's box and the lines it
 * is written on, and where a new region goes. Read with the checks' own YAML reader
 * (src/guide/yaml-source.ts), so a line number here is the one `npm run check` gives.
 */
import { isMap, isScalar, type Pair } from 'yaml';
import { isReadable, parseYaml, yamlNode } from '../guide/yaml-source.ts';
import { LineIndex } from '../guide/source-text.ts';
import { formatProblem, type Problem } from '../lib/checks/problems.ts';
import type { BoxLines, NewRegionPlace } from './region-edit.ts';

export interface SourceRegion {
  name: string;
  /** The box as written; undefined when it is not four numbers (the checks say why). */
  box: [number, number, number, number] | undefined;
  lines: BoxLines | undefined;
}

export interface ScreenshotSource {
  regions: SourceRegion[];
  /** Undefined when the regions are not written as a block of names (`regions: {}`): the picker cannot say where a new one goes. */
  add: NewRegionPlace | undefined;
  /** Why the file cannot be read, as `npm run check` says it; the picker then offers no lines. */
  problems: string[];
}

const isBox = (value: unknown): value is [number, number, number, number] =>
  Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === 'number' && Number.isFinite(n));

/** The text of lines `first` to `last` (1-based), without their line breaks' last one. */
function lineText(lines: LineIndex, first: number, last: number): string {
  const all = lines.text.split('\n');
  return all
    .slice(first - 1, last)
    .map((line) => line.replace(/\r$/, ''))
    .join('\n');
}

/** Where a region's `box:` is written, from its key to the end of its value. */
function boxLines(lines: LineIndex, pair: Pair): BoxLines | undefined {
  const key = isScalar(pair.key) ? pair.key.range : undefined;
  const value = (pair.value as { range?: [number, number, number] } | null)?.range;
  if (!key || !value) return undefined;
  const start = lines.at(key[0]);
  const valueStart = lines.at(value[0]);
  const end = lines.at(Math.max(value[0], value[1] - 1));
  const first = lineText(lines, start.line, start.line);
  const last = lineText(lines, end.line, end.line);
  // As editors write it (`    box: [58, 160, 884, 136]  # a comment`): keep all but the numbers.
  // A value over several lines becomes one line, at the key's indentation.
  const before = valueStart.line === start.line ? first.slice(0, valueStart.column - 1) : `${first.slice(0, start.column - 1)}box: `;
  const after = last.slice(end.column).replace(/\r$/, '');
  return { first: start.line, last: end.line, text: lineText(lines, start.line, end.line), before, after };
}

/** The spaces a line starts with. */
const indentOf = (lines: LineIndex, offset: number) => ' '.repeat(lines.at(offset).column - 1);

export function readScreenshotSource(file: string, text: string): ScreenshotSource {
  const lines = new LineIndex(file, text);
  const found: Problem[] = [];
  const source = parseYaml(text, 0, lines, 'screenshot/invalid-data', 'this file', found);
  // A syntax error or a key written twice: the lines may not be what the editor thinks they are.
  if (!isReadable(source)) return { regions: [], add: undefined, problems: found.filter((p) => p.severity === 'error').map(formatProblem) };
  const data = source.doc.toJS() as { regions?: Record<string, { box?: unknown } | null> | null };

  const regionsPair = isMap(source.doc.contents) ? source.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'regions') : undefined;
  const regionsNode = yamlNode(source, ['regions']);
  const regions: SourceRegion[] = [];
  let add: NewRegionPlace | undefined;

  if (!regionsPair) {
    add = { afterLine: lines.at(text.trimEnd().length).line, hasRegions: false, indent: '  ', step: '  ' };
  } else if (regionsNode === undefined || (isScalar(regionsNode) && regionsNode.value === null)) {
    // `regions:` with nothing under it yet.
    add = { afterLine: lines.at((regionsPair.key as { range?: number[] }).range?.[0] ?? 0).line, hasRegions: true, indent: '  ', step: '  ' };
  } else if (isMap(regionsNode) && !regionsNode.flow) {
    for (const pair of regionsNode.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const boxPair = isMap(pair.value) ? pair.value.items.find((p) => isScalar(p.key) && p.key.value === 'box') : undefined;
      const box = data.regions?.[name]?.box;
      regions.push({ name, box: isBox(box) ? box : undefined, lines: boxPair ? boxLines(lines, boxPair) : undefined });
    }
    const first = regionsNode.items[0];
    const firstKey = first && isScalar(first.key) ? first.key.range?.[0] : undefined;
    const child = first && isMap(first.value) ? first.value.items[0] : undefined;
    const childKey = child && isScalar(child.key) ? child.key.range?.[0] : undefined;
    const indent = firstKey === undefined ? '  ' : indentOf(lines, firstKey);
    const step = childKey === undefined ? '  ' : ' '.repeat(Math.max(1, indentOf(lines, childKey).length - indent.length));
    // The last line with something on it before the regions end (the range runs on over blank lines).
    const end = regionsNode.range?.[1] ?? text.length;
    const lastWritten = text.slice(0, end).trimEnd().length - 1;
    add = { afterLine: lines.at(Math.max(0, lastWritten)).line, hasRegions: true, indent, step };
  }
  return { regions, add, problems: [] };
}
