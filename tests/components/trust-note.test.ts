import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import TrustNote from '../../src/components/TrustNote.astro';
import { projectRoot } from '../support/astro-process.ts';
import { pageContext, render, renderToString } from '../support/render.ts';

// Two trusts: the one the preview shows (xxhf) with a note "start", and another with a note "vpn-hjelp".
let root: string;
const note = (text: string) => `  nb: ${text}\n  nn: ${text}\n  en: ${text}\n`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trust-notes-'));
  mkdirSync(join(root, 'src/trusts'), { recursive: true });
  mkdirSync(join(root, 'src/content'), { recursive: true });
  writeFileSync(join(root, 'src/content/methods.yaml'), readFileSync(join(projectRoot, 'src/content/methods.yaml')));
  const template = readFileSync(join(projectRoot, 'src/trusts/xxhf.yaml'), 'utf8').replace(/\nnotes:[\s\S]*$/, '\n');
  writeFileSync(join(root, 'src/trusts/xxhf.yaml'), `${template}notes:\n  start:\n${note('Velkommen.').replace(/^/gm, '  ')}`);
  writeFileSync(join(root, 'src/trusts/annen.yaml'), `${template}notes:\n  vpn-hjelp:\n${note('Bruk VPN.').replace(/^/gm, '  ')}`);
  vi.stubEnv('GUIDE_ROOT', root);
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('<TrustNote>: text only some trusts show', () => {
  const page = pageContext({ sourceFile: 'src/content/guides/nb/index.mdx', path: '/' });

  test('shows the note of the trust the preview shows', async () => {
    expect((await render(TrustNote, { props: { name: 'start' }, page })).text).toContain('Velkommen.');
  });

  test('shows nothing for a note only another trust has', async () => {
    expect((await renderToString(TrustNote, { props: { name: 'vpn-hjelp' }, page })).trim()).toBe('');
  });

  test('a misspelt note name is an error suggesting the note, as the terminal’s check (trust/note) does', async () => {
    await expect(renderToString(TrustNote, { props: { name: 'vpn-hjlp' }, page })).rejects.toThrow(
      '<TrustNote> in src/content/guides/nb/index.mdx (/): no trust has a note "vpn-hjlp" (did you mean "vpn-hjelp"?): write it under notes: in the trust\'s file (src/trusts/<id>.yaml), or correct the name',
    );
  });
});
