/**
 * One word for each thing, in each language: the editors' lists (src/terms/<locale>.yaml)
 * name the words to avoid and the word to write instead, and every text a reader of that
 * language sees is searched for them.
 *
 *   - avoid: tryggleiksnøkkel*        # one word or phrase, or a list; * is any ending
 *     use: sikkerheitsnøkkel*         # * here: the ending the word found has
 *     why: Buypass kallar det sikkerheitsnøkkel   # optional, shown in the message
 *   - avoid: trykk
 *     except: [trykk på]              # longer phrases holding the word that are fine
 *     use: trykk på
 *
 * A word matches whole, in any case; a space matches any spaces or a line break. The texts
 * searched are what a reader sees: a page's prose, headings, lists, tables, callouts, step
 * titles and the props shown as text, its frontmatter title and description, and the alt
 * texts and region labels of the screenshot files. Not searched: the frontmatter keywords
 * (other words for the search, on purpose), code, addresses, and the values components
 * take from the trust files and site settings. A page's text is read from the syntax tree
 * the checks compile (project.ts) with components' content run into the sentence around
 * them, so `Trykk <Label>Fortsett</Label>` reads "Trykk Fortsett", and every word found is
 * reported where it is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Parents } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { ComponentName } from '../../guide/components.ts';
import { literalOf } from '../../guide/literals.ts';
import { attributeValueOffset } from '../../guide/remark-safe-content.ts';
import { LineIndex, type SourcePosition } from '../../guide/source-text.ts';
import { isReadable, parseYaml, yamlKey, yamlKeys, yamlNode, type YamlSource } from '../../guide/yaml-source.ts';
import { localeNames, locales, type Locale } from '../../i18n/locales.ts';
import { screenshotFields } from '../schemas.ts';
import { didYouMean, misspeltField, misspeltKeys, writtenKey } from '../suggest.ts';
import { strayLocaleFiles } from './locale-files.ts';
import { problem, type Problem } from './problems.ts';
import type { GuideFile, Project, ScreenshotDataFile } from './project.ts';

export const TERMS_DIR = 'src/terms';
const FIELDS = ['avoid', 'use', 'except', 'why'];

/** A letter or digit in any language (æ, ø, å, and accents written as a separate mark). */
const WORD_CHARACTER = '[\\p{L}\\p{M}\\p{N}]';
const startsWithWord = new RegExp(`^${WORD_CHARACTER}`, 'u');
const endsWithWord = new RegExp(`${WORD_CHARACTER}$`, 'u');
const hasWord = new RegExp(WORD_CHARACTER, 'u');

/** Stands for what a reader sees that is not the page's own words: a trust's value, code, an address. */
const NOT_WORDS = '\uFFFC';

/** A word or phrase of a list, as written and as matched. */
interface Pattern {
  text: string;
  at: SourcePosition;
  /** Whole words, any case; with a trailing `*`, the ending is its one group. */
  regex: RegExp;
  wildcard: boolean;
}

interface Term {
  avoid: Pattern[];
  except: Pattern[];
  use: string;
  useAt: SourcePosition;
  why?: string;
}

