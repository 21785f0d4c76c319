import type { Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { remarkFirstScreenshot } from '../../src/lib/remark-first-screenshot.ts';

/** The screenshots of an MDX page in reading order, and whether the build marked each as the first. */
function marked(mdx: string): string[] {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkFirstScreenshot);
  const tree = processor.runSync(processor.parse(mdx)) as Root;
  const found: string[] = [];
  visit(tree, 'mdxJsxFlowElement', (node: MdxJsxFlowElement) => {
    if (node.name !== 'Screenshot') return;
    const src = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'src')?.value;
    const first = node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'first');
    found.push(`${String(src)}${first ? ' first' : ''}`);
  });
  return found;
}

describe('the first screenshot of a page', () => {
  test('is the first one in reading order, even inside a callout before a step', () => {
    const mdx = [
      '<Callout type="tip">',
      '  <Screenshot src="a" />',
      '</Callout>',
      '',
      '<Steps>',
      '  <Step title="Velg">',
      '    <Screenshot src="b" />',
      '  </Step>',
      '</Steps>',
      '',
      '<Screenshot src="c" />',
    ].join('\n');
    expect(marked(mdx)).toEqual(['a first', 'b', 'c']);
  });

  test('a page without screenshots is left as it is', () => {
    expect(marked('# Tittel\n\nBare tekst.')).toEqual([]);
  });
});
