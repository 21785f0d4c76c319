import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { EXIT, visit } from 'unist-util-visit';

/**
 * Marks the first <Screenshot> of an MDX page, in reading order, with the prop `first`: it
 * loads with the page, later ones when scrolled to. Decided here rather than while
 * rendering, where a screenshot inside a <Callout> starts after one that follows it.
 */
export function remarkFirstScreenshot() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as MdxJsxFlowElement | MdxJsxTextElement;
      if (element.name !== 'Screenshot') return;
      if (!element.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'first')) {
        element.attributes.push({ type: 'mdxJsxAttribute', name: 'first', value: null });
      }
      return EXIT;
    });
  };
}
