/**
 * The site's Content-Security-Policy. Nothing is allowed unless named: scripts, styles,
 * images and fetches come from the site itself; no inline script or style, no data: URLs
 * (the build makes none); WebAssembly only for Pagefind's search engine. deploy/nginx.conf
 * sends it as a header (src/lib/headers.ts holds the header set, and a test holds the
 * deploy files to it); every page carries it in a <meta> element as well, so `npm run
 * preview`, a file share, another web server or the PDF export enforce it without nginx.
 */
export const sitePolicy: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self'",
  // Pagefind fetches its index and WebAssembly from the site.
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

/** Directives a browser ignores in a <meta> policy: only a header can carry them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

const serialize = (entries: [string, string][]) => entries.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy as the header value nginx sends. */
export const policyHeader = () => serialize(Object.entries(sitePolicy));

/** The policy as a <meta http-equiv="Content-Security-Policy"> can carry it. */
export const policyMeta = () => serialize(Object.entries(sitePolicy).filter(([name]) => !HEADER_ONLY.has(name)));
