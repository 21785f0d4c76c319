/**
 * Turns a guide page's rendered HTML into print HTML: links that work on paper,
 * ids that stay unique when several pages share one document, sharp eager images
 * that are each one Figure of the tagged PDF, and the headings for the table of contents.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { decodePath } from '../../guide/addresses.ts';
import { isExternal, readableUrl, wantsQrCode } from './links.ts';
import { qrSvg } from './qr.ts';

/** A guide page that is part of the print document. */
export interface DocumentPage {
  /** Site path without the deploy base: `/bankid/`. */
  path: string;
  /** The id of the page's start in the document (its section); links to the page land here. */
  anchor: string;
  /** Prefix put before every id of the page, so ids of different pages never clash. */
  idPrefix: string;
}

export interface LinkContext {
  /** Deploy base, `/` or e.g. `/veiledning/`. */
  base: string;
  /** The published site's URL (Astro's `site`), if known: links to pages not in the document point there. */
  site?: string | undefined;
  /** The page whose HTML is being prepared. */
  current: DocumentPage;
  /** Every page in the document. */
  pages: readonly DocumentPage[];
  /** Write the page number after links to other pages of the document ("(page 7)"). */
  crossReferences: boolean;
}

export type LinkPlan =
  /** Leave the link as it is (tel:, mailto:). */
  | { kind: 'keep' }
  /** A place in this document; `pageRef` asks for its page number after the link. */
  | { kind: 'internal'; target: string; pageRef: boolean }
  /** A web address: printed as a readable URL. */
  | { kind: 'external'; url: string }
  /** Cannot be followed from paper (a page of the site when the site's address is unknown). */
  | { kind: 'unlink' };

/**
 * An id for the print document: the page's prefix and the id in ASCII. Chromium names
 * PDF destinations after ids, and non-ASCII names (`nivå`) do not survive that round trip.
 */
export function printId(prefix: string, id: string): string {
  return `${prefix}${encodeURIComponent(id).replaceAll('%', '_')}`;
}

function trimBase(base: string): string {
  return base.endsWith('/') ? base.slice(0, -1) : base;
}

/** `/bankid` and `/bankid/index.html` are the page `/bankid/`. */
function normalisePath(path: string): string {
  const clean = path.replace(/index\.html$/, '');
  if (clean.endsWith('/') || /\.[a-z0-9]+$/i.test(clean)) return clean;
  return `${clean}/`;
}

/** Decides how one link of a page prints. */
export function planLink(href: string, ctx: LinkContext): LinkPlan {
  const trimmed = href.trim();
  if (trimmed === '' || /^(mailto|tel|sms):/i.test(trimmed)) return { kind: 'keep' };
  if (trimmed.startsWith('#')) {
    const fragment = decodePath(trimmed.slice(1));
    return { kind: 'internal', target: fragment ? printId(ctx.current.idPrefix, fragment) : ctx.current.anchor, pageRef: false };
  }

  const base = trimBase(ctx.base);
  const siteRoot = ctx.site ? new URL(`${base}/`, ctx.site).href : undefined;
  let sitePath: string | undefined;
  let hash = '';
  if (isExternal(trimmed)) {
    if (!siteRoot || !trimmed.startsWith(siteRoot)) return { kind: 'external', url: trimmed };
    const url = new URL(trimmed);
    sitePath = url.pathname;
    hash = url.hash;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    return { kind: 'keep' };
  } else {
    // Site paths (with the base, as rehype-base-links writes them) and relative links.
    const url = new URL(trimmed, `http://site.invalid${base}${ctx.current.path}`);
    sitePath = url.pathname;
    hash = url.hash;
  }

  if (base && !(sitePath === base || sitePath.startsWith(`${base}/`))) {
    return ctx.site ? { kind: 'external', url: new URL(sitePath + hash, ctx.site).href } : { kind: 'unlink' };
  }
  const path = normalisePath(sitePath.slice(base.length) || '/');
  const page = ctx.pages.find((p) => p.path === path);
  if (page) {
    const fragment = decodePath(hash.slice(1));
    return {
      kind: 'internal',
      target: fragment ? printId(page.idPrefix, fragment) : page.anchor,
      pageRef: ctx.crossReferences && page.path !== ctx.current.path,
    };
  }
  if (ctx.site) return { kind: 'external', url: new URL(`${base}${path}${hash}`, ctx.site).href };
  return { kind: 'unlink' };
}

