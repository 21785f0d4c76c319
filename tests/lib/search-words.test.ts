/**
 * How a reader's query is read before it is searched: slips corrected against the guide's
 * words, readers' own words replaced by the guide's, words that carry no meaning left out.
 */
import { describe, expect, it } from 'vitest';
import { allowedSlip, correction, planQuery, searchWords, slipCost, SLIP, type Vocabulary } from '../../src/lib/search/words.ts';

const words = Object.fromEntries(
  ['sikkerhetskode', 'sikkerhetsnøkkel', 'fødselsnummer', 'smartkort', 'smartkortet', 'kortleser', 'kode', 'koden', 'pin-kode', 'pin', 'privat', 'pc', 'ekstern', 'portal', 'bankid', 'sms', 'kommer', 'mobil', 'egen', 'smartkort-leser'].map((w) => [w, 3]),
);
const vocabulary: Vocabulary = {
  words,
  synonyms: [
    ['fjerntilgang', 'ekstern portal', 'fjerntilgang'],
    ['hjemmepc', 'privat pc', 'hjemme-pc'],
    ['egenpc', 'privat pc', 'egen pc'],
  ],
  ignore: ['hva', 'hvordan', 'gjør', 'jeg', 'når', 'ikke', "don't"],
};

describe('slips', () => {
  it('costs less for the slips readers make than for any other change', () => {
    expect(slipCost('smartkrt', 'smartkort')).toBe(SLIP.dropped);
    expect(slipCost('fødselsnumemr', 'fødselsnummer')).toBe(SLIP.swapped);
    expect(slipCost('kortlesser', 'kortleser')).toBe(SLIP.doubled);
    expect(slipCost('fodselsnummer', 'fødselsnummer')).toBe(SLIP.folded);
    expect(slipCost('foedselsnummer', 'fødselsnummer')).toBe(SLIP.folded);
    expect(slipCost('kortlwser', 'kortleser')).toBe(SLIP.neighbour);
    expect(slipCost('kortlpser', 'kortleser')).toBe(1);
  });

  it('allows no slip in short words, where every word is near another', () => {
    expect(allowedSlip(3)).toBe(0);
    expect(correction('pim', Object.keys(words))).toBeUndefined();
    expect(correction('bankdi', Object.keys(words))).toBe('bankid');
  });

  it('picks the word the slip explains best, and nothing when none is near', () => {
    expect(correction('sikkerhetskde', Object.keys(words))).toBe('sikkerhetskode');
    expect(correction('sikkerhetsnøkel', Object.keys(words))).toBe('sikkerhetsnøkkel');
    expect(correction('xylofonundervisning', Object.keys(words))).toBeUndefined();
  });
});

describe('a query, planned', () => {
  it('corrects a word the guide does not have, and says what it searched for', () => {
    expect(planQuery('sikkerhetskde', vocabulary)).toEqual({
      terms: ['sikkerhetskode'],
      corrections: [['sikkerhetskde', 'sikkerhetskode']],
      corrected: 'sikkerhetskode',
    });
    expect(planQuery('Smartkrt PIN', vocabulary).corrected).toBe('smartkort PIN');
  });

  it('leaves words the guide has alone: other forms of them, and words still being typed', () => {
    for (const query of ['koden', 'smartkortene', 'sikkerhetsk', 'PIN-koden', 'kortleseren']) {
      expect(planQuery(query, vocabulary).corrections, query).toEqual([]);
    }
  });

  it('shows the correction in the query as typed, word for word', () => {
    expect(planQuery('Smartkrt smartkrt-leser?', vocabulary).corrected).toBe('smartkort smartkort-leser?');
    expect(planQuery('«smartkrt»', vocabulary).corrected).toBe('«smartkort»');
  });

  it('never corrects a number', () => {
    expect(planQuery('2019', { ...vocabulary, words: { ...words, '2010': 1 } }).corrections).toEqual([]);
  });

  it('takes a corrected word for what it was meant to be: a synonym, or a word to ignore', () => {
    expect(planQuery('egne pc', vocabulary).terms).toEqual(['privat', 'pc']);
    expect(planQuery('hvordna kortleser', vocabulary).terms).toEqual(['kortleser']);
    // A reader's word written compact is no slip.
    expect(planQuery('hjemmepc', vocabulary).corrections).toEqual([]);
  });

  it('reads a curly apostrophe as a straight one', () => {
    expect(planQuery('I don’t have kortleser', vocabulary).terms).toEqual(['i', 'have', 'kortleser']);
  });

  it('searches at most a few words of a pasted text', () => {
    expect(planQuery('a b c d e f g h i j k l m n', vocabulary).terms).toHaveLength(8);
  });

  it('knows no built-in names as words', () => {
    expect(planQuery('constructor', vocabulary).terms).toEqual(['constructor']);
    expect(planQuery('constructor', vocabulary).corrections).toEqual([]);
  });

  it('does not correct when asked for the words as typed', () => {
    expect(planQuery('sikkerhetskde', vocabulary, { typos: false })).toEqual({ terms: ['sikkerhetskde'], corrections: [] });
  });

  it('replaces readers\' words with the guide\'s, however they are written', () => {
    for (const query of ['hjemme-pc', 'hjemme pc', 'hjemmepc', 'Hjemme-PC']) expect(planQuery(query, vocabulary).terms, query).toEqual(['privat', 'pc']);
    expect(planQuery('fjerntilgangen', vocabulary).terms).toEqual(['ekstern', 'portal']);
    // A slip in a reader's word is corrected to it, and it to the guide's words.
    expect(planQuery('fjerntilgnag', vocabulary).terms).toEqual(['ekstern', 'portal']);
  });

  it('leaves out the words that carry no meaning, unless nothing else is left', () => {
    expect(planQuery('hva gjør jeg når koden ikke kommer', vocabulary).terms).toEqual(['koden', 'kommer']);
    expect(planQuery('hva gjør jeg', vocabulary).terms).toEqual(['hva', 'gjør', 'jeg']);
  });

  it('reads words the same way as the index is read', () => {
    expect(searchWords('PIN-koden på «Fortsett»: 1234')).toEqual(['pin-koden', 'på', 'fortsett', '1234']);
  });
});
