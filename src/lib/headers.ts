/**
 * What the web server sends with the guide: the security headers on every response, and
 * how long each file may be cached. deploy/nginx.conf and deploy/nginx-subpath.conf write
 * these out for nginx (tests hold both files to this module, and run them), and
 * `npm run check:deployed` checks a published site against it.
 */
import { policyHeader } from './csp.ts';

/** Response headers every file and error page gets, by lower-case name. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': policyHeader(),
  // Only over HTTPS; a year, without includeSubDomains: other intranet hosts are not ours to decide.
  'strict-transport-security': 'max-age=31536000',
  'x-content-type-options': 'nosniff',
  // Links to app stores and other sites do not reveal intranet addresses.
  'referrer-policy': 'same-origin',
  // The guide needs none of these browser features.
  'permissions-policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  // For browsers older than CSP's frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Other sites may not embed the guide's files (images, scripts, PDFs) in their pages.
  'cross-origin-resource-policy': 'same-origin',
  // No Flash or PDF plug-in may read cross-domain policy files from the site.
  'x-permitted-cross-domain-policies': 'none',
};

/** For files whose name holds a hash of their content: they never change. */
export const CACHE_FOREVER = 'public, max-age=31536000, immutable';
/** For everything else: kept, but checked with the server on every use (a quick 304). */
export const CACHE_REVALIDATE = 'no-cache';

/**
 * Files named by their content: Astro's bundles, the AVIF screenshots and Pagefind's index
 * chunks and per-language metadata. Regular expressions over a file's path, not anchored at
 * the start, so that they hold under a sub-path too; deploy/nginx.conf's cache map writes
 * exactly these (a test compares them).
 */
export const contentHashedPatterns: readonly string[] = [
  '/_astro/',
  '/img/[^/]+\\.[0-9a-f]{10}\\.[0-9]x\\.avif$',
  '/pagefind/(fragment|index|filter)/[^/]+_[0-9a-f]{7,}\\.pf_[a-z]+$',
  '/pagefind/pagefind\\.[a-z0-9-]+_[0-9a-f]{7,}\\.pf_meta$',
];
const contentHashed = contentHashedPatterns.map((pattern) => new RegExp(pattern));

/** Whether a file of the site (`/_astro/Base.x.css`, from the site's base) is named by its content. */
export const isContentHashed = (path: string) => contentHashed.some((re) => re.test(path));

/** The Cache-Control a file of the site is sent with. */
export const cacheControlFor = (path: string) => (isContentHashed(path) ? CACHE_FOREVER : CACHE_REVALIDATE);
