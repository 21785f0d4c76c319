/**
 * The site's Content-Security-Policy: everything comes from the site itself; no inline
 * script or style; WebAssembly only for Pagefind. deploy/nginx.conf sends it as a header
 * (a test holds the two equal); print pages carry it in a <meta> element as well, so the
 * PDF export enforces it without a server in front.
 */
export const sitePolicy: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'object-src': "'none'",
  'base-uri': "'self'",
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
