/**
 * Typographic punctuation in a guide page's text, in the page's own language: apostrophes
 * (didn’t, portal’s), quotation marks («Logg inn» in Bokmål and Nynorsk, “Sign in” in
 * English, ‘…’ inside them), dashes (-- and ---) and ellipses (...).
 *
 * One pass over the page's text nodes, each quote decided by the characters around it in
 * the page's running text, so that a quote before a link or a bold word pairs with the one
 * after it. Inline code is never changed, and counts as a word; a paragraph, heading or
 * table cell starts afresh. The text a component shows from its props (a step's or a
 * callout's title, a label's translation, a screenshot's alt text and caption) is set the
 * same way, each value on its own; `<Screenshot>` sets the alt texts and region labels of
 * src/content/screenshots/ with typesetText.
 */
import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Locale } from '../i18n/locales.ts';
import { localeOfFile } from './routing.ts';

/** Opening and closing double quotes, then single quotes, per language (Språkrådet's rules for nb and nn). */
const QUOTES: Record<Locale, readonly [string, string, string, string]> = {
  nb: ['«', '»', '‘', '’'],
  nn: ['«', '»', '‘', '’'],
  en: ['“', '”', '‘', '’'],
};

const WORD = /[\p{L}\p{N}]/u;
/**
 * Characters after which a quote opens: the start of text, a space, an opening bracket, a
 * dash or slash, or another quote (`"'Logg inn' …"`; a closing pair is followed by a space).
 */
const BEFORE_OPENING = /[\s([{«“‘"'\-–—/]/u;
/** `'80s`: an apostrophe for left-out digits, not an opening quote. */
const DECADE = /^\d\ds(?![\p{L}\p{N}])/u;

/** Whether the quote at `at` in `text` opens (rather than closes, or stands for left-out letters). */
function opens(text: string, at: number): boolean {
  const before = at > 0 ? text[at - 1]! : ' ';
  const after = text[at + 1];
  if (after === undefined || /\s/u.test(after)) return false;
  if (text[at] === "'" && (WORD.test(before) || DECADE.test(text.slice(at + 1, at + 5)))) return false;
  return BEFORE_OPENING.test(before);
}

/** A text node's value with its quotes, dashes and ellipses set; `from` is where it starts in the running text. */
function typeset(value: string, running: string, from: number, quotes: readonly string[]): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '"' || char === "'") {
      const open = opens(running, from + i);
      out += quotes[(char === '"' ? 0 : 2) + (open ? 0 : 1)];
    } else if (char === '-' && value[i + 1] === '-') {
      const em = value[i + 2] === '-';
      out += em ? '—' : '–';
      i += em ? 2 : 1;
    } else if (char === '.' && value.startsWith('..', i + 1)) {
      out += '…';
      i += 2;
    } else {
      out += char;
    }
  }
  return out;
}

/** `text` set for readers of `locale`, as one piece of running text. Setting it twice changes nothing more. */
export function typesetText(text: string, locale: Locale): string {
  return /["'.-]/.test(text) ? typeset(text, text, 0, QUOTES[locale]) : text;
}

/** The props whose values readers see as text, per component. */
const TEXT_PROPS: Record<string, readonly string[]> = {
  Step: ['title'],
  Callout: ['title'],
  Label: ['translation'],
  Screenshot: ['alt', 'caption'],
};

export function remarkTypography() {
  return (tree: Root, file: VFile) => {
    const locale = file.path ? localeOfFile(file.path) : 'nb';
    const quotes = QUOTES[locale];
    const texts: { node: Text; from: number }[] = [];
    let running = '';
    visit(tree, (node) => {
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') running += ' ';
      else if (node.type === 'text') {
        texts.push({ node, from: running.length });
        running += node.value;
      } else if (node.type === 'inlineCode') running += 'A'.repeat(Math.max(1, node.value.length));
      else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const shown = node.name ? TEXT_PROPS[node.name] : undefined;
        for (const attribute of shown ? node.attributes : []) {
          if (attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string' && shown!.includes(attribute.name)) {
            attribute.value = typesetText(attribute.value, locale);
          }
        }
      }
    });
    for (const { node, from } of texts) {
      if (/["'.-]/.test(node.value)) node.value = typeset(node.value, running, from, quotes);
    }
  };
}