export interface TermList {
  locale: Locale;
  file: string;
  terms: Term[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `Trykk på` → /(?<!word)trykk\s+på(?!word)/giu; `nøkkel*` also takes the rest of the word. */
function compile(text: string): RegExp {
  const wildcard = text.endsWith('*');
  const words = (wildcard ? text.slice(0, -1) : text).split(/\s+/).map(escapeRegex);
  const before = startsWithWord.test(text) ? `(?<!${WORD_CHARACTER})` : '';
  const ending = wildcard ? `(${WORD_CHARACTER}*)` : endsWithWord.test(text) ? `(?!${WORD_CHARACTER})` : '';
  return new RegExp(`${before}${words.join('\\s+')}${ending}`, 'giu');
}

/** A `*` anywhere but right after the last word ("chip*kort", "*chip", "chip *"). */
const misplacedStar = (text: string) => text.includes('*') && !(text.indexOf('*') === text.length - 1 && endsWithWord.test(text.slice(0, -1)));

/** The same word however it is spaced or capitalised. */
const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

// ---------------------------------------------------------------------------------------
// The lists

/** Reads one language's list; mistakes go to `problems`, at their line. */
export function readTermList(root: string, locale: Locale, problems: Problem[]): TermList {
  const file = `${TERMS_DIR}/${locale}.yaml`;
  const list: TermList = { locale, file, terms: [] };
  const path = join(root, file);
  if (!existsSync(path)) return list;
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(file, text);
  const at = (node: YamlNode | null | undefined) => lines.at(node?.range?.[0] ?? 0);
  const source = parseYaml(text, 0, lines, 'terms/yaml', 'this words file', problems);
  if (!isReadable(source) || source.doc.contents === null) return list;
  const top = source.doc.contents;
  if (!isSeq(top)) {
    problems.push(problem(lines.start(), 'terms/field', 'a words file is a list of entries, each starting with "- avoid:" and with "use:" on the next line'));
    return list;
  }

  /** A field's text or texts: one, or a list; each must be text with a letter or digit in it. */
  const texts = (node: YamlNode | null, field: string, keyAt: SourcePosition): { text: string; at: SourcePosition }[] | undefined => {
    const items = isSeq(node) ? (node.items as YamlNode[]) : [node];
    if (items.length === 0) {
      problems.push(problem(keyAt, 'terms/field', `${field} is empty: write a word after "${field}:"`));
      return undefined;
    }
    const found: { text: string; at: SourcePosition }[] = [];
    for (const item of items) {
      const value = isScalar(item) ? item.value : undefined;
      const place = item ? at(item) : keyAt;
      if (typeof value !== 'string') {
        const what =
          value === null || value === undefined
            ? `${field} is empty: write a word after "${field}:"`
            : typeof value === 'number' || typeof value === 'boolean'
              ? `${field}: ${JSON.stringify(value)} is read as a ${typeof value}: write it in quotes`
              : `${field} is a word or phrase, or a list of them: [a, b]`;
        problems.push(problem(place, 'terms/field', what));
        continue;
      }
      if (!hasWord.test(value)) {
        problems.push(problem(place, 'terms/field', `${field}: "${value}" has no letters or digits`));
        continue;
      }
      found.push({ text: value.trim().replace(/\s+/g, ' '), at: place });
    }
    return found;
  };

  const seen = new Map<string, SourcePosition>();
  const pattern = (word: { text: string; at: SourcePosition }, field: string): Pattern | undefined => {
    if (misplacedStar(word.text)) {
      problems.push(problem(word.at, 'terms/field', `${field}: "${word.text}": * stands for any ending and goes right after the last word, e.g. tryggleiksnøkkel*`));
      return undefined;
    }
    return { text: word.text, at: word.at, regex: compile(word.text), wildcard: word.text.endsWith('*') };
  };

  for (const item of top.items as YamlNode[]) {
    const entryAt = at(item);
    if (!isMap(item)) {
      problems.push(problem(entryAt, 'terms/field', 'each entry is "avoid:" (the words to avoid) and "use:" (the word to write instead), each on its own line, the first after "- "'));
      continue;
    }
    const fields = new Map<string, { value: YamlNode | null; keyAt: SourcePosition }>();
    // A misspelt field is one line, at its name; its value is read as the field's.
    const misspelt = misspeltKeys(yamlKeys(item), FIELDS);
    for (const pair of item.items) {
      const written = yamlKey(pair);
      const keyAt = at(pair.key as YamlNode);
      const name = FIELDS.includes(written) ? written : misspelt.get(written);
      if (name === undefined) {
        problems.push(problem(keyAt, 'terms/field', `unknown field "${written}"${didYouMean(written, FIELDS)}; the fields are: ${FIELDS.join(', ')}`));
        continue;
      }
      if (name !== written) problems.push(problem(keyAt, 'terms/field', misspeltField(written, name)));
      fields.set(name, { value: pair.value as YamlNode | null, keyAt });
    }
    const field = (name: string) => fields.get(name);
    const avoidField = field('avoid');
    const useField = field('use');
    if (!avoidField) problems.push(problem(entryAt, 'terms/field', 'this entry has no "avoid:": write the word or words to avoid'));
    if (!useField) problems.push(problem(entryAt, 'terms/field', 'this entry has no "use:": write the word to write instead'));
    if (!avoidField || !useField) continue;

    const avoidWords = texts(avoidField.value, 'avoid', avoidField.keyAt);
    const useWords = texts(useField.value, 'use', useField.keyAt);
    const exceptField = field('except');
    const exceptWords = exceptField ? texts(exceptField.value, 'except', exceptField.keyAt) : [];
    const whyField = field('why');
    const why = whyField && isScalar(whyField.value) && typeof whyField.value.value === 'string' ? whyField.value.value.trim() : undefined;
    if (whyField && !why) problems.push(problem(whyField.keyAt, 'terms/field', 'why is a short sentence the message shows, e.g. why: the login screens write it so'));
    if (!avoidWords || !useWords || !exceptWords) continue;
    if (useWords.length !== 1 || isSeq(useField.value)) {
      problems.push(problem(useField.keyAt, 'terms/field', 'use is one word or phrase: the one to write instead'));
      continue;
    }
    const use = useWords[0]!;
    if (misplacedStar(use.text)) {
      problems.push(problem(use.at, 'terms/field', `use: "${use.text}": * stands for the ending of the word found and goes right after the last word, e.g. sikkerheitsnøkkel*`));
      continue;
    }

    const avoid: Pattern[] = [];
    for (const word of avoidWords) {
      const key = normalize(word.text);
      const first = seen.get(key);
      if (first) {
        problems.push(problem(word.at, 'terms/duplicate', `"${word.text}" is listed already, at line ${first.line}: keep one`));
        continue;
      }
      seen.set(key, word.at);
      const compiled = pattern(word, 'avoid');
      if (compiled) avoid.push(compiled);
    }
    const except: Pattern[] = [];
    for (const word of exceptWords) {
      const compiled = pattern(word, 'except');
      if (!compiled) continue;
      // An exception excuses the avoided word where it is part of it: it must hold the word, and more.
      const plain = word.text.replace(/\*$/, '');
      const holds = avoid.some((p) => [...plain.matchAll(p.regex)].some((m) => m[0].length < plain.length));
      if (!holds) {
        problems.push(
          problem(word.at, 'terms/field', `except: "${word.text}" does not hold ${avoid.map((p) => `"${p.text}"`).join(' or ')} with more words around it, so it excuses nothing: write the longer phrase that is fine, e.g. "trykk på"`),
        );
        continue;
      }
      except.push(compiled);
    }
    if (avoid.length > 0) list.terms.push({ avoid, except, use: use.text, useAt: use.at, ...(why ? { why } : {}) });
  }

  // The word to write must not be one the list forbids (with its own exceptions, "trykk på" is fine).
  for (const term of list.terms) {
    const use = term.use.replace(/\*$/, '');
    const found = findTerms(list, use, true)[0];
    if (found) {
      problems.push(
        problem(
          term.useAt,
          'terms/conflict',
          `"${term.use}" is itself a word to avoid ("${found.pattern.text}", line ${found.pattern.at.line}): the word to use must be one the guide may write`,
        ),
      );
    }
  }
  return list;
}


// ---------------------------------------------------------------------------------------
// What readers see

/** A text a reader sees in one piece, with where each of its characters is written. */
export interface ReaderText {
  text: string;
  /** Offset in `lines.text` of each character of `text`. */
  offsets: number[];
  lines: LineIndex;
}

/** A character written another way: an HTML character reference (`&amp;`, `&#x74;`) or a backslash escape (`\*`, `\u00e5`). */
const WRITTEN_OTHERWISE = /&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);|\\(?:U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^\n])/y;

