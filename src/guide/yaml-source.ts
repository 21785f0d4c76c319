/**
 * YAML the editors write (screenshot data, frontmatter, trust files), read with positions:
 * every problem found in a value is reported at the line it is written on.
 */
import { isMap, isScalar, isSeq, parseDocument, visit as visitYaml, type Document, type Node as YamlNode } from 'yaml';
import { invisibleInSource } from './characters.ts';
import type { LineIndex, SourcePosition } from './source-text.ts';
import { problem, type Problem } from '../lib/checks/problems.ts';

export interface YamlSource {
  doc: Document.Parsed;
  /** Where the YAML text starts in the file (after `---` for frontmatter). */
  offset: number;
  lines: LineIndex;
  /** It uses an alias (*name): refused, and never expanded. */
  aliased: boolean;
}

/** Parses YAML text, reporting syntax errors, keys written twice, aliases and invisible characters as `rule` problems. */
export function parseYaml(text: string, offset: number, lines: LineIndex, rule: string, what: string, problems: Problem[]): YamlSource {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true });
  // The library says only "Map keys must be unique", at the second key: name the key and both lines instead.
  const duplicates = duplicateKeys(doc.contents);
  const named = new Set(duplicates.flatMap((d) => d.offsets.slice(1)));
  const found: { offset: number; message: string }[] = [];
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY' && named.has(error.pos[0])) continue;
    found.push({ offset: error.pos[0] ?? 0, message: `${what} is not valid YAML: ${error.message.split('\n')[0]}` });
  }
  for (const { path, offsets } of duplicates) {
    const at = offsets.map((o) => lines.at(offset + o).line);
    const twice = at.length === 2;
    found.push({
      offset: offsets[1]!,
      message: `${describeKey(path)} is written ${twice ? 'twice' : `${at.length} times`} (lines ${at.slice(0, -1).join(', ')} and ${at.at(-1)}): keep one and delete the other${twice ? '' : 's'}`,
    });
  }
  for (const { offset: at, message } of found.sort((a, b) => a.offset - b.offset)) problems.push(problem(lines.at(offset + at), rule, message));
  // Anchors and aliases (&name, *name) are never needed in a guide's data, and a few of
  // them nested can expand to gigabytes (a "billion laughs"): refused, before anything expands them.
  let aliased = false;
  visitYaml(doc, {
    Alias(_key, node) {
      aliased = true;
      problems.push(problem(lines.at(offset + (node.range?.[0] ?? 0)), rule, `${what} uses a YAML alias (*${node.source}): write the value out instead`));
    },
    // Every text in the data (titles, alt texts, labels, keys) is shown or read aloud somewhere.
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const found = invisibleInSource(node.value, text, node.range?.[0] ?? 0, `"${node.value.trim()}"`);
      if (found) problems.push(problem(lines.at(offset + found.offset), 'text/invisible', found.message));
    },
  });
  return { doc, offset, lines, aliased };
}

/** A key written more than once in one mapping: its path (the key last) and where each is written in the YAML text. */
interface DuplicateKey {
  path: (string | number)[];
  offsets: number[];
}

/** Every key written twice or more in the same mapping, at any depth, in the order of their second appearance. */
function duplicateKeys(node: unknown, path: (string | number)[] = [], found: DuplicateKey[] = []): DuplicateKey[] {
  if (isMap(node)) {
    const seen = new Map<unknown, number[]>();
    for (const pair of node.items) {
      // The library compares scalar keys by value, as here; a key that is itself a list or mapping keeps the library's message.
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const offsets = seen.get(pair.key.value) ?? [];
      seen.set(pair.key.value, [...offsets, pair.key.range[0]]);
      duplicateKeys(pair.value, [...path, String(pair.key.value)], found);
    }
    for (const [key, offsets] of seen) if (offsets.length > 1) found.push({ path: [...path, String(key)], offsets });
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => duplicateKeys(item, [...path, index], found));
  }
  return found.sort((a, b) => a.offsets[1]! - b.offsets[1]!);
}

/**
 * A key as the editor knows it: `region fortsett`, `label nb of region fortsett` (a
 * screenshot's regions, named as the checks name them elsewhere), `title`, or a nested key
 * with the keys above it, as trust/field names them: `nb in alt`, `phone in serviceDesk`,
 * `use in item 3` (of a list).
 */
function describeKey(path: readonly (string | number)[]): string {
  const [top, region, ...inside] = path;
  if (top === 'regions' && region !== undefined) return inside.length === 0 ? `region ${region}` : `${inside.join(' ')} of region ${region}`;
  const step = (key: string | number) => (typeof key === 'number' ? `item ${key + 1}` : key);
  const last = path[path.length - 1]!;
  return path.length === 1 ? step(last) : `${step(last)} in ${path.slice(0, -1).map(step).join('.')}`;
}

/** Whether a YAML document was read whole: no syntax error, no alias. The checks of its values skip it otherwise. */
export const isReadable = (source: YamlSource) => source.doc.errors.length === 0 && !source.aliased;

/** The node at a key path in a YAML document, e.g. ['regions', 'fortsett', 'box']. */
/** A map entry's key as text, as the file writes it. */
export const yamlKey = (pair: { key: unknown }): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

/** The keys of a map, in the file's order; none for anything else. */
export const yamlKeys = (node: unknown): string[] => (isMap(node) ? node.items.map(yamlKey) : []);

export function yamlNode(source: YamlSource, path: readonly (string | number)[]): YamlNode | undefined {
  let node: unknown = source.doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
      node = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return undefined;
    }
  }
  return (node ?? undefined) as YamlNode | undefined;
}

/**
 * Where a value in a YAML document is written (a mapping: its key); for a missing value,
 * the key of its nearest parent that exists, else the top of the file.
 */
export function yamlPosition(source: YamlSource, path: readonly (string | number)[]): SourcePosition {
  const node = yamlNode(source, path);
  // A block of keys starts on the line after its own key: point at the key.
  const key = isMap(node) && path.length > 0 ? keyRange(source, path) : undefined;
  if (key !== undefined) return source.lines.at(source.offset + key);
  if (node?.range) return source.lines.at(source.offset + node.range[0]);
  for (let depth = path.length; depth >= 1; depth--) {
    const key = keyRange(source, path.slice(0, depth));
    if (key !== undefined) return source.lines.at(source.offset + key);
  }
  return source.lines.at(source.offset);
}

/** Where the key at the end of `path` is written (a key the schema does not know is named there); else as yamlPosition. */
export function yamlKeyPosition(source: YamlSource, path: readonly (string | number)[]): SourcePosition {
  const key = path.length > 0 ? keyRange(source, path) : undefined;
  return key === undefined ? yamlPosition(source, path) : source.lines.at(source.offset + key);
}

/** The offset of the key that holds the value at `path`. */
function keyRange(source: YamlSource, path: readonly (string | number)[]): number | undefined {
  const parent = yamlNode(source, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === last);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as YamlNode | undefined;
    if (item?.range) return item.range[0];
  }
  return undefined;
}
