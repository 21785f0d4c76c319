import { rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startDevServer, type DevServer } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

let root: string;
let dev: DevServer;
let origin: string;
let port: number;
/** The address the dev server listens on, as Astro reports it. */
let listening: string;

beforeAll(async () => {
  // A copy of the project, so the preview cannot disturb the other tests. The host is the
  // project's own (astro.config.mjs): what `npm run dev` listens on.
  root = copyProject({});
  dev = await startDevServer(root);
  ({ origin, port, host: listening } = dev);
});

afterAll(() => {
  dev?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm run dev (the editors’ preview)', () => {
  test('listens on this machine only: drafts and unconfirmed values never reach the network', async () => {
    expect(['127.0.0.1', '::1']).toContain(listening);
    // From any of the machine's network addresses, nothing answers on the preview's port.
    const outside = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && !a.address.startsWith('fe80:'));
    for (const { address } of outside.map((a) => a!)) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port, timeout: 2000 });
        socket.once('connect', () => {
          resolve('connected');
          socket.destroy();
        });
        socket.once('timeout', () => {
          resolve('timeout');
          socket.destroy();
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(answer, `${address}:${port}`).not.toBe('connected');
    }
  });

  test('is styled, with no Content-Security-Policy error: the built pages carry the policy, the preview does not', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      // Vite may reload the page once while it optimises dependencies on a first visit.
      const look = () => page.evaluate(() => ({ sheets: document.styleSheets.length, font: getComputedStyle(document.body).fontFamily }));
      await page.goto(`${origin}/bankid/`, { waitUntil: 'networkidle' });
      const styled = await look().catch(async () => {
        await page.waitForLoadState('networkidle');
        return look();
      });
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
      expect(styled.sheets).toBeGreaterThan(0);
      expect(styled.font).not.toMatch(/^"?Times/);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('shows every screenshot of a guide page: each image the page asks for is served', async () => {
    const html = parse(await (await fetch(`${origin}/buypass-smartkort/`)).text());
    const sources = html.querySelectorAll('figure.screenshot source').flatMap((s) => s.getAttribute('srcset')!.split(',').map((c) => c.trim().split(/\s+/)[0]!));
    const images = html.querySelectorAll('figure.screenshot img').map((img) => img.getAttribute('src')!);
    expect(sources.length, 'AVIF variants on the page').toBeGreaterThan(0);
    const served = await Promise.all(
      [...sources, ...images].map(async (url) => {
        const response = await fetch(new URL(url, origin));
        return `${url} ${response.status} ${response.headers.get('content-type')}`;
      }),
    );
    expect(served).toEqual([...sources.map((u) => `${u} 200 image/avif`), ...images.map((u) => `${u} 200 image/png`)]);
  });
});