/**
 * Where each character of `value` is written in `source` between `from` and `to`. A value
 * may differ from what is written: quotes, escapes and character references, the indentation
 * of a paragraph's lines, a folded YAML line. Each character is the next one written, or the
 * next escape or reference, or else the next one like it past nothing but spaces and
 * punctuation; one written in none of these ways keeps the place before it.
 */
function sourceOffsets(value: string, source: string, from: number, to: number): number[] {
  if (source.slice(from, from + value.length) === value) return Array.from({ length: value.length }, (_, i) => from + i);
  const offsets: number[] = [];
  let next = from;
  let index = 0;
  for (const character of value) {
    let at = next;
    WRITTEN_OTHERWISE.lastIndex = next;
    const other = next < to ? WRITTEN_OTHERWISE.exec(source) : null;
    // "&amp;" in a YAML text is those five characters: written as itself, not a reference.
    if (other && !value.startsWith(other[0], index)) {
      next += other[0].length;
    } else if (source.startsWith(character, next)) {
      next += character.length;
    } else {
      const found = source.indexOf(character, next);
      if (found !== -1 && found < to && !hasWord.test(source.slice(next, found))) {
        at = found;
        next = found + character.length;
      }
    }
    // A character beyond U+FFFF is two UTF-16 units: each gets the place.
    for (let i = 0; i < character.length; i++) offsets.push(at + i);
    index += character.length;
  }
  return offsets;
}

