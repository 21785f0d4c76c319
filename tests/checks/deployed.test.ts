/**
 * npm run check:deployed, run as the real command against a local stand-in for a published
 * guide (a node server with a tiny site under /veiledning/, and a second server as "another
 * site"), and against the real nginx with deploy/nginx.conf serving the built site over HTTPS.
 * No test reaches a real host.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startNginx } from '../../scripts/lib/nginx.ts';
import { cacheControlFor, securityHeaders } from '../../src/lib/headers.ts';
import { projectRoot } from './helpers.ts';

/** Runs `node scripts/check-deployed.ts …` and collects what it prints. */
function checkDeployed(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; output: string; lines: string[] }> {
  const clean: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: '', ...env };
  for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete clean[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/check-deployed.ts', ...args], { cwd: projectRoot, env: clean });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output, lines: output.split('\n') }));
  });
}

const BASE = '/veiledning/';
const page = (body: string, head = '') =>
  `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Logg inn</title><link rel="stylesheet" href="${BASE}_astro/Base.Ab12Cd34.css"><link rel="icon" href="${BASE}favicon.svg">${head}</head><body>${body}</body></html>`;
const searchPage = page(`<a href="${BASE}">Start</a><script type="module" src="${BASE}_astro/SearchPage.Ab12Cd34.js"></script>`, `<link rel="modulepreload" href="${BASE}pagefind/pagefind.js">`);

/** Faults a test plants in the stand-in. */
const planted = {
  brokenLink: false,
  dropHeader: undefined as { path: string; header: string } | undefined,
  /** Links on bankid/ to a page that moved (301), a slow page, and one behind a rate limit (429, Retry-After: 1, once). */
  awkwardLinks: false,
  /** The slow page never answers. */
  hang: false,
};
let rateLimited = 0;

let site: Server;
let other: Server;
let siteUrl = '';
let otherOrigin = '';
/** `METHOD path` of every request each server got. */
const siteRequests: string[] = [];
const otherRequests: string[] = [];

