/**
 * deploy/nginx.conf in a real nginx, serving the built site: security headers on every
 * response, a year's caching for files named by their content hash and revalidation for
 * the rest, a correct type for every file the build makes (Pagefind's index included, and
 * not compressed twice), localized 404 pages with status 404, redirects that keep the
 * host, and gzip.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { get, type RawResponse } from './lib/http.ts';
import { startNginx, type Nginx } from '../../scripts/lib/nginx.ts';
import { listPages } from './lib/site.ts';

const siteDir = inject('siteDir');
const pages = listPages(siteDir);

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)]));
}
/** Every file of the build as a site path: `/_astro/Base.x.css`, `/index.html`, … */
const files = filesOf(siteDir).map((f) => `/${relative(siteDir, f).split(sep).join('/')}`);

const YEAR = 'public, max-age=31536000, immutable';

/** Files whose name changes when their content does, so they may be cached for good. */
function isHashed(path: string): boolean {
  return (
    path.startsWith('/_astro/') ||
    /^\/img\/[^/]+\.[0-9a-f]{10}\.\dx\.avif$/.test(path) ||
    /^\/pagefind\/(fragment|index|filter)\/[^/]+_[0-9a-f]{7,}\.pf_[a-z]+$/.test(path) ||
    /^\/pagefind\/pagefind\.[a-z0-9-]+_[0-9a-f]{7,}\.pf_meta$/.test(path)
  );
}

const types: Record<string, RegExp> = {
  html: /^text\/html; charset=utf-8$/,
  css: /^text\/css; charset=utf-8$/,
  js: /^(application|text)\/javascript(; charset=utf-8)?$/,
  json: /^application\/json(; charset=utf-8)?$/,
  svg: /^image\/svg\+xml(; charset=utf-8)?$/,
  png: /^image\/png$/,
  webp: /^image\/webp$/,
  avif: /^image\/avif$/,
  jpg: /^image\/jpeg$/,
  woff2: /^font\/woff2$/,
  pdf: /^application\/pdf$/,
  txt: /^text\/plain(; charset=utf-8)?$/,
  xml: /^(application|text)\/xml(; charset=utf-8)?$/,
  wasm: /^application\/wasm$/,
  // Pagefind's own compressed formats: fetched as bytes and decompressed by Pagefind.
  pagefind: /^application\/octet-stream$/,
  pf_meta: /^application\/octet-stream$/,
  pf_fragment: /^application\/octet-stream$/,
  pf_index: /^application\/octet-stream$/,
  pf_filter: /^application\/octet-stream$/,
};

function expectSecurityHeaders(url: string, res: RawResponse) {
  const h = res.headers;
  expect(h['content-security-policy'], url).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';.*frame-ancestors 'none'/);
  expect(h['x-content-type-options'], url).toBe('nosniff');
  expect(h['referrer-policy'], url).toBe('same-origin');
  expect(h['permissions-policy'], url).toMatch(/camera=\(\)/);
  expect(h['x-frame-options'], url).toBe('DENY');
  expect(h['server'] ?? '', `${url}: the nginx version is not announced`).not.toMatch(/\d/);
}

let server: Nginx;

beforeAll(async () => {
  server = await startNginx(siteDir);
});

afterAll(async () => {
  await server?.stop();
});

describe('every file the build makes', () => {
  test('has a type, security headers, and the right caching', async () => {
    const problems: string[] = [];
    for (const path of files) {
      const res = await get(`${server.origin}${path}`);
      const ext = /\.([a-z0-9_]+)$/.exec(path)?.[1] ?? '';
      const type = types[ext];
      if (res.status !== 200) problems.push(`${path}: HTTP ${res.status}`);
      if (!type) problems.push(`${path}: no content type is known for .${ext} (add it to deploy/nginx.conf and this test)`);
      else if (!type.test(res.headers['content-type'] ?? '')) problems.push(`${path}: Content-Type ${res.headers['content-type']}`);
      const cache = res.headers['cache-control'];
      if (isHashed(path) ? cache !== YEAR : cache !== 'no-cache') problems.push(`${path}: Cache-Control ${cache}`);
      try {
        expectSecurityHeaders(path, res);
      } catch (error) {
        problems.push((error as Error).message.split('\n')[0]!);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test("the files Pagefind fetches by a fixed name are revalidated, not kept for a year", () => {
    const fixed = files.filter((p) => /^\/pagefind\/(pagefind\.js|pagefind-entry\.json|pagefind-worker\.js|wasm\.[a-z-]+\.pagefind)$/.test(p));
    expect(fixed.length).toBeGreaterThanOrEqual(3);
    for (const path of fixed) expect(isHashed(path), path).toBe(false);
    // Pages are never cached for good either.
    for (const path of files.filter((p) => p.endsWith('.html'))) expect(isHashed(path), path).toBe(false);
  });
});

describe('pages', () => {
  test('a guide page: HTML in UTF-8, revalidated, with every security header', async () => {
    const guide = pages.find((p) => p.kind === 'guide')!;
    const res = await get(`${server.origin}${guide.path}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(guide.path, res);
  });

  test('a page address without its final slash redirects to it, keeping the host', async () => {
    const guide = pages.find((p) => p.kind === 'guide' && p.path.length > 4)!;
    const res = await get(`${server.origin}${guide.path.slice(0, -1)}`);
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe(guide.path);
  });
});

describe('not found', () => {
  const notFoundPages = pages.filter((p) => p.kind === 'not-found');
  test('the build has a 404 page per language', () => {
    expect(notFoundPages.length).toBeGreaterThanOrEqual(3);
  });
  for (const page of notFoundPages) {
    // /404.html serves the site root, /nn/404/ everything under /nn/.
    const prefix = page.path === '/404.html' ? '/' : page.path.replace(/404\/$/, '');
    for (const missing of [`${prefix}finnes-ikke/`, `${prefix}finnes/ikke/heller`]) {
      test(`${missing} → ${page.path} with status 404`, async () => {
        const res = await get(`${server.origin}${missing}`);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.body.toString('utf8')).toBe(readFileSync(page.file, 'utf8'));
        expectSecurityHeaders(missing, res);
      });
    }
  }
  test('a missing asset is a 404 that is not cached for a year', async () => {
    const res = await get(`${server.origin}/_astro/finnes-ikke.0123abcd.css`);
    expect(res.status).toBe(404);
    expect(res.headers['cache-control'] ?? '').not.toContain('immutable');
  });
});

describe('compression', () => {
  const gzip = { 'accept-encoding': 'gzip' };
  const compressible = [
    pages.find((p) => p.kind === 'guide')!.path,
    files.find((p) => p.endsWith('.css'))!,
    files.find((p) => p.startsWith('/_astro/') && p.endsWith('.js')) ?? '/pagefind/pagefind.js',
  ];
  test.each(compressible)('%s is sent gzip-compressed', async (path) => {
    const res = await get(`${server.origin}${path}`, gzip);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    const file = path.endsWith('/') ? join(siteDir, path, 'index.html') : join(siteDir, path);
    expect(gunzipSync(res.body).equals(readFileSync(file))).toBe(true);
  });

  test("Pagefind's already-compressed index files are sent as they are", async () => {
    const binaries = files.filter((p) => /\.(pagefind|pf_[a-z]+)$/.test(p));
    expect(binaries.length).toBeGreaterThan(0);
    for (const path of binaries) {
      const res = await get(`${server.origin}${path}`, gzip);
      expect(res.headers['content-encoding'], path).toBeUndefined();
      expect(res.body.equals(readFileSync(join(siteDir, path))), path).toBe(true);
    }
  });
});
