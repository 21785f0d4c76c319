/**
 * The last line of defence, on the built HTML: whatever the compile let through, a page
 * that would run code or reach another host is not published. Each element is judged as
 * the page is parsed once for the built-site checks (built.ts):
 *
 * - no script but the site's own bundles (an external file under the base's /_astro/);
 * - no inline event handler, style attribute or <style> element (the CSP forbids them too);
 * - no resource (image, script, stylesheet, frame, media) and no form target on another origin;
 * - no javascript:, vbscript: or data: address anywhere;
 * - no <base> and no <meta http-equiv="refresh">, which would send readers elsewhere.
 */

export interface UnsafeMarkup {
  rule: string;
  message: string;
  /** The address or attribute value the finding is about, to find where the page's MDX wrote it. */
  value?: string;
}

import { Parser } from 'htmlparser2';

/** Attributes that hold an address, on any element. */
const ADDRESS_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background', 'cite', 'manifest', 'ping'];

/** Elements whose address is loaded with the page, not followed by a reader; `link` depends on its rel. */
const RESOURCE_TAGS = new Set(['img', 'source', 'script', 'iframe', 'frame', 'embed', 'object', 'video', 'audio', 'track', 'input', 'image', 'use', 'feimage']);

/** `<link rel>` values that only name another address and load nothing. */
const LINK_NAVIGATION = new Set(['alternate', 'canonical', 'next', 'prev', 'author', 'help', 'license', 'search', 'bookmark']);

/** The scheme a browser sees: it drops control characters and whitespace before judging it. */
function scriptScheme(value: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase();
  return scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data' ? scheme : undefined;
}

/** A stand-in origin for the site's own pages while judging relative addresses. */
const SITE_ORIGIN = 'https://site.invalid';

/** Judges a built site's markup; `base` is its path (`/`, `/veiledning/`), `site` its published address when known. */
export class MarkupScanner {
  private readonly base: string;
  private readonly own: Set<string>;

  constructor(base: string, site?: string) {
    this.base = base.endsWith('/') ? base : `${base}/`;
    this.own = new Set([SITE_ORIGIN, ...(site ? [new URL(site).origin] : [])]);
  }

  /** Whether an address on `pagePath` leads off the site. */
  private isForeign(value: string, pagePath: string): boolean {
    try {
      return !this.own.has(new URL(value.trim(), `${SITE_ORIGIN}${pagePath}`).origin);
    } catch {
      return false;
    }
  }

  private isOwnBundle(value: string, pagePath: string): boolean {
    try {
      const url = new URL(value.trim(), `${SITE_ORIGIN}${pagePath}`);
      return this.own.has(url.origin) && url.pathname.startsWith(`${this.base}_astro/`) && url.pathname.endsWith('.js');
    } catch {
      return false;
    }
  }

  /** The findings for one element of a page at `pagePath` (the path as served, with the base). */
  element(tag: string, attribs: Record<string, string>, pagePath: string): UnsafeMarkup[] {
    const found: UnsafeMarkup[] = [];
    for (const name of Object.keys(attribs)) {
      if (name.startsWith('on')) found.push({ rule: 'built/event-handler', message: `<${tag} ${name}> is an inline event handler` });
      else if (name === 'style') found.push({ rule: 'built/style', message: `<${tag} style="…"> is an inline style` });
    }
    if (tag === 'style') found.push({ rule: 'built/style', message: '<style> is an inline stylesheet' });
    if (tag === 'foreignobject') found.push({ rule: 'built/element', message: '<foreignObject> puts a web page inside a picture' });
    if (tag === 'base') found.push({ rule: 'built/element', message: '<base> changes where every link of the page leads' });
    if (tag === 'meta' && attribs['http-equiv']?.trim().toLowerCase() === 'refresh') {
      found.push({ rule: 'built/element', message: '<meta http-equiv="refresh"> sends the reader to another address' });
    }
    if (tag === 'script' && !(attribs.src !== undefined && this.isOwnBundle(attribs.src, pagePath))) {
      found.push({ rule: 'built/script', message: `<script${attribs.src ? ` src="${attribs.src}"` : ''}> is not one of the site's own bundles`, ...(attribs.src ? { value: attribs.src } : {}) });
    }
    const loads = RESOURCE_TAGS.has(tag) || (tag === 'link' && !(attribs.rel ?? '').toLowerCase().split(/\s+/).every((rel) => LINK_NAVIGATION.has(rel)));
    for (const name of ADDRESS_ATTRIBUTES) {
      const raw = attribs[name];
      if (raw === undefined) continue;
      const values = name === 'srcset' ? raw.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [raw];
      for (const value of values.filter((v) => v !== '')) {
        const scheme = scriptScheme(value);
        if (scheme) {
          found.push({ rule: 'built/script-url', message: `<${tag} ${name}> holds a ${scheme}: address`, value });
        } else if ((name === 'action' || name === 'formaction') && this.isForeign(value, pagePath)) {
          found.push({ rule: 'built/foreign-form', message: `<${tag} ${name}="${value}"> sends what readers type to another host`, value });
        } else if (loads && name !== 'cite' && this.isForeign(value, pagePath)) {
          found.push({ rule: 'built/foreign-resource', message: `<${tag} ${name}="${value}"> loads a file from another host with the page`, value });
        }
      }
    }
    return found;
  }
}

/**
 * An SVG file's markup judged like a page's: an SVG opened from the site runs its own
 * scripts on the site's origin. `path` is the file's address on the site.
 */
export function scanSvg(svg: string, path: string, scanner: MarkupScanner): UnsafeMarkup[] {
  const found: UnsafeMarkup[] = [];
  const parser = new Parser(
    {
      onopentag(tag, attribs) {
        // SVG links are href or xlink:href: both hold addresses.
        found.push(...scanner.element(tag, attribs, path));
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(svg);
  parser.end();
  return found;
}
