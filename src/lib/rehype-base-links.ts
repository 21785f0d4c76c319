import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Editors write internal links as site paths (`/en/bankid/`). When the site is
 * published under a sub-path (`base: '/veiledning/'`), those links get the prefix here.
 */
export function rehypeBaseLinks(options: { base: string }) {
  const prefix = options.base.replace(/\/$/, '');
  return (tree: Root) => {
    if (prefix === '') return;
    visit(tree, 'element', (node: Element) => {
      const href = node.properties?.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('/') && !href.startsWith('//')) {
        node.properties.href = `${prefix}${href}`;
      }
    });
  };
}
