import { describe, expect, test } from 'vitest';
import { closestMatch, didYouMean } from '../../src/lib/suggest.ts';

const regions = ['app', 'smartkort', 'passord-sms', 'nokkel', 'fortsett'];

describe('closestMatch: "did you mean" for a misspelt name', () => {
  test('a typo finds the name it was meant to be', () => {
    expect(closestMatch('smartkrot', regions)).toBe('smartkort');
    expect(closestMatch('passord-sm', regions)).toBe('passord-sms');
  });

  test('case does not matter, and the candidate is returned as written', () => {
    expect(closestMatch('FORTSET', regions)).toBe('fortsett');
  });

  test('a name unlike every candidate gets no suggestion', () => {
    expect(closestMatch('sikkerhetskode', regions)).toBeUndefined();
  });

  test('no candidates, no suggestion', () => {
    expect(closestMatch('app', [])).toBeUndefined();
  });

  test('didYouMean writes the suggestion as a clause, or nothing', () => {
    expect(didYouMean('nøkkel', regions)).toBe(' (did you mean "nokkel"?)');
    expect(didYouMean('sikkerhetskode', regions)).toBe('');
  });
});