class TextBuilder {
  text = '';
  offsets: number[] = [];
  readonly lines: LineIndex;

  constructor(lines: LineIndex) {
    this.lines = lines;
  }

  add(value: string, from: number, to: number): void {
    this.text += value;
    this.offsets.push(...sourceOffsets(value, this.lines.text, from, to));
  }

  /** Something readers see that is not the page's words, e.g. a trust's value or code. */
  gap(offset: number): void {
    this.text += NOT_WORDS;
    this.offsets.push(offset);
  }

  done(): ReaderText | undefined {
    return this.text.trim() === '' ? undefined : { text: this.text, offsets: this.offsets, lines: this.lines };
  }
}

/** A YAML text value (a frontmatter title, an alt text) as the reader sees it. */
function yamlText(source: YamlSource, path: readonly (string | number)[]): ReaderText | undefined {
  const node = yamlNode(source, path);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const builder = new TextBuilder(source.lines);
  builder.add(node.value, source.offset + node.range[0], source.offset + node.range[1]);
  return builder.done();
}

/**
 * Props a component shows as text (src/guide/components.ts): the rest name files, regions,
 * settings or trust notes. A <Label>'s translation is shown beside the word on English pages.
 */
const TEXT_PROPS: Partial<Record<ComponentName, readonly string[]>> = {
  Callout: ['title'],
  Label: ['translation'],
  Screenshot: ['alt', 'caption'],
  Step: ['title'],
};

/** Inline content: read as one sentence with what is around it. */
const PHRASING = new Set([
  'text', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'inlineCode', 'break', 'image', 'imageReference', 'footnoteReference', 'mdxJsxTextElement', 'mdxTextExpression',
]);

/** Nodes no reader reads as the page's words: code, and what the safe profile removes anyway. */
const NOT_READ = new Set(['code', 'mdxjsEsm', 'mdxFlowExpression', 'html', 'yaml', 'toml', 'definition']);

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;
const isJsx = (node: Nodes): node is JsxElement => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

