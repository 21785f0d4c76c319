/**
 * deploy/nginx.conf in a real nginx, serving the built site over HTTPS with a certificate
 * made for the test: TLS 1.2 or later only, HTTP/2, plain HTTP redirected to HTTPS, the
 * security headers of src/lib/headers.ts on every response, a year's caching for files named
 * by their content hash and revalidation for the rest, a correct type for every file the
 * build makes (Pagefind's index included, and not compressed twice), localized 404 pages
 * with status 404, redirects that keep the host, gzip, and no dotfile served. The sub-path
 * config is held to the same and to serving nothing outside its folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as http2Connect } from 'node:http2';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { connect as tlsConnect, type SecureVersion } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { get, type RawResponse } from './lib/http.ts';
import { startNginx, type Nginx, type NginxOptions, type Variant } from '../../scripts/lib/nginx.ts';
import { cacheControlFor, CACHE_FOREVER, isContentHashed, securityHeaders } from '../../src/lib/headers.ts';
import { listPages } from './lib/site.ts';

const siteDir = inject('siteDir');
const pages = listPages(siteDir);

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)]));
}
/** Every file of the build as a site path: `/_astro/Base.x.css`, `/index.html`, … */
const files = filesOf(siteDir).map((f) => `/${relative(siteDir, f).split(sep).join('/')}`);

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
  for (const [name, value] of Object.entries(securityHeaders)) expect(res.headers[name], `${url}: ${name}`).toBe(value);
  expect(res.headers['server'] ?? '', `${url}: the nginx version is not announced`).not.toMatch(/\d/);
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
      if (cache !== cacheControlFor(path)) problems.push(`${path}: Cache-Control ${cache}`);
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
    for (const path of fixed) expect(isContentHashed(path), path).toBe(false);
    // Pages are never cached for good either.
    for (const path of files.filter((p) => p.endsWith('.html'))) expect(isContentHashed(path), path).toBe(false);
    expect(files.filter(isContentHashed).length).toBeGreaterThan(10);
    for (const path of files.filter(isContentHashed)) expect(cacheControlFor(path)).toBe(CACHE_FOREVER);
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

describe('HTTPS', () => {
  /** The TLS version a handshake settles on, or the error that ended it. */
  function handshake(min: SecureVersion, max: SecureVersion): Promise<string> {
    const { port } = new URL(server.origin);
    return new Promise((resolve) => {
      // SECLEVEL=0 lets this client offer old versions, so it is the server that must refuse them.
      const socket = tlsConnect({ host: '127.0.0.1', port: Number(port), ca: server.ca, minVersion: min, maxVersion: max, ciphers: 'DEFAULT:@SECLEVEL=0' });
      socket.once('secureConnect', () => {
        resolve(socket.getProtocol() ?? 'unknown');
        socket.end();
      });
      socket.once('error', (error) => resolve(`refused: ${error.message}`));
    });
  }

  test('TLS 1.2 and 1.3 are spoken, with a certificate the client can verify', async () => {
    expect(await handshake('TLSv1.2', 'TLSv1.2')).toBe('TLSv1.2');
    expect(await handshake('TLSv1.3', 'TLSv1.3')).toBe('TLSv1.3');
  });

  test('TLS 1.0 and 1.1 are refused', async () => {
    // Refused by the server (an alert), not failed in this client.
    expect(await handshake('TLSv1', 'TLSv1.1')).toMatch(/^refused: .*(alert protocol version|handshake failure)/i);
  });

  test('pages are served over HTTP/2, with the security headers', async () => {
    const session = http2Connect(server.origin, { ca: server.ca });
    try {
      const guide = pages.find((p) => p.kind === 'guide')!;
      const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
        const stream = session.request({ ':path': guide.path });
        stream.once('response', (h) => {
          resolve(h);
          stream.close();
        });
        stream.once('error', reject);
      });
      expect(session.alpnProtocol).toBe('h2');
      expect(headers[':status']).toBe(200);
      for (const [name, value] of Object.entries(securityHeaders)) expect(headers[name], name).toBe(value);
    } finally {
      session.close();
    }
  });

  test("the redirect names the server's own host, whatever Host header a client sends", async () => {
    const res = await get(`${server.httpOrigin}/bankid/`, { host: 'evil.example' });
    expect([res.status, res.headers['location']]).toEqual([301, 'https://127.0.0.1/bankid/']);
  });

  test('plain HTTP sends the reader to the same address over HTTPS, and serves nothing itself', async () => {
    for (const path of ['/', '/nn/bankid/?fra=intranett', '/pagefind/pagefind.js']) {
      const res = await get(`${server.httpOrigin}${path}`);
      expect(res.status, path).toBe(301);
      expect(res.headers['location'], path).toBe(`https://127.0.0.1${path}`);
      expect(res.body.toString('utf8'), path).not.toContain('Pagefind');
    }
  });
});

