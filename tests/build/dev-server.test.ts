import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroEnv, runner } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

let root: string;
let work: string;
let server: ChildProcess;
let origin: string;

beforeAll(async () => {
  // A copy of the project with Astro's and Vite's caches of its own, so the preview cannot disturb the other tests.
  root = copyProject({});
  work = mkdtempSync(join(tmpdir(), 'guide-dev-'));
  const config = { root, cacheDir: join(work, 'astro'), vite: { cacheDir: join(work, 'vite') }, server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' };
  server = spawn(process.execPath, [runner, 'dev', JSON.stringify(config)], { cwd: root, env: astroEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    server.on('exit', (code) => reject(new Error(`the dev server stopped (exit code ${code}):\n${output}`)));
  });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.kill();
  for (const dir of [root, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev (the editors’ preview)', () => {
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
