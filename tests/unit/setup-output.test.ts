/**
 * `npm run setup` (npm ci, then the build) prints no warning an editor cannot act on, or
 * README says which ones to expect and why.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The package name of a lockfile key: node_modules/a/node_modules/@b/c is @b/c. */
const packageName = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('npm ci says nothing about install scripts', () => {
  test('package.json denies, by name, every install script in the lockfile, so npm lists none awaiting review', () => {
    // .npmrc's ignore-scripts=true already keeps them from running; without this field npm
    // (11.16 and later) still warns "packages have install scripts not yet covered by allowScripts".
    const withScripts = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && entry.hasInstallScript)
      .map(([key]) => packageName(key));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(manifest.allowScripts?.[name], `allowScripts: "${name}": false in package.json`).toBe(false);
  });

  test('npm itself finds no install script awaiting review', (context) => {
    const result = spawnSync('npm', ['install-scripts', 'ls', '--json'], { cwd: root, encoding: 'utf8' });
    if (result.error || /Unknown command/.test(`${result.stdout}${result.stderr}`)) {
      context.skip('this npm has no allowScripts policy (it came with npm 11.16), so it has no warning about it either');
    }
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ allowScripts: [] });
  });
});

describe('README says which install warnings to expect', () => {
  test('in one line: EBADENGINE, from a system Node older than the Node 24 the scripts run on', () => {
    const lines = readme.split('\n').filter((line) => line.includes('EBADENGINE'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/older than 24/);
    expect(lines[0]).toMatch(/expected/);
    expect(lines[0]).toMatch(/lockfile's Node 24/);
  });
});
