/**
 * A page's frontmatter as Astro finds it: Astro's own function (the one its MDX compile and
 * content loader use), so the checks read exactly the text the build reads, and blank it
 * out the same way before the page's MDX is compiled.
 */
import { extractFrontmatter, parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';

export interface Frontmatter {
  /** The YAML between the fences. */
  yaml: string;
  /** Where it starts in the file. */
  offset: number;
  /** The fence: the guide's frontmatter is YAML between --- lines; +++ (TOML) is refused. */
  fence: '---' | '+++';
  /** The file's text with the frontmatter and its fences as spaces, line breaks kept. */
  body: string;
}

/** The frontmatter of a page, or undefined when it has none. */
export function readFrontmatter(text: string): Frontmatter | undefined {
  const yaml = extractFrontmatter(text);
  if (yaml === undefined) return undefined;
  const fence = /^\uFEFF?\s*(---|\+\+\+)/.exec(text)?.[1] === '+++' ? '+++' : '---';
  const whole = `${fence}${yaml}${fence}`;
  const start = text.indexOf(whole);
  // Blanked as Astro's parseFrontmatter({ frontmatter: 'empty-with-spaces' }) does.
  const body = `${text.slice(0, start)}   ${yaml.replace(/[^\r\n]/g, ' ')}   ${text.slice(start + whole.length)}`;
  return { yaml, offset: start + fence.length, fence, body };
}

/**
 * The frontmatter's values as the content loader reads them (Astro's parser: an unquoted
 * 2026-11-25 is a date, a quoted one text). Call it only on frontmatter already read whole
 * (no syntax error, no alias); undefined when Astro's parser refuses it anyway.
 */
export function frontmatterValues(text: string): Record<string, unknown> | undefined {
  try {
    return parseFrontmatter(text, { frontmatter: 'preserve' }).frontmatter;
  } catch {
    return undefined;
  }
}
