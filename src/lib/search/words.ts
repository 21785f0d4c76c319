/**
 * What a reader's query means for the search, worked out the same way in the browser
 * (src/scripts/search.ts) and at build time (src/lib/search/vocabulary.ts):
 * - words are read from text one way: `searchWords`;
 * - words the editors listed as carrying no meaning (question words, pronouns) are left out;
 * - words readers use and the guide does not are replaced by the guide's words (synonyms);
 * - a word the guide does not have is corrected to the nearest word it has, where a common
 *   slip (a dropped letter, two neighbours swapped, a doubled key, a neighbouring key,
 *   o for ø) explains the difference.
 * The vocabulary is the words of one language's built search index.
 */

/** One language's words, as the search page loads them (pagefind/vocabulary.<locale>.json). */
export interface Vocabulary {
  /** Every word of the language's index, with how often it occurs. */
  words: Record<string, number>;
  /** [what readers type, written compact (see `compact`); the guide's words; what readers type, as the editors wrote it]. */
  synonyms: [string, string, string][];
  /** Words that say nothing about which page a reader needs. */
  ignore: string[];
}

export interface QueryPlan {
  /** The words to search for, each on its own; no duplicates. */
  terms: string[];
  /** Words corrected for a slip: [as typed, as corrected]. */
  corrections: [string, string][];
  /** The query as the reader typed it with the corrections made; undefined when nothing was corrected. */
  corrected?: string;
}

export interface PlanOptions {
  synonyms?: boolean;
  ignore?: boolean;
  typos?: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;

/** Text as words are read from it: composed characters (NFC), one kind of apostrophe. */
const normal = (text: string) => text.normalize('NFC').replace(/[’‘ʼ]/g, "'");

/** Each word of a text, lower-case, with where it is in the (normalised) text. */
function wordSpans(text: string): { word: string; start: number; end: number }[] {
  return [...normal(text).matchAll(WORD)].map((m) => ({ word: m[0].toLocaleLowerCase('nb'), start: m.index, end: m.index + m[0].length }));
}

/** The words of a text, lower-case; a hyphenated word stays whole ("pin-kode"). */
export function searchWords(text: string): string[] {
  return wordSpans(text).map((span) => span.word);
}

/** A word or phrase without spaces, hyphens and apostrophes: "hjemme-pc", "hjemme pc" and "hjemmepc" are one. */
export const compact = (text: string) => searchWords(text).join('').replace(/[-']/g, '');

/** The longest synonym key, in words: the search looks no further ahead. */
export const MAX_SYNONYM_WORDS = 3;

/**
 * Endings that make another form of a word the guide has (kode → koden, koder; key → keys).
 * Such a form is a word the guide has: Pagefind's stemming finds it, and it is no slip.
 */
const ENDINGS = ['s', 'e', 'a', 'n', 'r', 'en', 'et', 'er', 'ar', 'ne', 'es', 'ed', 'ene', 'ane', 'ing', 'ens', 'ets', "'s"];

/** Whether `words` has this word, another form of it, or a word it starts (the reader is still typing). */
function knownIn(word: string, words: ReadonlySet<string>, sorted: readonly string[]): boolean {
  if (words.has(word)) return true;
  if (word.includes('-') && word.split('-').every((part) => words.has(part))) return true;
  for (const ending of ENDINGS) {
    if (word.length > ending.length + 2 && word.endsWith(ending) && words.has(word.slice(0, -ending.length))) return true;
  }
  if (word.length < 3) return false;
  // The first word not before `word` in sorted order is the one it would start.
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < word) low = middle + 1;
    else high = middle;
  }
  return sorted[low]?.startsWith(word) ?? false;
}

/** What planning needs of a vocabulary, worked out once per vocabulary. */
interface Prepared {
  /** The words a reader may mean (the guide's, the synonyms' keys, the ignored words), and the keys written compact: words that need no correction. */
  known: Set<string>;
  /** The words a reader may mean, sorted: the candidates for a correction. */
  sorted: string[];
  frequency: Map<string, number>;
  synonyms: Map<string, string>;
  ignore: Set<string>;
}
const preparedCache = new WeakMap<Vocabulary, Prepared>();
function prepare(vocabulary: Vocabulary): Prepared {
  let prepared = preparedCache.get(vocabulary);
  if (prepared) return prepared;
  const frequency = new Map(Object.entries(vocabulary.words));
  const words = new Set(frequency.keys());
  // Readers' words are words too: a slip in one is corrected to it ("fjerntilgnag"), and a
  // slip in an ignored word is not searched for ("hvordna").
  for (const [, , written] of vocabulary.synonyms) {
    for (const word of searchWords(written)) [word, ...(word.includes('-') ? word.split('-') : [])].forEach((w) => words.add(w));
  }
  for (const word of vocabulary.ignore) words.add(word);
  prepared = {
    known: new Set([...words, ...vocabulary.synonyms.map(([key]) => key)]),
    sorted: [...words].sort(),
    frequency,
    synonyms: new Map(vocabulary.synonyms.map(([key, target]) => [key, target])),
    ignore: new Set(vocabulary.ignore),
  };
  preparedCache.set(vocabulary, prepared);
  return prepared;
}

/** The Norwegian letters readers without a Norwegian keyboard type otherwise. */
const FOLDS: Record<string, string[]> = { ø: ['o'], å: ['a'], æ: ['a', 'e'] };
const fold = (word: string) => word.replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/æ/g, 'ae');

