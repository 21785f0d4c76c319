/**
 * The search words (src/search/<locale>.yaml) of the project copy that builds the
 * synthetic guide. The project's synonyms lead to words of the real guide, and the build
 * refuses a synonym whose words the guide does not have (search/target) or whose key is a
 * word the guide uses (search/shadow). The synthetic guide has other words, so its copy
 * keeps the synonyms that hold for it: every target word in the generated pages, the key
 * not one of their words. The words are read from what a reader sees of each page (its
 * title and text, not image addresses or link targets), with the project's own word
 * splitting, so what is kept is what the build's check accepts.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locales, type Locale } from '../../../src/i18n/locales.ts';
import { readSearchWords, SEARCH_WORDS_DIR, type SearchWordsFile } from '../../../src/lib/search/vocabulary.ts';
import { searchWords } from '../../../src/lib/search/words.ts';
import type { GeneratedPage } from './content.ts';

/** The project's search words files as they were copied, before any generated page replaced the guide. */
export type OriginalSearchWords = Partial<Record<Locale, SearchWordsFile>>;

export function readOriginalSearchWords(projectDir: string): OriginalSearchWords {
  const files: OriginalSearchWords = {};
  for (const locale of locales) {
    if (!existsSync(join(projectDir, SEARCH_WORDS_DIR, `${locale}.yaml`))) continue;
    const problems: Parameters<typeof readSearchWords>[2] = [];
    files[locale] = readSearchWords(projectDir, locale, problems);
  }
  return files;
}

/** What a reader sees of a generated page: its title and text, without image addresses, link targets or syntax. */
export function visibleText(page: GeneratedPage): string {
  const title = /^title: (".*")$/m.exec(page.markdown)?.[1];
  const body = page.markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/:::[a-z]+\[/g, '[');
  return `${title ? (JSON.parse(title) as string) : ''}\n${body}`;
}

/** A locale's words, as the search index counts them: hyphenated words and their parts. */
export function wordsOf(texts: string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of searchWords(text)) {
      words.add(word);
      if (word.includes('-')) for (const part of word.split('-')) words.add(part);
    }
  }
  return words;
}

/** A search words file with the synonyms that hold for `words`, and every word to ignore. */
export function searchWordsFor(file: SearchWordsFile, words: Set<string>): string {
  const kept = file.synonyms.filter(({ key, target }) => {
    const keyWords = searchWords(key);
    const shadows = keyWords.length === 1 && words.has(keyWords[0]!);
    return !shadows && searchWords(target).every((word) => words.has(word));
  });
  const lines = [
    '# The project’s search words, with the synonyms whose words the generated guide has (scripts/lib/bench/search-words.ts).',
    kept.length > 0 ? 'synonyms:' : 'synonyms: {}',
    ...kept.map(({ key, target }) => `  ${JSON.stringify(key)}: ${JSON.stringify(target)}`),
    `ignore: [${file.ignore.map(({ word }) => JSON.stringify(word)).join(', ')}]`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes the copy's search words files for the generated pages. */
export function writeSearchWords(projectDir: string, original: OriginalSearchWords, pages: GeneratedPage[]): void {
  for (const locale of locales) {
    const file = original[locale];
    if (!file) continue;
    const words = wordsOf(pages.filter((p) => p.locale === locale).map(visibleText));
    writeFileSync(join(projectDir, SEARCH_WORDS_DIR, `${locale}.yaml`), searchWordsFor(file, words));
  }
}
