/**
 * Addresses written by editors, judged the way a browser will read them: first
 * normalised (control and invisible characters, backslashes, %-escapes), then limited to
 * what a guide may point at: its own pages and files, or https:// on a listed host.
 * Used wherever an address can be written: Markdown links, images and definitions,
 * component props, YAML data and the site settings.
 */
import { closestMatch } from '../lib/suggest.ts';
import { CONTROL_CHARACTER, invisibleCharacter } from './characters.ts';

export type Address =
  /** A path on the site, %-decoded, e.g. `/en/bankid/`; `hash` with its `#`. */
  | { kind: 'internal'; path: string; hash: string }
  | { kind: 'fragment'; hash: string }
  | { kind: 'external'; url: string; host: string }
  /** mailto: and tel:, allowed only where `contacts` is set (the site settings). */
  | { kind: 'contact'; url: string };

export interface AddressProblem {
  rule: string;
  message: string;
}

export type Judged = { ok: true; address: Address } | { ok: false; problem: AddressProblem };

export interface JudgeOptions {
  /** A link is followed; an image is loaded with the page and must come from the site. */
  use?: 'link' | 'image';
  /** The hosts https:// links may go to; any host when left out (the site settings, written by developers). */
  hosts?: readonly string[];
  /** Allow mailto: and tel: (the site settings); pages show contacts with <ServiceDesk />. */
  contacts?: boolean;
}

/** Schemes that run code or carry a document of their own when followed. */
const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'blob', 'file', 'filesystem']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const LOOKS_LIKE_HOST = /^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)*\.(no|com|org|net|se|dk|eu|io)(\/|$))/i;

const fail = (rule: string, message: string): Judged => ({ ok: false, problem: { rule, message } });
const ok = (address: Address): Judged => ({ ok: true, address });

/** The first %-escape of `url` that does not decode to UTF-8 text, e.g. `%E0%A4`; undefined when all do. */
export function undecodableEscape(url: string): string | undefined {
  try {
    decodeURIComponent(url);
    return undefined;
  } catch {
    for (const match of url.matchAll(/(?:%[0-9a-f]{2})+|%.{0,2}/gi)) {
      try {
        decodeURIComponent(match[0]);
      } catch {
        return match[0];
      }
    }
    return '%';
  }
}