/** Keys next to each other on a Norwegian keyboard (and an English one, which differs only in the last keys). */
const ROWS = ['1234567890', 'qwertyuiopå', 'asdfghjkløæ', 'zxcvbnm'];
const KEY = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((key, c) => KEY.set(key, [r, c])));
function neighbours(a: string, b: string): boolean {
  const pa = KEY.get(a);
  const pb = KEY.get(b);
  if (!pa || !pb) return false;
  const rows = Math.abs(pa[0] - pb[0]);
  const columns = Math.abs(pa[1] - pb[1]);
  return (rows === 0 && columns === 1) || (rows === 1 && columns <= 1);
}

/** What each slip costs; a plain edit costs 1. */
export const SLIP = {
  /** The reader left out a letter the word has (smartkrt). */
  dropped: 0.6,
  /** Two neighbouring letters typed the other way round (fødselsnumemr). */
  swapped: 0.6,
  /** A letter typed twice (kortlesser). */
  doubled: 0.4,
  /** A key next to the right one (kortlwser). */
  neighbour: 0.8,
  /** o for ø, a for å, a or e for æ. */
  folded: 0.3,
} as const;

/**
 * The cost of the slips that turn `word` (in the guide) into `typed`: an edit distance
 * (insertions, deletions, substitutions, adjacent swaps) with the common slips cheaper.
 */