/** Every text a reader of a page sees, from its frontmatter and its compiled syntax tree. */
export function pageTexts(guide: GuideFile): ReaderText[] {
  const texts: ReaderText[] = [];
  const keep = (text: ReaderText | undefined) => {
    if (text) texts.push(text);
  };
  if (guide.frontmatter && isReadable(guide.frontmatter)) {
    keep(yamlText(guide.frontmatter, ['title']));
    keep(yamlText(guide.frontmatter, ['description']));
  }
  if (!guide.tree) return texts;
  const source = guide.text;
  const start = (node: { position?: { start: { offset?: number } } }) => node.position?.start.offset ?? 0;
  const end = (node: { position?: { end: { offset?: number } } }) => node.position?.end.offset ?? source.length;

  /** A component's props that are text readers see, each a text of its own. */
  const props = (element: JsxElement) => {
    const shown = element.name ? (TEXT_PROPS as Record<string, readonly string[] | undefined>)[element.name] : undefined;
    for (const attribute of element.attributes) {
      if (attribute.type !== 'mdxJsxAttribute' || !attribute.position || !shown?.includes(attribute.name)) continue;
      const value = attributeText(attribute);
      if (value === undefined) continue;
      const builder = new TextBuilder(guide.lines);
      builder.add(value, attributeValueOffset(source, attribute), end(attribute));
      keep(builder.done());
    }
  };

  /** Inline content into one sentence; an image's alt text is a text of its own. */
  const inline = (node: Nodes, builder: TextBuilder): void => {
    switch (node.type) {
      case 'text':
        builder.add(node.value, start(node), end(node));
        return;
      case 'break':
        builder.add('\n', start(node), end(node));
        return;
      case 'image':
      case 'imageReference': {
        builder.gap(start(node));
        const alt = new TextBuilder(guide.lines);
        alt.add(node.alt ?? '', start(node), end(node));
        keep(alt.done());
        return;
      }
      case 'mdxJsxTextElement':
      case 'mdxJsxFlowElement':
        props(node);
        // A component with no words of its own (a <Setting>) shows a value from elsewhere.
        if (node.children.length === 0) builder.gap(start(node));
        for (const child of node.children as Nodes[]) inline(child, builder);
        return;
      default:
        if (NOT_READ.has(node.type) || !('children' in node)) {
          builder.gap(start(node));
          return;
        }
        for (const child of node.children as Nodes[]) inline(child, builder);
    }
  };

  /** Block content: each paragraph, heading or table cell a text; inline runs in a block element read as one. */
  const blocks = (parent: Parents): void => {
    let run: TextBuilder | undefined;
    const close = () => {
      if (run) keep(run.done());
      run = undefined;
    };
    for (const child of parent.children as Nodes[]) {
      if (PHRASING.has(child.type)) {
        run ??= new TextBuilder(guide.lines);
        inline(child, run);
        continue;
      }
      close();
      if (NOT_READ.has(child.type)) continue;
      if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
        const sentence = new TextBuilder(guide.lines);
        for (const part of child.children as Nodes[]) inline(part, sentence);
        keep(sentence.done());
        continue;
      }
      if (isJsx(child)) props(child);
      if ('children' in child) blocks(child);
    }
    close();
  };
  blocks(guide.tree);
  return texts;
}

/** A prop's text: `title="…"`, or a string written as data, `title={'…'}`. */
function attributeText(attribute: MdxJsxAttribute): string | undefined {
  const value = attribute.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const literal = literalOf(value.data?.estree);
    return literal && 'value' in literal && typeof literal.value === 'string' ? literal.value : undefined;
  }
  return undefined;
}

/** The alt text and region labels of a screenshot file in one language. */
export function screenshotTexts(data: ScreenshotDataFile, locale: Locale): ReaderText[] {
  const yaml = data.yaml;
  if (!isReadable(yaml)) return [];
  // Each field under its key, or under a misspelling of it (which screenshot/field names once).
  const keysAt = (path: readonly string[]) => yamlKeys(yamlNode(yaml, path));
  const under = (path: readonly string[], name: string, known: readonly string[]) => {
    const key = writtenKey(keysAt(path), name, known);
    return key === undefined ? undefined : [...path, key];
  };
  const alt = under([], 'alt', screenshotFields.file);
  const regions = under([], 'regions', screenshotFields.file);
  const labels = (regions ? keysAt(regions) : []).map((name) => under([...regions!, name], 'label', screenshotFields.region));
  return [alt, ...labels]
    .map((path) => (path ? yamlText(yaml, [...path, writtenKey(keysAt(path), locale, locales) ?? locale]) : undefined))
    .filter((text) => text !== undefined);
}

