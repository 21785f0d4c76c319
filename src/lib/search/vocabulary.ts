/**
 * The editors' search words (src/search/<locale>.yaml) and each language's vocabulary,
 * read from the built search index:
 *
 *   synonyms:          # what readers type → the guide's words for it
 *     fjerntilgang: ekstern portal
 *   ignore: [hva, hvordan, jeg]   # words that say nothing about which page a reader needs
 *
 * `searchWordsProblems` checks a file's form (npm run check, and the build); `writeVocabularies`
 * runs after Pagefind has indexed a site, refuses a synonym whose target is not in that
 * language's index, and writes pagefind/vocabulary.<locale>.json for the search page.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { isReadable, parseYaml, yamlKey, yamlKeys } from '../../guide/yaml-source.ts';
import { LineIndex, type SourcePosition } from '../../guide/source-text.ts';
import { strayLocaleFiles } from '../checks/locale-files.ts';
import { problem, type Problem } from '../checks/problems.ts';
import { didYouMean, misspeltField, misspeltKeys } from '../suggest.ts';
import { localeNames, locales, localeTags, type Locale } from '../../i18n/locales.ts';
import { compact, correction, MAX_SYNONYM_WORDS, searchWords, vocabularyFile, type Vocabulary } from './words.ts';

export const SEARCH_WORDS_DIR = 'src/search';
const FIELDS = ['synonyms', 'ignore'];

export interface SearchWordsFile {
  file: string;
  synonyms: { key: string; target: string; at: SourcePosition; targetAt: SourcePosition }[];
  ignore: { word: string; at: SourcePosition }[];
}

const at = (lines: LineIndex, node: YamlNode | null | undefined) => lines.at(node?.range?.[0] ?? 0);

/** Reads one locale's search words; mistakes go to `problems`, at their line. */
export function readSearchWords(root: string, locale: Locale, problems: Problem[]): SearchWordsFile {
  const file = `${SEARCH_WORDS_DIR}/${locale}.yaml`;
  const result: SearchWordsFile = { file, synonyms: [], ignore: [] };
  const path = join(root, file);
  if (!existsSync(path)) return result;
  const text = readFileSync(path, 'utf8');
  const lines = new LineIndex(file, text);
  const source = parseYaml(text, 0, lines, 'search/yaml', 'this search words file', problems);
  if (!isReadable(source) || source.doc.contents === null) return result;
  const top = source.doc.contents;
  if (!isMap(top)) {
    problems.push(problem(lines.start(), 'search/field', 'a search words file holds synonyms: (what readers type: the guide\'s words) and ignore: (a list of words)'));
    return result;
  }
  const seen = new Map<string, SourcePosition>();
  const once = (word: string, place: SourcePosition, what: string) => {
    const key = compact(word);
    const first = seen.get(key);
    if (first) {
      problems.push(problem(place, 'search/duplicate', `"${word}" is listed already, at line ${first.line}: keep one (the same word, written with or without spaces or hyphens, counts once)`));
      return false;
    }
    if (key === '') {
      problems.push(problem(place, 'search/field', `${what} has no letters or digits`));
      return false;
    }
    seen.set(key, place);
    return true;
  };

  // A misspelt field is one line, at its name; its value is read as the field's.
  const misspelt = misspeltKeys(yamlKeys(top), FIELDS);
  for (const pair of top.items) {
    const written = yamlKey(pair);
    const keyAt = at(lines, pair.key as YamlNode);
    const name = FIELDS.includes(written) ? written : misspelt.get(written);
    if (name === undefined) {
      problems.push(problem(keyAt, 'search/field', `unknown field "${written}"${didYouMean(written, FIELDS)}; the fields are: ${FIELDS.join(', ')}`));
      continue;
    }
    if (name !== written) problems.push(problem(keyAt, 'search/field', misspeltField(written, name)));
    const value = pair.value as YamlNode | null;
    if (value === null || (isScalar(value) && value.value === null)) continue;
    if (name === 'synonyms') {
      if (!isMap(value)) {
        problems.push(problem(keyAt, 'search/field', 'synonyms maps what readers type to the guide\'s words, one per line: fjerntilgang: ekstern portal'));
        continue;
      }
      for (const item of value.items) {
        const keyNode = item.key as YamlNode;
        const targetNode = item.value as YamlNode | null;
        const place = at(lines, keyNode);
        const key = isScalar(keyNode) ? keyNode.value : undefined;
        const target = isScalar(targetNode) ? targetNode.value : undefined;
        if (typeof key !== 'string') {
          const what = typeof key === 'number' || typeof key === 'boolean' ? ` (${JSON.stringify(key)} is read as a ${typeof key}: write it in quotes)` : '';
          problems.push(problem(place, 'search/field', `a synonym is a word or words readers type, followed by a colon and the guide's words${what}`));
          continue;
        }
        if (searchWords(key).length > MAX_SYNONYM_WORDS) {
          problems.push(problem(place, 'search/field', `"${key}" is more than ${MAX_SYNONYM_WORDS} words: the search looks for at most ${MAX_SYNONYM_WORDS} words in a row; shorten it`));
          continue;
        }
        if ((typeof target !== 'string' && typeof target !== 'number') || searchWords(String(target)).length === 0) {
          problems.push(problem(place, 'search/field', `"${key}" needs the guide's words after the colon: ${key}: <words the guide uses>`));
          continue;
        }
        if (compact(String(key)) === compact(String(target))) {
          problems.push(problem(place, 'search/field', `"${key}" is a synonym of itself: the guide's words go after the colon`));
          continue;
        }
        if (!once(String(key), place, `"${key}"`)) continue;
        result.synonyms.push({ key: String(key), target: String(target), at: place, targetAt: at(lines, targetNode) });
      }
    } else {
      if (!isSeq(value)) {
        problems.push(problem(keyAt, 'search/field', 'ignore lists words, one per line ("- hva") or in brackets ([hva, hvordan])'));
        continue;
      }
      for (const item of value.items as YamlNode[]) {
        const place = at(lines, item);
        const word = isScalar(item) ? item.value : undefined;
        if (typeof word !== 'string' || searchWords(word).length !== 1) {
          problems.push(problem(place, 'search/field', 'each word to ignore is one word, e.g. - hva'));
          continue;
        }
        if (once(String(word), place, `"${word}"`)) result.ignore.push({ word: searchWords(String(word))[0]!, at: place });
      }
    }
  }
  return result;
}


