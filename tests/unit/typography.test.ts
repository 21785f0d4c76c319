/**
 * Typographic punctuation in the pages' text (src/guide/typography.ts), through the plugin
 * list Astro compiles the pages with: what a reader sees in each language.
 */
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { astroRemarkPlugins } from '../../src/guide/plugins.ts';
import { typesetText } from '../../src/guide/typography.ts';
import { pageCompiler } from '../support/compile-page.ts';

const compilePage = pageCompiler(astroRemarkPlugins);

/** The text a reader of `locale` sees for this MDX, and the tree it came from. */
async function shown(mdx: string, locale: 'nb' | 'nn' | 'en') {
  const { tree } = await compilePage(mdx, locale);
  return { text: toString(tree), tree };
}

describe('quotes, apostrophes, dashes and ellipses in the page’s language', () => {
  it.each([
    ['nb', 'Trykk på "Logg inn" og skriv \'kode\'.', 'Trykk på «Logg inn» og skriv ‘kode’.'],
    ['nn', 'Vel "Buypass ID"-knappen.', 'Vel «Buypass ID»-knappen.'],
    ['en', 'Click "Sign in". You\'re done, it didn\'t take long.', 'Click “Sign in”. You’re done, it didn’t take long.'],
    ['en', 'The users\' PCs from the \'90s.', 'The users’ PCs from the ’90s.'],
    ['en', 'He said "\'Quoted\' words".', 'He said “‘Quoted’ words”.'],
    ['en', 'Wait... then -- or --- not.', 'Wait… then – or — not.'],
  ] as const)('%s: %s', async (locale, mdx, expected) => {
    expect((await shown(mdx, locale)).text).toBe(expected);
  });

  it('pairs quotes around bold text and links', async () => {
    expect((await shown('Press **"Continue"** and "[Help](/en/feilsoking/)".', 'en')).text).toBe('Press “Continue” and “Help”.');
  });

  it('leaves inline code as written, and counts it as a word', async () => {
    const { text } = await shown('Type `it\'s "ok"` then <Label translation="Now">Nå</Label> "now" `x`\'s.', 'en');
    expect(text).toBe('Type it\'s "ok" then Nå “now” x’s.');
  });

  it('starts afresh in each paragraph and heading', async () => {
    expect((await shown('## "Heading"\n\n"Paragraph" and \'more\'', 'nb')).text).toBe('«Heading»«Paragraph» and ‘more’');
  });
});

describe('the text components show from their props', () => {
  it('sets a step’s and a callout’s title, a label’s translation, a screenshot’s alt text and caption', async () => {
    const mdx = [
      '<Steps>',
      '<Step title="Don\'t press &quot;Cancel&quot;">',
      'Click <Label translation="Don\'t save">Ikke lagre</Label>.',
      '</Step>',
      '</Steps>',
      '',
      '<Callout type="tip" title="It\'s fine">Text.</Callout>',
      '',
      '<Screenshot src="velg-buypass-id" alt="The user\'s choice" caption="Choose \'Buypass\'" />',
    ].join('\n');
    const values = JSON.stringify((await shown(mdx, 'en')).tree);
    for (const expected of ['Don’t press “Cancel”', 'Don’t save', 'It’s fine', 'The user’s choice', 'Choose ‘Buypass’']) expect(values).toContain(`"value":"${expected}"`);
  });
});

describe('typesetText (the screenshots’ alt texts and region labels)', () => {
  it('sets a label in its language, and changes nothing the second time', () => {
    const en = typesetText('"Identifisering hos" and your service\'s name -- not the test\'s', 'en');
    expect(en).toBe('“Identifisering hos” and your service’s name – not the test’s');
    expect(typesetText(en, 'en')).toBe(en);
    expect(typesetText('Knappen "Fortsett"', 'nn')).toBe('Knappen «Fortsett»');
  });
});
