import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkExternalLinks, externalLinks, externalProblems, formatExternalReport } from '../../src/lib/checks/external.ts';
import { loadProject } from '../../src/lib/checks/project.ts';
import { fixture, located, removeFixtures } from './helpers.ts';
import { startNginx, testCertificate } from '../../scripts/lib/nginx.ts';

// A local stand-in for the web: no test reaches a real host.
let server: Server;
let origin = '';
/** When each path was asked for, in ms since the epoch, in order. */
const hits = new Map<string, number[]>();
const hitCount = (path: string) => hits.get(path)?.length ?? 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, [...(hits.get(path) ?? []), Date.now()]);
    const seen = hitCount(path);
    if (path === '/ok' || path === '/new') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    else if (path === '/gone') res.writeHead(404).end('not found');
    else if (path === '/moved') res.writeHead(301, { location: '/new' }).end();
    // Rate-limited once: "come back in a second".
    else if (path === '/busy') res.writeHead(seen === 1 ? 429 : 200, seen === 1 ? { 'retry-after': '1' } : {}).end();
    // Down for the first attempt (linkinator asks with HEAD, then with GET), up after.
    else if (path === '/flaky') res.writeHead(seen <= 2 ? 503 : 200).end();
    else if (path === '/slow') return; // Never answers: the check must give up on its own.
    else res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  removeFixtures();
});

describe('external link check', () => {
  it('tells ok, redirected, broken and unreachable addresses apart, and retries what may pass', { timeout: 60_000 }, async () => {
    const paths = ['/ok', '/gone', '/moved', '/slow', '/busy', '/flaky'];
    // /ok is written twice, once with a fragment: it is still asked for once.
    const urls = [...paths.map((p) => `${origin}${p}`), `${origin}/ok#steg-2`];
    const retries: string[] = [];
    // A timeout long enough that a busy machine still answers the others in time; no jitter.
    const outcomes = await checkExternalLinks(urls, { timeoutMs: 1_500, retries: 1, retryJitterMs: 0, onRetry: (r) => retries.push(r.url) });

    expect(outcomes.get(`${origin}/ok`)).toMatchObject({ state: 'ok', status: 200, attempts: 1 });
    expect(outcomes.get(`${origin}/ok#steg-2`)).toMatchObject({ state: 'ok', status: 200 });
    expect(hitCount('/ok')).toBe(1);
    expect(outcomes.get(`${origin}/gone`)).toMatchObject({ state: 'broken', status: 404, attempts: 1 });
    expect(outcomes.get(`${origin}/moved`)).toMatchObject({ state: 'redirect', status: 200, finalUrl: `${origin}/new` });
    // No answer within the timeout, asked again once, then given up.
    expect(outcomes.get(`${origin}/slow`)).toMatchObject({ state: 'unreachable', attempts: 2, detail: 'no answer within 1.5 s' });
    // A 503 is tried again, and the answer after that counts.
    expect(outcomes.get(`${origin}/flaky`)).toMatchObject({ state: 'ok', status: 200, attempts: 2 });
    expect(hitCount('/flaky')).toBeGreaterThan(2);
    // A 429 with Retry-After: 1 is asked again, no sooner than a second later.
    expect(outcomes.get(`${origin}/busy`)).toMatchObject({ state: 'ok', status: 200, attempts: 2 });
    const [first, second] = hits.get('/busy') ?? [];
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    expect(retries.sort()).toEqual([`${origin}/busy`, `${origin}/flaky`, `${origin}/slow`]);

    const report = formatExternalReport(outcomes);
    expect(report).toContain('7 addresses: 4 ok, 1 redirected, 1 broken, 1 unreachable');
    expect(report).toContain(`→ ${origin}/new`);
  });

  it('reports each failed address where it is written', async () => {
    const root = fixture();
    const written = externalLinks(await loadProject(root));
    expect(written.map((l) => `${l.at.file}:${l.at.line}:${l.at.column} ${l.url}`)).toEqual([
      'src/content/guides/en/bankid.mdx:11:23 https://www.bankid.no/',
      'src/content/guides/nb/bankid.mdx:10:22 https://www.bankid.no/',
    ]);
    // The same places, with the address pointed at the stand-in, where it is gone or moved.
    for (const [path, rule, severity] of [
      ['/gone', 'external/broken', 'error'],
      ['/moved', 'external/redirect', 'warning'],
    ] as const) {
      const links = written.map((l) => ({ ...l, url: `${origin}${path}` }));
      const problems = externalProblems(links, await checkExternalLinks([`${origin}${path}`], { timeoutMs: 5_000, retries: 0 }));
      expect(located(problems, severity)).toEqual([`src/content/guides/en/bankid.mdx:11:23  ${rule}`, `src/content/guides/nb/bankid.mdx:10:22  ${rule}`]);
      expect(problems[0]?.message).toContain(path === '/gone' ? `"${origin}/gone" answered 404` : `"${origin}/moved" now leads to "${origin}/new"`);
    }
  });
});

describe('npm run check:external against the real nginx, over HTTPS', () => {
  it('reports a link to a missing page and one that redirects, where each is written', { timeout: 120_000 }, async () => {
    const site = fixture();
    const nginx = await startNginx(inject('siteDir'));
    try {
      // The fixture's two links, pointed at the guide nginx serves: a page it does not have, and a page address without its slash.
      const pages = { nb: `${nginx.url}finnes-ikke/`, en: `${nginx.url}bankid` };
      for (const [locale, url] of Object.entries(pages)) {
        const file = join(site, `src/content/guides/${locale}/bankid.mdx`);
        writeFileSync(file, readFileSync(file, 'utf8').replace('https://www.bankid.no/', url));
      }
      const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/check-external.ts'), '--root', site, '--retries', '0', '--timeout', '10000'], {
        encoding: 'utf8',
        // Trust the test nginx's own certificate, the way an intranet CA is trusted.
        env: { ...process.env, NODE_EXTRA_CA_CERTS: testCertificate().cert },
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status, output).toBe(1);
      expect(output).toContain(`src/content/guides/nb/bankid.mdx:10:22  external/broken`);
      expect(output).toContain(`"${pages.nb}" answered 404`);
      expect(output).toContain(`src/content/guides/en/bankid.mdx:11:23  external/redirect`);
      expect(output).toContain(`"${pages.en}" now leads to "${pages.en}/"`);
    } finally {
      await nginx.stop();
    }
  });
});