// ---------------------------------------------------------------------------------------
// Finding the words

/** Addresses, written out or as www.…, and e-mail addresses: not words of the page. */
const ADDRESS = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\bmailto:)\S+|[^\s@]+@[^\s@]+\.[^\s@]+/giu;

interface Found {
  term: Term;
  pattern: Pattern;
  start: number;
  end: number;
  /** What the `*` matched. */
  ending: string;
}

/** Every word of `list` in `text` that its exceptions do not excuse, in order; `first`: stop at one. */
function findTerms(list: TermList, text: string, first = false): Found[] {
  const readable = text.replace(ADDRESS, (address) => NOT_WORDS.repeat(address.length));
  const found: Found[] = [];
  for (const term of list.terms) {
    const excused = term.except.flatMap((p) => [...readable.matchAll(p.regex)].map((m) => [m.index, m.index + m[0].length] as const));
    const ofTerm: Found[] = [];
    for (const pattern of term.avoid) {
      for (const match of readable.matchAll(pattern.regex)) {
        const start = match.index;
        const end = start + match[0].length;
        if (excused.some(([from, to]) => from <= start && end <= to)) continue;
        ofTerm.push({ term, pattern, start, end, ending: pattern.wildcard ? (match[1] ?? '') : '' });
      }
    }
    // Two of one entry's words at one place ("help desk" and "desk") are one finding: the longer.
    ofTerm.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const each of ofTerm) {
      const last = found[found.length - 1];
      if (last && last.term === term && each.start < last.end) continue;
      found.push(each);
      if (first) return found;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The word to write for one that was found: with the found word's ending for `*`, in capitals
 * when it is in capitals, with a capital first letter when it has one.
 */
function replacement(found: Found, written: string): string {
  const use = found.term.use.endsWith('*') ? `${found.term.use.slice(0, -1)}${found.ending.toLowerCase()}` : found.term.use;
  const upper = (text: string) => text !== text.toLowerCase() && text === text.toUpperCase();
  if (upper(written) && written.length > 1) return use.toUpperCase();
  return upper(written.charAt(0)) && !upper(use.charAt(0)) ? `${use.charAt(0).toUpperCase()}${use.slice(1)}` : use;
}

/** The problems for every word of `list` in one text a reader sees, each where it is written. */
export function termProblems(list: TermList, text: ReaderText): Problem[] {
  return findTerms(list, text.text).map((found) => {
    const written = text.text.slice(found.start, found.end).replace(/\s+/g, ' ');
    const where = `${list.file}:${found.pattern.at.line}`;
    const why = found.term.why ? `: ${found.term.why} (${where})` : ` (one word for each thing in the ${localeNames[list.locale]} guide; ${where})`;
    return problem(text.lines.at(text.offsets[found.start] ?? 0), 'terms/variant', `"${written}" → write "${replacement(found, written)}"${why}`);
  });
}

/** The lists' own mistakes, and every word to avoid in the pages and screenshot files, per language. */
export function checkTerms(project: Project): Problem[] {
  const problems = strayLocaleFiles(project.root, TERMS_DIR, 'terms/file', 'the word lists');
  for (const locale of locales) {
    const list = readTermList(project.root, locale, problems);
    if (list.terms.length === 0) continue;
    for (const guide of project.guides) {
      if (guide.locale !== locale) continue;
      for (const text of pageTexts(guide)) problems.push(...termProblems(list, text));
    }
    for (const data of project.screenshotData.values()) {
      for (const text of screenshotTexts(data, locale)) problems.push(...termProblems(list, text));
    }
  }
  return problems;
}