export interface PrintHeading {
  /** The id in the print document. */
  id: string;
  level: number;
  /** The text a reader sees (without visually hidden words). */
  text: string;
  /** A <Step> title rather than a section heading. */
  isStep: boolean;
}

export interface PrintHtmlOptions {
  links: LinkContext;
  /** The portal's address: its links get a QR code like the app stores'. */
  portalUrl?: string | undefined;
  /** Accessible name of a QR code, given its readable URL: "QR code for apps.apple.com/…". */
  qrLabel: (readable: string) => string;
  /** What the PDF export writes after a cross-reference, e.g. "(page {page})". */
  pageRefFormat?: string;
}

export interface PrintHtml {
  html: string;
  headings: PrintHeading[];
  /** The URLs that got a QR code, in document order. */
  qrUrls: string[];
}

const ID_REFERENCES = ['ariaLabelledBy', 'ariaDescribedBy', 'htmlFor', 'headers'] as const;
const HEADING = /^h([1-6])$/;
/** Containers a QR code may be appended to; inside a paragraph or heading it goes after it instead. */
const QR_CONTAINERS = new Set(['li', 'td', 'th', 'dd', 'div', 'figcaption', 'section', 'article', 'blockquote']);
const QR_AFTER = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function classes(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

function hasClass(node: Element, name: string): boolean {
  return classes(node).includes(name);
}

/** The text a sighted reader sees: visually hidden words left out, white space collapsed. */
export function visibleText(node: Element | Root | ElementContent): string {
  const walk = (n: Element | Root | ElementContent | RootContent): string => {
    if (n.type === 'text') return n.value;
    if (n.type === 'element') {
      if (hasClass(n, 'visually-hidden')) return '';
      return n.children.map(walk).join('');
    }
    if (n.type === 'root') return n.children.map(walk).join('');
    return '';
  };
  return walk(node).replace(/\s+/g, ' ').trim();
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

/**
 * One space between words and none at the ends. Print headings keep their spaces
 * (white-space: pre-wrap), because Chromium's bookmarks lose a space where a heading wraps.
 */
function normaliseSpaces(heading: Element): void {
  const texts: { value: string }[] = [];
  const collect = (n: Element) => {
    for (const c of n.children) {
      if (c.type === 'text') texts.push(c);
      else if (c.type === 'element') collect(c);
    }
  };
  collect(heading);
  for (const t of texts) t.value = t.value.replace(/\s+/g, ' ');
  if (texts[0]) texts[0].value = texts[0].value.trimStart();
  const last = texts[texts.length - 1];
  if (last) last.value = last.value.trimEnd();
}

/** The 2× candidate of a srcset ("a.1x.webp 1x, a.2x.webp 2x" → "a.2x.webp 2x"). */
export function sharpestCandidate(srcset: string): string {
  const candidates = srcset.split(',').map((c) => c.trim()).filter(Boolean);
  const density = (c: string) => Number(/\s(\d+(?:\.\d+)?)x$/.exec(c)?.[1] ?? 1);
  return candidates.reduce((best, c) => (density(c) > density(best) ? c : best), candidates[0] ?? srcset);
}

/** A number attribute of an element (`width="500"`), or undefined when it is missing or not a positive number. */
function numberProperty(node: Element, name: string): number | undefined {
  const value = Number(node.properties[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function descendants(node: Element): Element[] {
  return node.children.flatMap((c) => (c.type === 'element' ? [c, ...descendants(c)] : []));
}

/**
 * What print.css needs to size a screenshot and its markers, as numbers it reads with attr():
 * the image's shape (height / width), its width in CSS pixels (never printed larger), and
 * the diameter of its largest marker as a share of the image's width, so the markers can be
 * printed at one size however small the screenshot is.
 */
function describeScreenshot(figure: Element): void {
  const all = descendants(figure);
  const img = all.find((el) => el.tagName === 'img');
  const width = img && numberProperty(img, 'width');
  const height = img && numberProperty(img, 'height');
  if (!width || !height) return;
  figure.properties.dataPrintAspect = (height / width).toFixed(4);
  figure.properties.dataPrintWidth = String(width);
  const markers = all.find((el) => el.tagName === 'svg' && hasClass(el, 'screenshot-markers'));
  const viewBoxWidth = Number(String(markers?.properties.viewBox ?? '').trim().split(/[\s,]+/)[2]);
  const radii = markers ? descendants(markers).flatMap((el) => (el.tagName === 'circle' ? [numberProperty(el, 'r') ?? 0] : [])) : [];
  const radius = Math.max(0, ...radii);
  if (radius > 0 && viewBoxWidth > 0) figure.properties.dataPrintMarker = ((2 * radius) / viewBoxWidth).toFixed(4);
}

/** Rewrites a page's rendered HTML for print. */
export async function preparePrintHtml(html: string, options: PrintHtmlOptions): Promise<PrintHtml> {
  // Astro hands over slot HTML as a String object; the parser wants a primitive.
  const tree = fromHtml(String(html), { fragment: true });
  const prefix = options.links.current.idPrefix;
  const headings: PrintHeading[] = [];
  const qrRequests: { container: Element; parent: Element | Root; after: boolean; url: string }[] = [];

  const visit = (node: Element | Root, ancestors: (Element | Root)[]) => {
    for (const child of [...node.children]) {
      if (child.type !== 'element') continue;
      const el = child;
      const props = el.properties;

      if (typeof props.id === 'string') props.id = printId(prefix, props.id);
      for (const key of ID_REFERENCES) {
        const value: unknown = props[key];
        if (Array.isArray(value)) props[key] = value.map((v) => printId(prefix, String(v)));
        else if (typeof value === 'string') props[key] = value.split(/\s+/).map((v: string) => printId(prefix, v));
      }

      if (el.tagName === 'img') {
        props.loading = 'eager';
        props.decoding = 'sync';
      }
      // Chromium tags a <figure> as a Figure of its own, named after its caption if at all,
      // around its image's Figure: a tagged PDF would have two Figures per screenshot, the
      // outer one without alt text (and alt text on it would hide its caption from a screen
      // reader). As a group it is tagged Div: the image is the one Figure, with the
      // screenshot's alt text, and the marker list stays readable text beside it.
      if (el.tagName === 'figure' && props.role === undefined) props.role = 'group';
      if (el.tagName === 'figure' && hasClass(el, 'screenshot')) describeScreenshot(el);
      // Paper gets the original screenshot: the PNG is the 2× image, and lossless PNG pixels
      // compress about three times smaller in the PDF than decoded WebP ones.
      if (el.tagName === 'picture') el.children = el.children.filter((c) => !(c.type === 'element' && c.tagName === 'source'));
      if (el.tagName === 'img' && props.srcSet !== undefined) {
        props.srcSet = sharpestCandidate(Array.isArray(props.srcSet) ? props.srcSet.join(', ') : String(props.srcSet));
      }

      // Chromium names a bookmark after the heading's text but skips white space that stands
      // alone between two elements: "1Velg …". The space goes inside the title instead.
      if (hasClass(el, 'step-text')) {
        const first = el.children[0];
        if (first?.type === 'text' && !/^\s/.test(first.value)) first.value = ` ${first.value}`;
        const index = node.children.indexOf(el);
        const before = node.children[index - 1];
        if (before?.type === 'text' && before.value.trim() === '') node.children.splice(index - 1, 1);
      }

      const level = HEADING.exec(el.tagName)?.[1];
      if (level) normaliseSpaces(el);
      if (level && typeof props.id === 'string') {
        headings.push({ id: props.id, level: Number(level), text: visibleText(el), isStep: hasClass(el, 'step-title') });
      }

      if (el.tagName === 'a' && typeof props.href === 'string') {
        const plan = planLink(props.href, options.links);
        if (plan.kind === 'internal') {
          props.href = `#${plan.target}`;
          if (plan.pageRef) {
            const ref = element('span', { className: ['print-page-ref'], dataPageOf: plan.target, dataPageFormat: options.pageRefFormat ?? '({page})' });
            node.children.splice(node.children.indexOf(el) + 1, 0, ref);
          }
        } else if (plan.kind === 'external') {
          props.href = plan.url;
          // The readable address follows the link as text of its own, so a tagged PDF reads it
          // (generated content would be painted but left out of the tags). The attribute keeps
          // global.css's print rule from writing the full address after it as well. Links that
          // print their own URL (AppStoreLinks' .print-url) are not given a second one.
          const printsOwnUrl = node.type === 'element' && node.children.some((c) => c.type === 'element' && hasClass(c, 'print-url'));
          if (!printsOwnUrl) {
            const readable = readableUrl(plan.url);
            props.dataPrintUrl = readable;
            const address = element('span', { className: ['print-link-url'] }, [{ type: 'text', value: ` (${readable})` }]);
            node.children.splice(node.children.indexOf(el) + 1, 0, address);
          }
          if (wantsQrCode(plan.url, options.portalUrl)) {
            const chain = [...ancestors, node];
            for (let i = chain.length - 1; i >= 0; i--) {
              const candidate = chain[i]!;
              if (candidate.type === 'root') {
                // Loose inline content at the top: the list goes after the link's top-level ancestor.
                const top = (chain[i + 1] ?? el) as Element;
                qrRequests.push({ container: top, parent: candidate, after: true, url: plan.url });
                break;
              }
              if (QR_AFTER.has(candidate.tagName)) {
                qrRequests.push({ container: candidate, parent: chain[i - 1]!, after: true, url: plan.url });
                break;
              }
              if (QR_CONTAINERS.has(candidate.tagName)) {
                qrRequests.push({ container: candidate, parent: candidate, after: false, url: plan.url });
                break;
              }
            }
          }
        } else if (plan.kind === 'unlink') {
          el.tagName = 'span';
          delete props.href;
          props.className = [...classes(el), 'print-unlinked'];
        }
      }
      visit(el, [...ancestors, node]);
    }
  };
  visit(tree, []);

  // One QR list per container, each URL once, in the order the links appear.
  const lists = new Map<Element, { list: Element; urls: Set<string> }>();
  const qrUrls: string[] = [];
  for (const request of qrRequests) {
    let entry = lists.get(request.container);
    if (!entry) {
      entry = { list: element('div', { className: ['print-qr-list'] }), urls: new Set() };
      lists.set(request.container, entry);
      if (request.after) {
        const siblings = request.parent.children as (Element | RootContent)[];
        siblings.splice(siblings.indexOf(request.container) + 1, 0, entry.list);
      } else {
        request.container.children.push(entry.list);
      }
    }
    if (entry.urls.has(request.url)) continue;
    entry.urls.add(request.url);
    qrUrls.push(request.url);
    entry.list.children.push(await qrFigure(request.url, options.qrLabel));
  }

  return { html: toHtml(tree), headings, qrUrls };
}

/** A QR code with its readable URL beside it; the SVG is named for screen readers and tagged PDF. */
export async function qrFigure(url: string, label: (readable: string) => string): Promise<Element> {
  const readable = readableUrl(url);
  const svgTree = fromHtml(await qrSvg(url), { fragment: true });
  const svg = svgTree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  if (!svg) throw new Error(`qrcode produced no SVG for ${url}`);
  Object.assign(svg.properties, { role: 'img', ariaLabel: label(readable), className: ['print-qr-code'] });
  return element('span', { className: ['print-qr'], dataQrUrl: url }, [
    svg,
    element('span', { className: ['print-qr-url'] }, [{ type: 'text', value: readable }]),
  ]);
}
