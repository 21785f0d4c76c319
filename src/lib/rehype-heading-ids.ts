import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { slugify } from './steps.ts';

const headings = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Gives markdown headings ASCII ids made the same way as step ids
 * ("Får du ikke varsel?" → `far-du-ikke-varsel`), so a link to a section is easy to
 * type and the same rules apply everywhere. Runs before Astro's own heading ids,
 * which keep an id that is already there.
 */
export function rehypeHeadingIds() {
  return (tree: Root) => {
    const taken = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (!headings.has(node.tagName)) return;
      if (typeof node.properties.id === 'string') {
        taken.add(node.properties.id);
        return;
      }
      const base = slugify(toString(node)) || 'seksjon';
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      node.properties.id = id;
    });
  };
}
