/**
 * Typographic punctuation in the pages' text (src/guide/typography.ts), through the plugin
 * list Astro compiles the pages with: what a reader sees in each language.
 */
import { createProcessor } from '@mdx-js/mdx';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { astroRemarkPlugins } from '../../src/guide/plugins.ts';

const trees = new WeakMap<VFile, Root>();
const keepTree = () => (tree: Root, file: VFile) => void trees.set(file, tree);
const processor = createProcessor({ format: 'mdx', jsxImportSource: 'astro', elementAttributeNameCase: 'html', remarkPlugins: [...astroRemarkPlugins, keepTree] });

/** The text a reader of `locale` sees for this MDX, and the tree it came from. */
async function shown(mdx: string, locale: 'nb' | 'nn' | 'en') {
  const file = new VFile({ path: `/site/src/content/guides/${locale}/side.mdx`, value: mdx });
  await processor.process(file);
  const tree = trees.get(file)!;
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

  it('leaves inline code and attribute values as written', async () => {
    const { text, tree } = await shown('Type `it\'s "ok"` then <Label translation="Don\'t">Ikke</Label> "now".', 'en');
    expect(text).toBe('Type it\'s "ok" then Ikke “now”.');
    expect(JSON.stringify(tree)).toContain('"value":"Don\'t"');
  });

  it('starts afresh in each paragraph and heading', async () => {
    expect((await shown('## "Heading"\n\n"Paragraph" and \'more\'', 'nb')).text).toBe('«Heading»«Paragraph» and ‘more’');
  });
});