function files(): Record<string, { type: string; body: string }> {
  const html = (body: string) => ({ type: 'text/html; charset=utf-8', body });
  return {
    '': html(
      page(
        `<a href="${BASE}nn/">Nynorsk</a> <a href="${BASE}en/">English</a> <a href="${BASE}bankid/">BankID</a>` +
          `<picture><source type="image/avif" srcset="${BASE}img/velg.0123456789.1x.avif 1x"><img src="${BASE}screenshots/velg.png" alt="Velg"></picture>` +
          `<a href="${BASE}pdf/logg-inn.pdf">PDF</a> <a href="/elsewhere/">Intranett</a> <a href="${otherOrigin}/gone">Another site</a>`,
      ),
    ),
    'bankid/': html(page(`<a href="${BASE}">Start</a>${planted.awkwardLinks ? `<a href="${BASE}flyttet/">Flyttet</a> <a href="${BASE}treg/">Treg</a> <a href="${BASE}travel/">Travel</a>` : ''}`)),
    'treg/': html(page('<p>Treg side</p>')),
    'travel/': html(page('<p>Travel side</p>')),
    'nn/': html(page(`<a href="${BASE}">Bokmål</a>${planted.brokenLink ? '<a href="missing/">Ny side</a>' : ''}`)),
    'en/': html(page(`<a href="${BASE}">Bokmål</a>`)),
    'sok/': html(searchPage),
    'nn/sok/': html(searchPage),
    'en/sok/': html(searchPage),
    '_astro/Base.Ab12Cd34.css': { type: 'text/css; charset=utf-8', body: 'body{margin:0}' },
    '_astro/SearchPage.Ab12Cd34.js': { type: 'text/javascript; charset=utf-8', body: 'export {};' },
    'favicon.svg': { type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
    'img/velg.0123456789.1x.avif': { type: 'image/avif', body: 'avif' },
    'screenshots/velg.png': { type: 'image/png', body: 'png' },
    'pdf/logg-inn.pdf': { type: 'application/pdf', body: '%PDF-1.7' },
    'pagefind/pagefind.js': { type: 'text/javascript; charset=utf-8', body: 'export {};' },
    'pagefind/pagefind-entry.json': { type: 'application/json', body: JSON.stringify({ version: '1.6.0', languages: { nb: { hash: 'nb_0123456789', wasm: 'nb', page_count: 4 } } }) },
    'pagefind/pagefind.nb_0123456789.pf_meta': { type: 'application/octet-stream', body: 'meta' },
  };
}

/** The guide as deploy/nginx.conf serves it: every header of src/lib/headers.ts, except a planted fault. */
function serveSite(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  siteRequests.push(`${req.method} ${path}`);
  const headers: Record<string, string> = { ...securityHeaders };
  if (path === '/elsewhere/') {
    // Another application on the same host: checked, never crawled.
    res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end('<a href="/elsewhere/deeper/">deeper</a>');
    return;
  }
  if (path === `${BASE}flyttet/`) {
    res.writeHead(301, { ...headers, location: `${BASE}bankid/` }).end();
    return;
  }
  if (path === `${BASE}treg/` && planted.hang) return; // Never answers: the check must give up on its own.
  if (path === `${BASE}travel/` && ++rateLimited === 1) {
    res.writeHead(429, { ...headers, 'retry-after': '1' }).end();
    return;
  }
  const file = path.startsWith(BASE) ? files()[path.slice(BASE.length)] : undefined;
  if (!file) {
    res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end(page('<h1>Fant ikke siden</h1>'));
    return;
  }
  headers['content-type'] = file.type;
  headers['cache-control'] = cacheControlFor(`/${path.slice(BASE.length)}`);
  if (planted.dropHeader?.path === path) delete headers[planted.dropHeader.header];
  const answer = () => res.writeHead(200, headers).end(file.body);
  if (path === `${BASE}treg/`) setTimeout(answer, 700);
  else answer();
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = async (server: Server) => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
};

beforeAll(async () => {
  site = createServer(serveSite);
  other = createServer((req, res) => {
    otherRequests.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  siteUrl = `${await listen(site)}${BASE}`;
  otherOrigin = await listen(other);
});

afterAll(async () => {
  await close(site);
  await close(other);
});

beforeEach(() => {
  planted.brokenLink = false;
  planted.dropHeader = undefined;
  planted.awkwardLinks = false;
  planted.hang = false;
  rateLimited = 0;
  siteRequests.length = 0;
  otherRequests.length = 0;
});

describe('check:deployed against a stand-in server', () => {
  it('passes a site with every link working and every header right, crawling only the guide', async () => {
    const { status, output } = await checkDeployed([siteUrl]);
    expect(output).toContain('✔ No problems (1 warning)');
    expect(status, output).toBe(0);
    // Plain HTTP is a warning, not a failure.
    expect(output).toContain(`${siteUrl}  the guide is served over plain HTTP`);
    // The sample: the files of each kind were asked for, with their headers checked.
    for (const file of ['_astro/Base.Ab12Cd34.css', '_astro/SearchPage.Ab12Cd34.js', 'img/velg.0123456789.1x.avif', 'pdf/logg-inn.pdf', 'pagefind/pagefind.js', 'pagefind/pagefind.nb_0123456789.pf_meta', 'nn/', 'en/', 'sok/']) {
      expect(siteRequests, file).toContain(`GET ${BASE}${file}`);
    }
    // The rest of the host is checked, not crawled; other sites are not asked at all.
    expect(siteRequests).toContain('HEAD /elsewhere/');
    expect(siteRequests.filter((r) => !r.includes(BASE) && r !== 'HEAD /elsewhere/')).toEqual([]);
    expect(otherRequests).toEqual([]);
  });

  it('names a broken link and the page it is on', async () => {
    planted.brokenLink = true;
    const { status, output, lines } = await checkDeployed([siteUrl]);
    expect(status, output).toBe(1);
    expect(lines).toContain(`${siteUrl}nn/  broken link to ${siteUrl}nn/missing/, which answers 404: fix the link, or publish what it points to`);
    expect(output).toContain('✖ 1 broken link (1 warning)');
  });

  it('names a file that lacks a security header, and the header', async () => {
    planted.dropHeader = { path: `${BASE}_astro/Base.Ab12Cd34.css`, header: 'x-content-type-options' };
    const { status, output, lines } = await checkDeployed([siteUrl]);
    expect(status, output).toBe(1);
    expect(lines).toContain(
      `${siteUrl}_astro/Base.Ab12Cd34.css  no X-Content-Type-Options header: send "X-Content-Type-Options: nosniff" with every response, error pages included (deploy/nginx-subpath.conf)`,
    );
    expect(output).toContain('✖ 1 header problem (1 warning)');
  });

  it('names a wrong Cache-Control, judged from the path within the guide', async () => {
    planted.dropHeader = { path: `${BASE}img/velg.0123456789.1x.avif`, header: 'cache-control' };
    const { status, lines } = await checkDeployed([siteUrl]);
    expect(status).toBe(1);
    expect(lines.find((l) => l.startsWith(`${siteUrl}img/velg.0123456789.1x.avif  `))).toContain(
      'Cache-Control is missing, not "public, max-age=31536000, immutable": its name holds a hash of its content',
    );
  });

  it('follows a moved page, waits for a slow one, and asks a rate-limited one again after its Retry-After', { timeout: 60_000 }, async () => {
    planted.awkwardLinks = true;
    const { status, output } = await checkDeployed([siteUrl, '--timeout', '5000']);
    expect(output).toContain('✔ No problems (1 warning)');
    expect(status, output).toBe(0);
    expect(siteRequests.filter((r) => r.endsWith(`${BASE}travel/`)).length).toBeGreaterThan(1);
    expect(siteRequests.some((r) => r.endsWith(`${BASE}treg/`))).toBe(true);
  });

  it('names a page that never answers as a broken link, with the page it is on', { timeout: 60_000 }, async () => {
    planted.awkwardLinks = true;
    planted.hang = true;
    const { status, output, lines } = await checkDeployed([siteUrl, '--timeout', '1500', '--retries', '0']);
    expect(status, output).toBe(1);
    expect(lines.find((l) => l.startsWith(`${siteUrl}bankid/  broken link to ${siteUrl}treg/`)), output).toBeTruthy();
  });

  it('checks links to other sites with --external', async () => {
    const { status, output, lines } = await checkDeployed([siteUrl, '--external']);
    expect(status, output).toBe(1);
    expect(lines).toContain(`${siteUrl}  broken link to ${otherOrigin}/gone, which answers 404: fix the link, or publish what it points to`);
    expect(otherRequests.length).toBeGreaterThan(0);
  });

  it('refuses to run without an http(s) address', async () => {
    for (const args of [[], ['ftp://intranett.example/'], ['veiledning.intranett.example']]) {
      const { status, output } = await checkDeployed(args);
      expect(status, args.join(' ')).toBe(2);
      expect(output).toContain('Usage: npm run check:deployed -- <url>');
    }
  });
});

describe('check:deployed against nginx with deploy/nginx.conf, over HTTPS', () => {
  const siteDir = inject('siteDir');
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  /** NODE_EXTRA_CA_CERTS names a file: the test nginx's self-signed certificate. */
  function trust(ca: string): NodeJS.ProcessEnv {
    const dir = mkdtempSync(join(tmpdir(), 'check-deployed-ca-'));
    made.push(dir);
    writeFileSync(join(dir, 'ca.pem'), ca);
    return { NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') };
  }

  it('passes the built site, with http:// redirecting to https://', async () => {
    const nginx = await startNginx(siteDir);
    try {
      const { status, output } = await checkDeployed([nginx.url, '--http', `${nginx.httpOrigin}${nginx.base}`], trust(nginx.ca));
      expect(output).toContain('✔ No problems');
      expect(status, output).toBe(0);
    } finally {
      await nginx.stop();
    }
  });

  it('fails on a planted broken link and a missing header, naming the page and the header', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'check-deployed-site-'));
    made.push(copy);
    cpSync(siteDir, copy, { recursive: true });
    const bankid = join(copy, 'bankid/index.html');
    writeFileSync(bankid, readFileSync(bankid, 'utf8').replace('</main>', '<a href="missing/">Ny side</a></main>'));
    const nginx = await startNginx(copy, 'root', { edit: (config) => config.replace(/^[ \t]*add_header X-Content-Type-Options .*\n/m, '') });
    try {
      expect(nginx.config).not.toContain('add_header X-Content-Type-Options');
      const { status, output, lines } = await checkDeployed([nginx.url], trust(nginx.ca));
      expect(status, output).toBe(1);
      expect(lines).toContain(`${nginx.url}bankid/  broken link to ${nginx.url}bankid/missing/, which answers 404: fix the link, or publish what it points to`);
      // Every response lacks it: the start page, the 404 page, the files.
      expect(lines).toContain(`${nginx.url}  no X-Content-Type-Options header: send "X-Content-Type-Options: nosniff" with every response, error pages included (deploy/nginx.conf)`);
      expect(lines.filter((l) => l.includes('no X-Content-Type-Options header')).length).toBeGreaterThan(5);
    } finally {
      await nginx.stop();
    }
  });
});