/** A small site of its own (not the shared build), with the dotfiles a careless copy leaves behind. */
async function plantedSite(variant: Variant, options: NginxOptions = {}): Promise<{ nginx: Nginx; work: string }> {
  const work = mkdtempSync(join(tmpdir(), 'guide-nginx-planted-'));
  const site = join(work, 'site');
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>Forside</title>',
    '404.html': '<!doctype html><title>Finnes ikke</title>',
    'nn/404/index.html': '<!doctype html><title>Finst ikkje</title>',
    'en/404/index.html': '<!doctype html><title>Not found</title>',
    'img/bilde.0123456789.1x.avif': 'avif',
    '.env': 'SECRET=1',
    '.git/config': '[core]',
    'nn/.utkast.mdx.swp': 'swap',
    'img/.skjult.png': 'png',
    '.well-known/security.txt': 'Contact: mailto:it@example.org',
    '.well-known/.hemmelig': 'x',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(site, name)), { recursive: true });
    writeFileSync(join(site, name), text);
  }
  return { nginx: await startNginx(site, variant, options), work };
}

describe('files that are not the guide are never served', () => {
  let planted: { nginx: Nginx; work: string };
  beforeAll(async () => {
    planted = await plantedSite('root');
  });
  afterAll(async () => {
    await planted?.nginx.stop();
    if (planted) rmSync(planted.work, { recursive: true, force: true });
  });

  test.each(['/.env', '/.git/config', '/.git/', '/nn/.utkast.mdx.swp', '/img/.skjult.png', '/.well-known/.hemmelig', '/.well-known', '/nn/.git/../.env', '/%2eenv', '/nn/%2egit/config', '/.well-known/..%2f.env', '/.well-known%2f..%2f.env', '/img/%2Eskjult.png'])(
    '%s is a 404, with the security headers',
    async (path) => {
      const res = await get(`${planted.nginx.origin}${path}`);
      expect(res.status).toBe(404);
      expect(res.body.toString('utf8')).not.toMatch(/SECRET|\[core\]|swap|png|^x$/);
      expectSecurityHeaders(path, res);
    },
  );

  test('/.well-known/ stays open, and ordinary files are served', async () => {
    expect((await get(`${planted.nginx.origin}/.well-known/security.txt`)).status).toBe(200);
    expect((await get(`${planted.nginx.origin}/img/bilde.0123456789.1x.avif`)).status).toBe(200);
  });
});

describe('deploy/nginx-subpath.conf serves the guide and nothing else under its root', () => {
  let planted: { nginx: Nginx; work: string };
  beforeAll(async () => {
    // An intranet server's own regex location for static files, which nginx prefers to plain
    // prefix locations: the guide's files must still be served by the guide's location.
    const regexLocation = (config: string) => config.replace(/^(\s*)location \/ \{/m, '$1location ~* \\.(css|js|png|avif|html)$ {\n$1    return 418;\n$1}\n$1location / {');
    planted = await plantedSite('subpath', { edit: regexLocation });
    expect(planted.nginx.config).toContain('return 418;');
    // What else an intranet server's folder may hold, beside the guide's.
    writeFileSync(join(planted.nginx.documentRoot, 'passord.txt'), 'hemmelig');
    mkdirSync(join(planted.nginx.documentRoot, 'annet'));
    writeFileSync(join(planted.nginx.documentRoot, 'annet', 'index.html'), '<title>Annet</title>');
  });
  afterAll(async () => {
    await planted?.nginx.stop();
    if (planted) rmSync(planted.work, { recursive: true, force: true });
  });

  test('the guide is served under its sub-path, over HTTPS, with every header, even beside the server\'s regex locations', async () => {
    for (const path of ['', 'index.html', 'img/bilde.0123456789.1x.avif']) {
      const res = await get(`${planted.nginx.url}${path}`);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(path, res);
    }
    const res = await get(`${planted.nginx.url}`);
    expect(res.body.toString('utf8')).toContain('Forside');
    const bare = await get(`${planted.nginx.origin}/veiledning`);
    expect([bare.status, bare.headers['location']]).toEqual([301, '/veiledning/']);
    const http = await get(`${planted.nginx.httpOrigin}/veiledning/`);
    expect([http.status, http.headers['location']]).toEqual([301, 'https://127.0.0.1/veiledning/']);
  });

  test.each(['/passord.txt', '/annet/', '/annet/index.html', '/', '/veiledning/../passord.txt'])('%s, outside the sub-path, is not served', async (path) => {
    const res = await get(`${planted.nginx.origin}${path}`);
    // 404 from the config's `location /`, or the planted regex location's 418 for /annet/index.html.
    expect([404, 418]).toContain(res.status);
    expect(res.body.toString('utf8')).not.toMatch(/hemmelig|Annet|Forside/);
  });

  test.each(['/veiledning/.env', '/veiledning/.git/config', '/veiledning/nn/.utkast.mdx.swp', '/veiledning/img/.skjult.png', '/veiledning/%2eenv', '/veiledning/img/%2eskjult.png'])('%s, a dotfile, is a 404 with the security headers', async (path) => {
    const res = await get(`${planted.nginx.origin}${path}`);
    expect(res.status).toBe(404);
    expect(res.body.toString('utf8')).toContain('Finn');
    expectSecurityHeaders(path, res);
  });
});
