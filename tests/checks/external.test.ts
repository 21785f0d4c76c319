import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternalLinks, externalLinks, externalProblems, formatExternalReport } from '../../src/lib/checks/external.ts';
import { loadProject } from '../../src/lib/checks/project.ts';
import { fixture, located, removeFixtures } from './helpers.ts';

// A local stand-in for the web: no test reaches a real host.
let server: Server;
let origin = '';
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/ok') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    else if (path === '/gone') res.writeHead(404).end('not found');
    else if (path === '/moved') res.writeHead(301, { location: '/ok' }).end();
    else if (path === '/flaky') res.writeHead(hits.get(path) === 1 ? 503 : 200).end();
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
  it('tells ok, redirected, broken and unreachable addresses apart, with retries', { timeout: 30_000 }, async () => {
    const urls = ['/ok', '/gone', '/moved', '/slow', '/flaky'].map((p) => `${origin}${p}`);
    // A timeout long enough that a busy machine still answers the others in time.
    const outcomes = await checkExternalLinks(urls, { timeoutMs: 3_000, retries: 1, retryDelayMs: 10 });

    expect(outcomes.get(`${origin}/ok`)).toMatchObject({ state: 'ok', status: 200, attempts: 1 });
    expect(outcomes.get(`${origin}/gone`)).toMatchObject({ state: 'broken', status: 404, attempts: 1 });
    expect(outcomes.get(`${origin}/moved`)).toMatchObject({ state: 'redirect', status: 200, finalUrl: `${origin}/ok` });
    expect(outcomes.get(`${origin}/slow`)).toMatchObject({ state: 'unreachable', attempts: 2, detail: 'no answer within 3 s' });
    // A 503 is tried again, and the second answer counts.
    expect(outcomes.get(`${origin}/flaky`)).toMatchObject({ state: 'ok', attempts: 2 });
    expect(hits.get('/gone')).toBe(1);

    const report = formatExternalReport(outcomes);
    expect(report).toContain('5 addresses: 2 ok, 1 redirected, 1 broken, 1 unreachable');
    expect(report).toContain(`→ ${origin}/ok`);
  });

  it('reports each failed address where it is written', async () => {
    const root = fixture();
    const links = externalLinks(await loadProject(root));
    expect(links.map((l) => `${l.at.file}:${l.at.line}:${l.at.column} ${l.url}`)).toEqual([
      'src/content/guides/en/bankid.mdx:10:23 https://www.bankid.no/',
      'src/content/guides/nb/bankid.mdx:10:22 https://www.bankid.no/',
    ]);
    // Pretend the address is gone, without asking the real host.
    const outcomes = new Map([['https://www.bankid.no/', { url: 'https://www.bankid.no/', state: 'broken' as const, status: 404, attempts: 1, ms: 5 }]]);
    const problems = externalProblems(links, outcomes);
    expect(located(problems)).toEqual(['src/content/guides/en/bankid.mdx:10:23  external/broken', 'src/content/guides/nb/bankid.mdx:10:22  external/broken']);
    expect(problems[0]?.message).toContain('"https://www.bankid.no/" answered 404');
  });
});
