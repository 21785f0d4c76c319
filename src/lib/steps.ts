/** Marks the place where Steps writes a step's number; Step renders it empty. */
export const STEP_NUMBER_MARKER = '<span class="step-number" data-step-number></span>';

/**
 * Numbers the steps in the rendered HTML of a <Steps> list: every marker left by a
 * <Step> gets its position, with a visually hidden prefix ("Steg 2") for screen
 * readers. Nested lists are numbered before their parent renders, so only this
 * list's markers remain.
 */
export function numberSteps(html: string, prefix: string): { html: string; count: number } {
  let count = 0;
  const numbered = html.replaceAll(STEP_NUMBER_MARKER, () => {
    count++;
    return `<span class="step-number"><span class="visually-hidden">${prefix} </span>${count}<span class="visually-hidden">:</span></span>`;
  });
  return { html: numbered, count };
}

/**
 * The start of any content outside a <Step> (before, between or after the steps),
 * which would make the list invalid HTML: its text, or its first tag when it has none.
 */
export function strayContent(html: string): string | undefined {
  let outside = '';
  let depth = 0;
  let from = 0;
  // Nested lists inside a step raise the depth, so only the list's own level counts.
  for (const tag of html.matchAll(/<(\/?)li(?=[\s>])[^>]*>/g)) {
    if (depth === 0) outside += html.slice(from, tag.index);
    depth = Math.max(0, depth + (tag[1] ? -1 : 1));
    from = tag.index + tag[0].length;
  }
  if (depth === 0) outside += html.slice(from);
  const text = outside.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  if (text !== '') return text.slice(0, 60);
  const element = /<([a-z][a-z0-9-]*)/i.exec(outside);
  return element ? `<${element[1]}>` : undefined;
}

/** A URL fragment from a heading: lower case, ASCII, words joined by "-". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