export function slipCost(typed: string, word: string): number {
  if (typed === word) return 0;
  // "fodselsnummer" or "foedselsnummer" for "fødselsnummer": one slip, however many letters.
  if (fold(typed) === fold(word) || typed === word.replace(/[øåæ]/g, (l) => FOLDS[l]![0]!)) return SLIP.folded;
  const a = [...typed];
  const b = [...word];
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array(rows * columns).fill(0);
  const at = (i: number, j: number) => d[i * columns + j]!;
  for (let i = 0; i < rows; i++) d[i * columns] = i;
  for (let j = 0; j < columns; j++) d[j] = j * SLIP.dropped;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const extra = i >= 2 && a[i - 2] === x ? SLIP.doubled : 1;
      const substitution = x === y ? 0 : FOLDS[y]?.includes(x) ? SLIP.folded : neighbours(x, y) ? SLIP.neighbour : 1;
      let best = Math.min(at(i - 1, j) + extra, at(i, j - 1) + SLIP.dropped, at(i - 1, j - 1) + substitution);
      if (i >= 2 && j >= 2 && x === b[j - 2] && a[i - 2] === y) best = Math.min(best, at(i - 2, j - 2) + SLIP.swapped);
      d[i * columns + j] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

/** How much slip a word of this many letters may have: none for short words, where every word is near another. */
export function allowedSlip(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 0.8;
  if (length <= 8) return 1.2;
  return 1.6;
}

/** The word of `candidates` a typed word most likely meant, or undefined when none is near enough. */
export function correction(typed: string, candidates: Iterable<string>, frequency: ReadonlyMap<string, number> = new Map()): string | undefined {
  // A number is what the reader means it to be: a year, a code, a phone number.
  if (!/\p{L}/u.test(typed)) return undefined;
  const allowed = allowedSlip([...typed].length);
  if (allowed === 0) return undefined;
  let best: string | undefined;
  let bestCost = Infinity;
  const often = (word: string | undefined) => (word === undefined ? -1 : (frequency.get(word) ?? 0));
  for (const word of candidates) {
    if (Math.abs(word.length - typed.length) > 2 || word === typed) continue;
    const cost = slipCost(typed, word);
    if (cost > allowed) continue;
    const better = cost < bestCost || (cost === bestCost && (often(word) > often(best) || (often(word) === often(best) && word < best!)));
    if (better) {
      best = word;
      bestCost = cost;
    }
  }
  return best;
}

/** The longest run of words, from `start`, that is a synonym's key (or another form of it): its length and the target. */
function synonymAt(words: readonly string[], start: number, synonyms: ReadonlyMap<string, string>): [number, string] | undefined {
  for (let length = Math.min(MAX_SYNONYM_WORDS, words.length - start); length >= 1; length--) {
    const joined = compact(words.slice(start, start + length).join(' '));
    let target = synonyms.get(joined);
    for (const ending of ENDINGS) {
      if (target === undefined && joined.endsWith(ending)) target = synonyms.get(joined.slice(0, -ending.length));
    }
    if (target !== undefined) return [length, target];
  }
  return undefined;
}

/** At most this many words are searched: a pasted error message is not a query of 19 words. */
export const MAX_TERMS = 8;

/**
 * What to search for, for the words of a query: first each slip is corrected (to a word of
 * the guide, of a synonym's key, or an ignored word), then synonyms are replaced and ignored
 * words left out, so a corrected word counts as what it was meant to be.
 */
export function planQuery(query: string, vocabulary: Vocabulary, options: PlanOptions = {}): QueryPlan {
  const { synonyms: useSynonyms = true, ignore: useIgnore = true, typos = true } = options;
  const prepared = prepare(vocabulary);
  const synonyms = useSynonyms ? prepared.synonyms : new Map<string, string>();
  const ignore = useIgnore ? prepared.ignore : new Set<string>();
  const spans = wordSpans(query);
  const corrections: [string, string][] = [];
  const words = spans.map(({ word }) => {
    if (!typos || knownIn(word, prepared.known, prepared.sorted)) return word;
    const fixed = correction(word, prepared.sorted, prepared.frequency);
    if (fixed === undefined) return word;
    corrections.push([word, fixed]);
    return fixed;
  });

  const terms: string[] = [];
  const add = (word: string) => {
    if (!terms.includes(word)) terms.push(word);
  };
  for (let i = 0; i < words.length; i++) {
    const synonym = synonymAt(words, i, synonyms);
    if (synonym) {
      searchWords(synonym[1]).forEach(add);
      i += synonym[0] - 1;
    } else if (!ignore.has(words[i]!)) {
      add(words[i]!);
    }
  }
  // A query of nothing but ignored words is still what the reader asked for.
  if (terms.length === 0) words.forEach(add);
  terms.splice(MAX_TERMS);

  if (corrections.length === 0) return { terms, corrections };
  // The query as typed, each corrected word replaced where it stands.
  const text = normal(query);
  let corrected = '';
  let at = 0;
  spans.forEach((span, i) => {
    if (words[i] === span.word) return;
    corrected += text.slice(at, span.start) + words[i]!;
    at = span.end;
  });
  corrected += text.slice(at);
  return { terms, corrections, corrected: corrected.trim() };
}

/** Where the search page finds a language's vocabulary, under the search index's folder. */
export const vocabularyFile = (locale: string) => `vocabulary.${locale}.json`;