/** Every mistake in the search words files' form (not yet whether the guide has the targets: that needs the index). */
export function searchWordsProblems(root: string): Problem[] {
  const problems = strayLocaleFiles(root, SEARCH_WORDS_DIR, 'search/file', 'search words');
  for (const locale of locales) readSearchWords(root, locale, problems);
  return problems;
}

/** The text of every page Pagefind indexed in one language, from its fragments (gzip, after a signature). */
function indexedTexts(pagefindDir: string, locale: string): string[] {
  const dir = join(pagefindDir, 'fragment');
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${locale}_`) && name.endsWith('.pf_fragment'))
    .map((name) => {
      const data = gunzipSync(readFileSync(join(dir, name)));
      const json = data.subarray(data.indexOf('{'));
      return String((JSON.parse(json.toString('utf8')) as { content?: unknown }).content ?? '');
    });
}

/** One language's words and how often each occurs. */
function countWords(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const text of texts) {
    for (const word of searchWords(text)) {
      count(word);
      // Pagefind finds the parts of a hyphenated word too.
      if (word.includes('-')) word.split('-').forEach(count);
    }
  }
  return counts;
}

/**
 * Writes each language's vocabulary into a site's search index folder. A synonym whose
 * target the index does not have is a problem at its line: it would send readers nowhere.
 * In the site of a trust that offers fewer login methods (`complete: false`) such a target
 * may be on a page that site does not have: the synonym is left out of it instead (the
 * site with every method, the template's, is where the mistake is reported).
 */
export function writeVocabularies(root: string, pagefindDir: string, complete = true): { problems: Problem[]; bytes: number; dropped: string[] } {
  const dropped: string[] = [];
  const problems: Problem[] = [];
  let bytes = 0;
  for (const locale of locales) {
    // Pagefind names an index by the pages' <html lang>.
    const texts = indexedTexts(pagefindDir, localeTags[locale]);
    if (texts.length === 0) continue;
    const words = countWords(texts);
    const file = readSearchWords(root, locale, problems);
    for (const { key, at } of file.synonyms) {
      const [only, ...more] = searchWords(key);
      if (more.length === 0 && only !== undefined && words.has(only) && complete) {
        problems.push(
          problem(at, 'search/shadow', `"${key}" is a word the ${localeNames[locale]} guide uses: as a synonym, readers who type it would no longer find where the guide says it; remove it`),
        );
      }
    }
    const synonyms = file.synonyms.filter(({ key, target, targetAt }) => {
      const missing = searchWords(target).filter((word) => !words.has(word));
      if (missing.length === 0) return true;
      if (!complete) {
        dropped.push(`${locale}: ${key}`);
        return false;
      }
      const hint = missing.map((word) => {
        const near = correction(word, words.keys(), words);
        return near ? `"${word}" (did you mean "${near}"?)` : `"${word}"`;
      });
      problems.push(
        problem(
          targetAt,
          'search/target',
          `"${key}" leads to "${target}", but the ${localeNames[locale]} guide has no ${hint.join(', ')}: write words the guide's pages use`,
        ),
      );
      return false;
    });
    const vocabulary: Vocabulary = {
      words: Object.fromEntries(words),
      synonyms: synonyms.map(({ key, target }) => [compact(key), target, key]),
      ignore: file.ignore.map(({ word }) => word),
    };
    const json = JSON.stringify(vocabulary);
    bytes += Buffer.byteLength(json);
    writeFileSync(join(pagefindDir, vocabularyFile(locale)), json);
  }
  return { problems, bytes, dropped };
}
