/**
 * Without Chromium the site still builds, says the PDFs were skipped and links no PDF;
 * npm run pdf stops with one line saying how to install Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite, node, root, type BuiltSite } from './support/pdf.ts';

/** PATH with only the pinned Node on it, and no CHROMIUM_PATH: no browser to be found. */
const noBrowser = { PATH: dirname(node), CHROMIUM_PATH: '' };
let site: BuiltSite;

beforeAll(() => {
  site = buildSite({ ...noBrowser, PDF_EXPORT: '' });
}, 15 * 60_000);
afterAll(() => site?.cleanup());

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

test('the build finishes and says clearly that the PDFs were skipped', () => {
  expect(site.status, site.output).toBe(0);
  expect(site.output).toMatch(/PDFs skipped: Chromium not found/);
  expect(site.output).toContain('apt-get install chromium');
  expect(existsSync(join(site.dir, 'index.html'))).toBe(true);
  // The print pages are built all the same, ready for npm run pdf.
  expect(existsSync(join(site.dir, 'print/manifest.json'))).toBe(true);
});

test('no page links a PDF that is not there', () => {
  expect(existsSync(join(site.dir, 'pdf'))).toBe(false);
  const files = htmlFiles(site.dir);
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    expect(html, file).not.toContain('class="pdf-link"');
    expect(html, file).not.toMatch(/href="[^"]*\.pdf"/);
  }
});

test('npm run pdf stops with one line saying how to install Chromium', () => {
  const result = spawnSync(node, [join(root, 'scripts/pdf.ts'), '--dir', site.dir], {
    cwd: root,
    env: { ...process.env, ...noBrowser },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/Chromium/);
  expect(lines[0]).toContain('apt-get install chromium');
  expect(result.stdout).toBe('');
});

test('a CHROMIUM_PATH that is not a browser is named in that line', () => {
  const result = spawnSync(node, [join(root, 'scripts/pdf.ts')], {
    cwd: root,
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain('CHROMIUM_PATH is "/nonexistent/chromium"');
});
