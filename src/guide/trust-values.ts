/**
 * How a trust's values reach the pages. The pages are rendered once for every trust of a
 * build: where a page shows a trust's value, the render writes a token (a private-use
 * character, the value's name, how to write it, the language) and the build fills the
 * tokens in, once per trust, in the written files (src/integrations/trusts.ts). So the
 * MDX is compiled, the screenshots encoded and the pages rendered once however many
 * trusts are built, and the tokens left in the output say exactly which values the pages
 * show: a production build refuses those that are unconfirmed, naming the trust's file
 * and line and a page that shows it.
 *
 * The dev server and component tests render one trust's values directly, the same way.
 */
import { toHtml } from 'hast-util-to-html';
import { useTranslations, type UIKey } from '../i18n/index.ts';
import { formatHtml } from '../i18n/html.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { qrFigure } from '../lib/print/html.ts';
import { readableUrl } from '../lib/print/links.ts';
import { pagePath, START_SLUG } from './routing.ts';
import { problem, type Problem } from '../lib/checks/problems.ts';
import { loadTrusts, selectedTrustIds, shown, type ShownValue, type Trust, type TrustValue } from './trusts.ts';

/**
 * How a value is written:
 * - text: HTML text; an unconfirmed value marked as such (a preview);
 * - nowrap: text whose spaces do not break (a phone number);
 * - attr: in an attribute, as it is (nothing when not known);
 * - root: the site's address (its root), or the deploy base while it is not known;
 * - css: inside a CSS string;
 * - qr: a QR code with the readable address (print);
 * - block: a trust's note, as paragraphs (nothing for a trust without it);
 * - call: "Ring <number>", a link that dials it;
 * - link: a link to the address (with the token's path after it), labelled for what it is.
 * A value not known yet is written as a marked "not given yet", never as a link.
 */
export type Form = 'text' | 'nowrap' | 'attr' | 'root' | 'css' | 'qr' | 'block' | 'call' | 'link';
const FORMS: readonly Form[] = ['text', 'nowrap', 'attr', 'root', 'css', 'qr', 'block', 'call', 'link'];

/** What a `link` to each address says. */
const linkLabels: Partial<Record<ShownValue, UIKey>> = { serviceDeskUrl: 'serviceDesk.web', editUrl: 'page.editThis', portalUrl: 'print.portal' };

const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000([a-zA-Z]+(?::[a-z0-9-]+)?)\|([a-z]+)\|([a-z]*)\|([\w./-]*)\uE001/g;

export const hasTrustTokens = (text: string) => text.includes(OPEN);

/** The build writes tokens (src/integrations/trusts.ts sets this); anything else renders values directly. */
const rendersTokens = () => process.env.GUIDE_TRUST_TOKENS === '1';

/** `path`: what follows the address in a link (letters, digits, . / _ -). */
function token(name: ShownValue, form: Form, locale: Locale | '', path = ''): string {
  if (!/^[\w./-]*$/.test(path)) throw new Error(`a trust link's path may hold only letters, digits and . / _ -: ${path}`);
  return `${OPEN}${name}|${form}|${locale}|${path}${CLOSE}`;
}

