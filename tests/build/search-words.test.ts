/**
 * The editors' search words (src/search/<locale>.yaml): a mistake in them is reported at
 * its line by npm run check and by the build, which then publishes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/astro-process.ts';
import { copyProject } from '../support/built-site.ts';

const nb = readFileSync(join(projectRoot, 'src/search/nb.yaml'), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

function run(root: string, script: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PDF_EXPORT: 'off' };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name.startsWith('GUIDE_')) delete env[name];
  for (const name of ['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST', 'BASE_PATH']) delete env[name];
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', env });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('search words with mistakes in their form', () => {
  let root: string;
  const nn = readFileSync(join(projectRoot, 'src/search/nn.yaml'), 'utf8');
  const broken = {
    nb: nb.replace('\nsynonyms:\n', '\nsynonymer:\n'),
    nn: nn.replace('  heime-pc: privat pc\n', '  heime-pc: privat pc\n  heime pc: privat pc\n'),
    en: 'ignore: [what, how]\nsynonyms:\n  hjelp:\n',
  };
  beforeAll(() => {
    root = copyProject({
      'src/search/nb.yaml': broken.nb,
      'src/search/nn.yaml': broken.nn,
      'src/search/en.yaml': broken.en,
      'src/search/se.yaml': 'synonyms: {}\n',
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('npm run check names each at its file and line, and says what to do', () => {
    const result = run(root, 'scripts/check.ts', ['--source-only']);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(
      new RegExp(`src/search/nb\\.yaml:${lineOf(broken.nb, 'synonymer:')}:1 +search/field +synonymer is not a field: did you mean synonyms\\?$`, 'm'),
    );
    expect(result.output).toMatch(
      new RegExp(`src/search/nn\\.yaml:${lineOf(broken.nn, '  heime pc:')}:3 +search/duplicate +"heime pc" is listed already, at line ${lineOf(broken.nn, '  heime-pc:')}`),
    );
    expect(result.output).toMatch(/src\/search\/en\.yaml:3:3 +search\/field +"hjelp" needs the guide's words after the colon/);
    expect(result.output).toMatch(/src\/search\/se\.yaml:1:1 +search\/file +search words are kept per language: nb\.yaml, nn\.yaml, en\.yaml/);
  });

  test('the build stops before it renders, and dist/ is not touched', () => {
    const out = join(root, 'dist');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.html'), 'the last good site');
    const result = run(root, 'scripts/build.ts', []);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('src/search/nb.yaml:');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('the last good site');
  });
});

describe('a synonym that leads to words the guide does not have', () => {
  let root: string;
  const text = nb.replace('  fjerntilgang: ekstern portal\n', '  fjerntilgang: ekstern portl\n');
  beforeAll(() => {
    root = copyProject({ 'src/search/nb.yaml': text });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('stops the build at its line, naming the word and the nearest one the guide has, and publishes nothing', () => {
    const out = join(root, 'dist');
    const result = run(root, 'scripts/build.ts', []);
    expect(result.status).not.toBe(0);
    const line = lineOf(text, 'fjerntilgang:');
    expect(result.output).toMatch(
      new RegExp(
        `src/search/nb\\.yaml:${line}:17 +search/target +"fjerntilgang" leads to "ekstern portl", but the Norsk bokmål guide has no "portl" \\(did you mean "portal"\\?\\)`,
      ),
    );
    expect(existsSync(out)).toBe(false);
  });
});
