/**
 * Everything that runs the build came from package-lock.json, checked against its integrity
 * hashes: every installed package is in the lockfile at the version installed there, and
 * the Node that npm scripts run is one of those packages, not a binary an install script
 * fetched on the side.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; integrity?: string; link?: boolean; hasInstallScript?: boolean; bin?: Record<string, string> }>;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

/** Every installed package folder, as its path from the project (`node_modules/a/node_modules/@b/c`). */
function installed(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(path, { withFileTypes: true })) {
        const inner = join(path, scoped.name);
        found.push(inner, ...installed(join(inner, 'node_modules')));
      }
    } else {
      found.push(path, ...installed(join(path, 'node_modules')));
    }
  }
  return found;
}

describe('the supply chain is the lockfile', () => {
  test('every installed package is in package-lock.json, at that version, with an integrity hash', () => {
    const packages = installed(join(root, 'node_modules')).filter((dir) => existsSync(join(dir, 'package.json')));
    expect(packages.length).toBeGreaterThan(100);
    const outside: string[] = [];
    for (const dir of packages) {
      const key = relative(root, dir).split(sep).join('/');
      const entry = lock.packages[key];
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string };
      if (!entry) outside.push(`${key}@${version}: not in package-lock.json (installed with --no-save, or by an install script?)`);
      else if (!entry.link && !entry.integrity) outside.push(`${key}: no integrity hash in package-lock.json`);
      else if (!entry.link && entry.version !== version) outside.push(`${key}: ${version} installed, ${entry.version} locked`);
    }
    expect(outside, outside.join('\n')).toEqual([]);
  });

  test('the Node that runs npm scripts is a locked package, with no install script behind it', () => {
    const bin = join(root, 'node_modules/.bin/node');
    // Only where a node-<platform> package exists (Linux x64/arm64, Windows x64); elsewhere the machine's own Node ≥ 24 runs.
    const platform = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
    if (!manifest.optionalDependencies?.[platform]) return;
    const binary = realpathSync(bin);
    const key = relative(root, binary).split(sep).join('/').replace(/\/bin\/node(\.exe)?$/, '');
    expect(key).toBe(`node_modules/${platform}`);
    expect(lock.packages[key]?.integrity).toMatch(/^sha512-/);
    expect(lock.packages[key]?.hasInstallScript).toBeUndefined();
    // npm test runs this very file on it.
    expect(realpathSync(process.execPath)).toBe(binary);
    expect(process.version).toBe(`v${manifest.optionalDependencies[platform]}`);
  });

  test('no install script runs: .npmrc turns them off for every package', () => {
    const npmrc = readFileSync(join(root, '.npmrc'), 'utf8');
    expect(npmrc).toMatch(/^ignore-scripts=true$/m);
    // The packages that have one work without it: their binaries are locked packages of their own.
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([key]) => key);
    expect(withScripts).toEqual(['node_modules/esbuild']);
  });
});
