/**
 * Each language's vocabulary is read from the built index, and the editors' synonyms are
 * held to it: a target the guide does not have is a mistake at its line, except in the site
 * of a trust without the method whose page has it, where the synonym is left out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeVocabularies } from '../../src/lib/search/vocabulary.ts';
import type { Vocabulary } from '../../src/lib/search/words.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project with one Bokmål search words file and a site index of the given page texts. */
function project(words: string, pages: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'search-words-'));
  made.push(root);
  mkdirSync(join(root, 'src/search'), { recursive: true });
  writeFileSync(join(root, 'src/search/nb.yaml'), words);
  const pagefind = join(root, 'dist/pagefind');
  mkdirSync(join(pagefind, 'fragment'), { recursive: true });
  pages.forEach((content, i) => {
    const json = JSON.stringify({ url: `/side-${i}/`, content, word_count: 0, filters: {}, meta: {}, anchors: [] });
    writeFileSync(join(pagefind, 'fragment', `nb_${i}.pf_fragment`), gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(json)])));
  });
  return { root, pagefind };
}

const words = 'synonyms:\n  fjerntilgang: ekstern portal\n  usb-pinne: sikkerhetsnøkkel\nignore: [hva]\n';

describe('vocabularies', () => {
  it('holds every word of the index, the synonyms and the ignored words', () => {
    const { root, pagefind } = project(words, ['Logg inn via ekstern portal med PIN-kode.', 'Sett inn sikkerhetsnøkkel.']);
    const result = writeVocabularies(root, pagefind);
    expect(result.problems).toEqual([]);
    const vocabulary = JSON.parse(readFileSync(join(pagefind, 'vocabulary.nb.json'), 'utf8')) as Vocabulary;
    expect(Object.keys(vocabulary.words)).toEqual(expect.arrayContaining(['logg', 'ekstern', 'portal', 'pin-kode', 'pin', 'kode', 'sikkerhetsnøkkel']));
    expect(vocabulary.synonyms).toEqual([
      ['fjerntilgang', 'ekstern portal', 'fjerntilgang'],
      ['usbpinne', 'sikkerhetsnøkkel', 'usb-pinne'],
    ]);
    expect(vocabulary.ignore).toEqual(['hva']);
  });

  it('refuses a synonym that leads to words the guide does not have, at its line', () => {
    const { root, pagefind } = project(words, ['Logg inn via ekstern portal.']);
    const [problem, ...rest] = writeVocabularies(root, pagefind).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: 'src/search/nb.yaml', line: 3, column: 14, rule: 'search/target', severity: 'error' });
    expect(problem!.message).toContain('"usb-pinne" leads to "sikkerhetsnøkkel", but the Norsk bokmål guide has no "sikkerhetsnøkkel"');
  });

  it('refuses a synonym that would hide a word the guide uses', () => {
    const { root, pagefind } = project('synonyms:\n  portal: ekstern\n', ['Logg inn via ekstern portal.']);
    const [problem] = writeVocabularies(root, pagefind).problems;
    expect(problem).toMatchObject({ line: 2, column: 3, rule: 'search/shadow' });
  });

  it('leaves such a synonym out of the site of a trust without every method', () => {
    const { root, pagefind } = project(words, ['Logg inn via ekstern portal.']);
    const result = writeVocabularies(root, pagefind, false);
    expect(result.problems).toEqual([]);
    expect(result.dropped).toEqual(['nb: usb-pinne']);
    const vocabulary = JSON.parse(readFileSync(join(pagefind, 'vocabulary.nb.json'), 'utf8')) as Vocabulary;
    expect(vocabulary.synonyms).toEqual([['fjerntilgang', 'ekstern portal', 'fjerntilgang']]);
  });
});