export interface FillOptions {
  /** Refuse unconfirmed values instead of showing them marked. */
  production: boolean;
  /** The deploy base, for `root` while the site's address is unknown. */
  base: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** Text for inside a CSS string literal: quotes and backslashes escaped, line breaks as CSS escapes. */
export const escapeCss = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ');

function valueOf(trust: Trust, name: ShownValue): TrustValue<unknown> | undefined {
  if (name.startsWith('note:')) return trust.notes.get(name.slice(5));
  const entry = shown[name as keyof typeof shown];
  if (!entry) throw new Error(`unknown trust value "${name}"`);
  return trust.values[entry.field];
}

/** The value as text in `locale`, or null when it is not known. */
function plain(trust: Trust, name: ShownValue, locale: Locale): string | null {
  const value = valueOf(trust, name)?.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return (value as Record<Locale, string>)[locale];
  const entry = shown[name as keyof typeof shown] as { write?: (v: string) => string } | undefined;
  return entry?.write ? entry.write(String(value)) : String(value);
}

/**
 * One value written in one form. `escape`: escape for HTML where it goes into an
 * attribute (the build's tokens); a component's own attribute is escaped by Astro.
 */
async function write(trust: Trust, name: ShownValue, form: Form, locale: Locale, options: FillOptions, escape: boolean, path = ''): Promise<string> {
  const t = useTranslations(locale);
  const source = valueOf(trust, name);
  const value = plain(trust, name, locale);
  const confirmed = source?.confirmed ?? true;
  const attr = (s: string) => (escape ? escapeHtml(s) : s);
  switch (form) {
    case 'attr':
      return attr(value ?? '');
    case 'root':
      return attr(value ?? options.base);
    case 'css':
      return escapeCss(value ?? '');
    case 'qr': {
      if (value === null) return write(trust, name, 'text', locale, options, escape);
      // The guide's address leads to its start page in the reader's language.
      const url = name === 'siteUrl' ? `${value}${pagePath(locale, START_SLUG).slice(1)}` : value;
      const figure = toHtml(await qrFigure(url, (readable) => t('print.qrLabel', { url: readable })));
      return confirmed ? figure : `<span class="unconfirmed">${figure}<span class="unconfirmed-label">${escapeHtml(t('trust.unconfirmed'))}</span></span>`;
    }
    case 'block': {
      if (source === undefined) return '';
      const body = (value ?? '')
        .split(/\n\s*\n/)
        .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
        .join('');
      const mark = confirmed ? '' : `<p class="unconfirmed-label">${escapeHtml(t('trust.unconfirmed'))}</p>`;
      return `<div class="trust-note${confirmed ? '' : ' unconfirmed'}">${body}${mark}</div>`;
    }
    case 'call': {
      const phone = await write(trust, name, 'nowrap', locale, options, escape);
      const words = formatHtml(t('serviceDesk.call', { phone: '{phone}' }), { phone });
      return value === null ? words : `<a href="${escapeHtml(`tel:${value.replace(/[^\d+]/g, '')}`)}">${words}</a>`;
    }
    case 'link': {
      const key = linkLabels[name];
      if (!key) throw new Error(`no link label for the trust value "${name}"`);
      const label = escapeHtml(t(key));
      if (value === null) return `${label} ${await write(trust, name, 'text', locale, options, escape)}`;
      const mark = confirmed ? '' : ` <span class="unconfirmed-label">(${escapeHtml(t('trust.unconfirmed'))})</span>`;
      // On paper the address itself is what a reader can use (not an editor's link).
      const readable = name === 'editUrl' ? '' : `<span class="print-only"> (${escapeHtml(readableUrl(value + path))})</span>`;
      return `<a href="${escapeHtml(value + path)}">${label}</a>${readable}${mark}`;
    }
    case 'text':
    case 'nowrap': {
      const shownText = value === null ? t('trust.unknown') : value;
      const html = escapeHtml(form === 'nowrap' ? shownText.replace(/ /g, '\u00a0') : shownText);
      if (confirmed) return html;
      const label = value === null ? '' : ` <span class="unconfirmed-label">(${escapeHtml(t('trust.unconfirmed'))})</span>`;
      const at = `${source!.at.file}:${source!.at.line}`;
      return `<span class="unconfirmed" data-unconfirmed="${escapeHtml(at)}">${value === null ? `[${html}]` : html}${label}</span>`;
    }
  }
}

let direct: Trust | undefined;

/**
 * The trust of this process: the one the dev server and component tests show, and whose
 * login methods a build's pages are for (every trust of one render offers the same).
 */
export function selectedTrust(root = process.env.GUIDE_ROOT ?? process.cwd()): Trust {
  if (!direct) {
    const [id] = selectedTrustIds();
    const { trusts, problems } = loadTrusts(root, [id!]);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 || !trusts[0]) throw new Error(errors.map((p) => `${p.file}:${p.line}:${p.column}  ${p.rule}  ${p.message}`).join('\n'));
    direct = trusts[0];
  }
  return direct;
}

