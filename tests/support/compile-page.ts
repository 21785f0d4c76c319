/**
 * A guide page compiled as Astro's MDX integration compiles it (MDX format, Astro's JSX,
 * HTML attribute names) with the given remark plugins, keeping the syntax tree they leave.
 */
import { createProcessor } from '@mdx-js/mdx';
import type { Root } from 'mdast';
import type { PluggableList } from 'unified';
import { VFile } from 'vfile';

/** A compiler of MDX written in a locale, in a project at `root`: the file (with its messages) and the tree the plugins left. */
export function pageCompiler(remarkPlugins: PluggableList) {
  const trees = new WeakMap<VFile, Root>();
  const keepTree = () => (tree: Root, file: VFile) => void trees.set(file, tree);
  const processor = createProcessor({ format: 'mdx', jsxImportSource: 'astro', elementAttributeNameCase: 'html', remarkPlugins: [...remarkPlugins, keepTree] });
  return async (mdx: string, locale = 'nb', root = '/site') => {
    const file = new VFile({ path: `${root}/src/content/guides/${locale}/side.mdx`, value: mdx });
    await processor.process(file);
    return { file, tree: trees.get(file)! };
  };
}
