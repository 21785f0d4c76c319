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

/** The start of any content outside a <Step>, which would make the list invalid HTML. */
export function strayContent(html: string): string | undefined {
  const trimmed = html.trim();
  if (trimmed === '' || (trimmed.startsWith('<li') && trimmed.endsWith('</li>'))) return undefined;
  const stray = trimmed.startsWith('<li') ? trimmed.slice(trimmed.lastIndexOf('</li>') + 5) : trimmed;
  return stray.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
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