const previewOptions: FillOptions = { production: false, base: '/' };

/** A trust value as HTML, for `set:html`: the text, marked while unconfirmed, a QR code or a note. */
export async function trustHtml(name: ShownValue, form: 'text' | 'nowrap' | 'qr' | 'block' | 'call' | 'link', locale: Locale, path = ''): Promise<string> {
  if (rendersTokens()) return token(name, form, locale, path);
  return write(selectedTrust(), name, form, locale, previewOptions, false, path);
}

/** A trust value for an attribute (Astro escapes it) or a CSS string. */
export function trustAttr(name: ShownValue, form: 'attr' | 'root' | 'css', locale: Locale | '' = ''): string {
  if (rendersTokens()) return token(name, form, locale);
  const trust = selectedTrust();
  const value = plain(trust, name, (locale || 'nb') as Locale);
  if (form === 'root') return value ?? import.meta.env?.BASE_URL ?? '/';
  // As written: the component's own attribute or CSS string escapes it.
  return value ?? '';
}

/** A value the site shows that the production build refuses: where it is written, and a page showing it. */
export interface RefusedValue {
  name: ShownValue;
  at: TrustValue<unknown>['at'];
  known: boolean;
  page: string;
}

/**
 * Fills one file's tokens in for `trust`. Returns the text and, for a production build,
 * the unconfirmed values it would have shown (written as nothing).
 */
export async function fillTokens(text: string, trust: Trust, options: FillOptions, page: string): Promise<{ text: string; refused: RefusedValue[] }> {
  const refused: RefusedValue[] = [];
  const found = [...text.matchAll(TOKEN)];
  const written = new Map<string, string>();
  for (const [whole, name = '', form = '', locale = '', path = ''] of found) {
    if (written.has(whole)) continue;
    if (!FORMS.includes(form as Form) || (locale !== '' && !isLocale(locale))) throw new Error(`${page}: a trust token that no render writes: ${JSON.stringify(whole)}`);
    const value = valueOf(trust, name as ShownValue);
    if (options.production && value && !value.confirmed) {
      refused.push({ name: name as ShownValue, at: value.at, known: value.value !== null, page });
      written.set(whole, '');
      continue;
    }
    written.set(whole, await write(trust, name as ShownValue, form as Form, (locale || 'nb') as Locale, options, true, path ?? ''));
  }
  const filled = found.length === 0 ? text : text.replace(TOKEN, (whole) => written.get(whole)!);
  if (filled.includes(OPEN)) throw new Error(`${page}: a trust token was cut or malformed in the rendered output`);
  return { text: filled, refused };
}

/** One problem per refused value, at its line in the trust's file, naming a page that shows it. */
export function refusedProblems(trust: Trust, refused: readonly RefusedValue[]): Problem[] {
  const byPlace = new Map<string, { value: RefusedValue; pages: Set<string> }>();
  for (const r of refused) {
    const key = `${r.at.line}:${r.at.column}`;
    const entry = byPlace.get(key) ?? { value: r, pages: new Set() };
    entry.pages.add(r.page);
    byPlace.set(key, entry);
  }
  return [...byPlace.values()].map(({ value, pages }) => {
    const [first] = [...pages].sort();
    const where = pages.size > 1 ? `${first} and ${pages.size - 1} more pages` : first;
    const field = value.name.startsWith('note:') ? `notes.${value.name.slice(5)}` : shown[value.name as keyof typeof shown].field;
    const fix = value.known ? 'once the trust has confirmed it, write it without "unconfirmed:"' : 'write the value the trust has confirmed, without "unconfirmed:"';
    return problem(
      value.at,
      'trust/unconfirmed',
      `${field} is ${value.known ? 'not confirmed' : 'not known yet'}, and ${where} would show it (trust ${trust.id}): a production build shows only confirmed values; ${fix}`,
    );
  });
}