/** Percent-decodes a path that undecodableEscape() accepted; leaves it as written otherwise. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** What an address written by an editor is, or why it may not be used. */
export function judgeAddress(raw: string, options: JudgeOptions = {}): Judged {
  const use = options.use ?? 'link';
  const shown = JSON.stringify(raw);
  if (CONTROL_CHARACTER.test(raw) || /[\t\r\n]/.test(raw)) {
    return fail('link/malformed', `${shown} holds a control character or a line break: write the address on one line, without them`);
  }
  const invisible = invisibleCharacter(raw);
  if (invisible) {
    return fail('text/invisible', `${shown} holds an invisible ${invisible.name} at position ${invisible.index + 1}: type the address again`);
  }
  // Browsers ignore spaces around an address; inside one it is a mistake, caught below.
  const url = raw.trim();
  if (url === '') return fail('link/malformed', 'the link has no address: write [text](/page/) or [text](https://…)');
  if (url.includes('\\')) {
    return fail('link/malformed', `${shown} holds a backslash (\\), which browsers read as "/": write the address with "/"`);
  }
  const escape = undecodableEscape(url);
  if (escape) {
    return fail(
      'link/malformed',
      `${shown} holds "${escape}", a %-escape that does not decode to text: write the character itself, or %25 for a percent sign`,
    );
  }
  // Judged again once decoded: "/%2F%2Fhost" and "%6Aavascript:" must not pass as what they hide.
  const decoded = decodeURIComponent(url);
  const scheme = (SCHEME.exec(url)?.[1] ?? SCHEME.exec(decoded)?.[1])?.toLowerCase();

  if (scheme && SCRIPT_SCHEMES.has(scheme)) {
    return fail('html/javascript-url', `a ${scheme}: address runs code or opens a document of its own: link to a page (/…) or a web address (https://…) instead`);
  }
  if (use === 'image' && !(url.startsWith('/') && !url.startsWith('//'))) {
    return fail(
      'image/external',
      `${shown}: images come only from the site itself (readers on the intranet may have no internet): put the PNG in public/screenshots and show it with <Screenshot>`,
    );
  }
  if (url.startsWith('#')) return ok({ kind: 'fragment', hash: url });
  if (url.startsWith('//')) return fail('link/malformed', `${shown} has no scheme: write the full address, "https:${url}"`);
  if (decoded.startsWith('//')) {
    return fail('link/malformed', `${shown} reads as "${decoded}" once decoded, an address on another host: start a site path with a single "/"`);
  }
  if (url.startsWith('/')) {
    if (/\s/.test(url)) return fail('link/malformed', `${shown} holds a space: write it as %20, or leave it out`);
    const parsed = new URL(url, 'https://site.invalid');
    return ok({ kind: 'internal', path: decodePath(parsed.pathname), hash: parsed.hash });
  }
  if (!scheme) {
    // `https//host` or `https:/host`: the scheme is there, its punctuation is not.
    const typo = /^(https?):?\/{1,2}(?=[^/])/i.exec(url);
    if (typo) return fail('link/malformed', `"${url}" is malformed: write "https://${url.slice(typo[0].length)}"`);
    if (LOOKS_LIKE_HOST.test(url)) return fail('link/malformed', `"${url}" has no https://: write "https://${url}"`);
    return fail(
      'link/malformed',
      `"${url}" is a relative address: write internal links as site paths from the root, e.g. "/bankid/" or "/en/bankid/"`,
    );
  }
  if (scheme === 'mailto' || scheme === 'tel') {
    if (!options.contacts) {
      return fail('link/contact', `"${url}": pages show the service desk's contacts with <ServiceDesk />, which takes them from the site settings`);
    }
    if (scheme === 'mailto' && !/^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(url)) {
      return fail('link/malformed', `"${url}" is not an e-mail address: write mailto:name@example.no`);
    }
    if (scheme === 'tel' && !/^tel:\+?[\d\s().-]{3,}$/i.test(url)) {
      return fail('link/malformed', `"${url}" is not a phone number: write tel:+4723000000`);
    }
    return ok({ kind: 'contact', url });
  }
  if (scheme === 'http' || scheme === 'ftp') {
    const secure = url.replace(/^[a-z]+:/i, 'https:');
    return fail('link/insecure', `"${url}" is not https: write "${secure}" (check that the address works with https)`);
  }
  if (scheme !== 'https') {
    const fix = closestMatch(scheme, options.contacts ? ['https', 'mailto', 'tel'] : ['https']);
    return fail('link/malformed', `"${url}" is not a web address${fix ? ` (did you mean "${fix}:"?)` : ''}: external links start with https://`);
  }
  const malformed = () => fail('link/malformed', `"${url}" is malformed: write it as https://host/path, e.g. https://www.bankid.no/`);
  if (!/^https:\/\/[^\s/?#]+/i.test(url) || /\s/.test(url)) return malformed();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return malformed();
  }
  if (parsed.hostname === '' || parsed.hostname.startsWith('.') || parsed.hostname.endsWith('..')) return malformed();
  if (parsed.username !== '' || parsed.password !== '') {
    return fail('link/host', `"${url}" hides its real host (${parsed.host}) behind a name and "@": write the address without the part before "@"`);
  }
  const host = parsed.host.toLowerCase();
  if (options.hosts && !options.hosts.some((h) => h.toLowerCase() === host)) {
    const hint = closestMatch(host, options.hosts);
    return fail(
      'link/host',
      `"${url}" leads to ${host}, which is not one of the hosts pages may link to${hint ? ` (did you mean "${hint}"?)` : ''}: ` +
        `${options.hosts.join(', ')}. A new host is added to linkHosts in src/site.config.ts, in a pull request a developer reviews`,
    );
  }
  return ok({ kind: 'external', url, host });
}
