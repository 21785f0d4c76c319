/**
 * The guide's compile (src/guide/plugins.ts) on MDX as editors write it: the safe profile
 * refuses anything that is not data, at its line and column; the guide's rules number the
 * steps, give ids and mark the first screenshot; and the record keeps where things are.
 */
import { compile } from '@mdx-js/mdx';
import type { Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { astroRemarkPlugins, guideRemarkPlugins } from '../../src/guide/plugins.ts';
import { guideErrors } from '../../src/guide/report.ts';
import { pageCompiler } from '../support/compile-page.ts';

/** The guide's plugins in the compile Astro's MDX integration runs, keeping the syntax tree they leave. */
const compilePage = pageCompiler(guideRemarkPlugins);

/** Compiles a page written in `locale`; its errors as `line:col rule`, its tree and record. */
async function compileGuide(mdx: string, locale = 'nb') {
  const { file, tree } = await compilePage(mdx, locale);
  const errors = guideErrors(file);
  return { tree, file, record: file.data.guide!, errors: errors.map((m) => `${m.line}:${m.column} ${m.ruleId}`), messages: errors.map((m) => m.reason) };
}

/** Every component left in the tree with its props as MDX holds them (`source` apart: every one has it). */
function components(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, (node) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const element = node as MdxJsxFlowElement;
    const props = element.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'source')).map((a) => (a.type === 'mdxJsxAttribute' ? `${a.name}=${typeof a.value === 'object' && a.value ? a.value.value : String(a.value)}` : '...'));
    found.push(`${element.name}${props.length ? ` ${props.join(' ')}` : ''}`);
  });
  return found;
}

describe('the safe profile: a page is data, never a program', () => {
  it.each([
    ['an import', "import { execSync } from 'node:child_process'\n\nTekst.", '1:1 mdx/esm'],
    ['an export', 'Tekst.\n\nexport const x = 1', '3:1 mdx/esm'],
    ['an expression in text', 'Svaret er {1 + 1}.', '1:11 mdx/expression'],
    ['an expression as a block', "{process.exit(1)}", '1:1 mdx/expression'],
    ['a call in a prop', "<Callout title={fetch('https://evil.example/')}>x</Callout>", '1:10 mdx/expression'],
    ['a string assembled from pieces', "<Callout title={'java' + 'script:'}>x</Callout>", '1:10 mdx/expression'],
    ['a template with a value in it', '<Callout title={`${x}`}>x</Callout>', '1:10 mdx/expression'],
    ['a spread', '<Callout {...{ type: "tip" }}>x</Callout>', '1:10 mdx/spread'],
    ['an event handler', '<span onclick="x">y</span>', '1:7 html/event-handler'],
    ['an event handler in capitals', '<span ONMOUSEOVER="x">y</span>', '1:7 html/event-handler'],
    ['a style attribute', '<Callout style="color: red">x</Callout>', '1:10 html/style'],
    ['a style attribute in capitals', '<span STYLE="color: red">x</span>', '1:7 html/style'],
    ['set:html', '<Callout set:html="<b>x</b>" />', '1:10 html/raw-html'],
    ['a client directive', '<Callout client:load>x</Callout>', '1:10 mdx/directive'],
    ['a script', '<script>alert(1)</script>', '1:1 html/script'],
    ['an iframe', '<iframe src="https://evil.example/" />', '1:1 html/iframe'],
    ['a form', '<form action="https://evil.example/"><input name="pin" /></form>', '1:1 html/form'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/" />', '1:1 html/element'],
    ['a base', '<base href="https://evil.example/" />', '1:1 html/element'],
    ['a link as HTML', '<a href="/bankid/">BankID</a>', '1:1 html/element'],
    ['an unknown element', '<marquee>x</marquee>', '1:1 html/element'],
    ['an unknown component', '<Screnshot src="velg" />', '1:1 mdx/unknown-component'],
    ['a component by member name', '<Steps.Step title="x" />', '1:1 mdx/unknown-component'],
    ['a fragment', '<>x</>', '1:1 mdx/fragment'],
    ['an attribute a plain element may not carry', '<abbr href="/x/">x</abbr>', '1:7 html/attribute'],
    ['an unknown prop', '<Callout tone="tip">x</Callout>', '1:10 mdx/unknown-prop'],
    ['a prop in the wrong case', '<Callout Type="tip">x</Callout>', '1:10 mdx/unknown-prop'],
    ['a prop the build sets', '<Screenshot src="velg" first />', '1:24 mdx/build-prop'],
    ['a prop by its old name', "<Screenshot src=\"velg\" callouts={['fortsett']} />", '1:24 mdx/unknown-prop'],
    ['a javascript: link', '[klikk](javascript:alert(1))', '1:9 html/javascript-url'],
    ['an entity-encoded javascript: link', '[klikk](&#106;avascript:alert(1))', '1:9 html/javascript-url'],
    ['a javascript: definition', '[klikk][x]\n\n[x]: javascript:alert(1)', '3:6 html/javascript-url'],
    ['a link to an unlisted host', '[se her](https://evil.example/)', '1:10 link/host'],
    ['an autolinked unlisted host', 'Se https://evil.example/ nå.', '1:4 link/host'],
    ['a %-escape that does not decode', '[BankID](/bankid/%E0%A4%A)', '1:10 link/malformed'],
    ['a backslash', '[BankID](/\\evil.example/)', '1:10 link/malformed'],
    ['an image from another host', '![logo](https://www.bankid.no/logo.png)', '1:9 image/external'],
    ['an image by reference from another host', '![logo][l]\n\n[l]: https://www.bankid.no/logo.png', '3:6 image/external'],
    ['a zero-width space in text', 'Trykk\u200b Fortsett.', '1:6 text/invisible'],
    ['a bidirectional override in text', 'Gå til \u202elanrettni\u202c.', '1:8 text/invisible'],
    ['an alt text of only a zero-width space', '<Screenshot src="velg" alt="\u200b" />', '1:29 text/invisible'],
    ['a zero-width joiner in an image alt', '![\u200d](/screenshots/velg.png)', '1:3 text/invisible'],
    ['an invisible character in a step title', '<Steps><Step title="Velg\u2066 BankID">x</Step></Steps>', '1:25 text/invisible'],
    ['an invisible character in a link title', '[BankID](/bankid/ "Bank\u200bID")', '1:24 text/invisible'],
    ['a tag character', 'Hei\u{e0041}', '1:4 text/invisible'],
    ['an image by a label defined twice, the first from another host', '![x][a]\n\n[a]: https://www.bankid.no/x.png\n[a]: /screenshots/velg.png', '3:6 image/external'],
    ['an element named like a JavaScript built-in', '<constructor>x</constructor>', '1:1 html/element'],
  ])('refuses %s', async (_what, mdx, expected) => {
    const { errors } = await compileGuide(mdx);
    expect(errors).toContain(expected);
  });

  it('takes out what it refuses, so none of it reaches the output', async () => {
    const { tree } = await compileGuide("import x from 'y'\n\n<script>alert(1)</script>\n\n<Callout onClick=\"x\" {...y} type=\"tip\">Tekst {x}</Callout>");
    expect(components(tree)).toEqual(['Callout type=tip']);
    const kinds = new Set<string>();
    visit(tree, (node) => void kinds.add(node.type));
    expect([...kinds].filter((k) => k.startsWith('mdxjs') || k.endsWith('Expression'))).toEqual([]);
  });

  it('accepts literal props, allowed elements, comments and listed hosts', async () => {
    const { errors } = await compileGuide(
      [
        "{/* En kommentar til neste redaktør */}",
        '',
        '<Steps level={3}>',
        '  <Step title="Velg BankID" id="velg">',
        "    Trykk <kbd>Enter</kbd> eller <abbr title=\"Personlig identifikasjonsnummer\">PIN</abbr>.<br />",
        "    <Screenshot src=\"velg\" regions={['bankid', 'fortsett']} caption=\"Slik\" />",
        '  </Step>',
        '</Steps>',
        '',
        'Les mer hos [BankID](https://www.bankid.no/) og på [startsiden](/#om).',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });

  it('says what is wrong, in words, for names and values JavaScript knows of its own', async () => {
    const { messages } = await compileGuide('<constructor>x</constructor>\n\n<Screenshot src="velg" toString="x" />\n\n<Callout title={3}>x</Callout>');
    expect(messages[0]).toMatch(/^<constructor> is not allowed in a page: write Markdown/);
    expect(messages[1]).toMatch(/^<Screenshot> has no prop toString; its props are: src, alt, caption, regions/);
    expect(messages[2]).toBe('<Callout> title must be text, e.g. title="Feilmelding" (described in src/guide/components.ts)');
  });

  it('tells an editor who writes a prop by its old name what it is called now', async () => {
    const { messages } = await compileGuide("<Screenshot src=\"velg\" callouts={['fortsett']} />");
    expect(messages).toEqual([expect.stringContaining('<Screenshot> has no prop callouts (it is called regions now)')]);
  });

  it('checks props against the component\'s schema, at the value', async () => {
    const { errors, messages } = await compileGuide('<Steps level="3">\n  <Step title="x">y</Step>\n</Steps>\n\n<Callout type="warn">x</Callout>');
    expect(errors).toEqual(['1:15 mdx/prop-value', '5:16 mdx/prop-value']);
    expect(messages[0]).toContain('level must be the number 2 or 3, written level={3}, not "3"');
    expect(messages[1]).toContain('type="warn" is not allowed (did you mean "warning"?)');
  });
});

describe("the guide's rules, decided while the page compiles", () => {
  it('numbers the steps, gives them the list\'s heading level and an id from the title', async () => {
    const { tree, errors, record } = await compileGuide('<Steps level={3}>\n  <Step title="Åpne appen">a</Step>\n  <Step title="Tast PIN" id="pin">b</Step>\n</Steps>');
    expect(errors).toEqual([]);
    expect(components(tree)).toEqual(['Steps level=3 count=2', 'Step title=Åpne appen number=1 level=3 id=apne-appen', 'Step title=Tast PIN number=2 level=3 id=pin']);
    expect(record.ids.map((entry) => entry.id)).toEqual(['apne-appen', 'pin']);
  });

  it('refuses anything inside <Steps> that is not a <Step>, quoting it', async () => {
    const { errors, messages } = await compileGuide('<Steps>\n  <Step title="En">a</Step>\n\n  Vent litt.\n\n  <Step title="To">b</Step>\n</Steps>');
    expect(errors).toEqual(['4:3 steps/outside-step']);
    expect(messages[0]).toContain('"Vent litt." is inside <Steps> but outside a <Step>');
  });

  it('refuses an empty <Steps>, a <Step> outside <Steps>, and a step without a title', async () => {
    expect((await compileGuide('<Steps>\n</Steps>')).errors).toEqual(['1:1 steps/empty']);
    expect((await compileGuide('<Step title="Alene">x</Step>')).errors).toEqual(['1:1 steps/outside']);
    expect((await compileGuide('<Steps>\n  <Step>x</Step>\n</Steps>')).errors).toEqual(['2:3 mdx/missing-prop']);
  });

  it('reads a step\'s title and id written as literals, and refuses a title that makes no id', async () => {
    const { tree, errors } = await compileGuide('<Steps>\n  <Step title={"Hei du"}>a</Step>\n  <Step title="!!!">b</Step>\n  <Step title="a" id={"b"}>c</Step>\n  <Step title="b">d</Step>\n</Steps>');
    expect(components(tree).filter((c) => c.startsWith('Step ')).map((c) => /id=(\S*)/.exec(c)?.[1])).toEqual(['hei-du', undefined, 'b', 'b']);
    expect(errors).toEqual(['3:16 steps/id', '5:16 html/duplicate-id']);
  });

  it('refuses a step id the page uses already, and numbers repeated headings', async () => {
    const { errors, messages, record } = await compileGuide('## Velg BankID\n\n## Velg BankID\n\n<Steps>\n  <Step title="Velg BankID">a</Step>\n  <Step title="Neste" id="velg-bankid-2">b</Step>\n</Steps>');
    expect(record.ids.map((entry) => entry.id)).toEqual(['velg-bankid', 'velg-bankid-2']);
    expect(errors).toEqual(['6:16 html/duplicate-id', '7:27 html/duplicate-id']);
    expect(messages[0]).toContain('the step "Velg BankID" has the id "velg-bankid", which this page already uses (line 1)');
  });

  it('marks the first screenshot in reading order, even inside a callout before a step', async () => {
    const { tree } = await compileGuide('<Callout type="tip">\n  <Screenshot src="a" />\n</Callout>\n\n<Steps>\n  <Step title="x">\n    <Screenshot src="b" />\n  </Step>\n</Steps>');
    expect(components(tree).filter((c) => c.startsWith('Screenshot'))).toEqual(['Screenshot src=a first=null', 'Screenshot src=b']);
  });

  it('wants a label\'s word, and on an English page its meaning; a name translated as itself is shown once', async () => {
    expect((await compileGuide('Trykk <Label></Label>.')).errors).toEqual(['1:7 label/empty']);
    expect((await compileGuide('Press <Label>Fortsett</Label>.', 'en')).errors).toEqual(['1:7 label/translation']);
    expect((await compileGuide('Press <Label>Fortsett</Label>.', 'nn')).errors).toEqual([]);
    expect((await compileGuide('Tilgangen heter <Label><Setting name="portalAccessName" /></Label>.')).errors).toEqual([]);
    const { tree } = await compileGuide('Choose <Label translation="BankID">BankID</Label>.', 'en');
    expect(components(tree)).toEqual(['Label translation=BankID untranslated=null']);
  });

  it('marks an <OwnerReview> inside a paragraph as a phrase, keeps the words of each passage, and refuses an empty one', async () => {
    const mdx = 'Tekst. <OwnerReview>En setning.</OwnerReview>\n\n<OwnerReview reason="ikke fra kildeteksten">\n  <Callout title="Kortet sperres">Første.</Callout>\n\n  Andre avsnitt.\n</OwnerReview>';
    const { tree, record, errors } = await compileGuide(mdx);
    expect(errors).toEqual([]);
    expect(components(tree).filter((c) => c.startsWith('OwnerReview'))).toEqual(['OwnerReview inline=null', 'OwnerReview reason=ikke fra kildeteksten']);
    expect(record.components.filter((c) => c.name === 'OwnerReview').map((c) => c.words)).toEqual(['En setning.', 'Kortet sperres: Første. Andre avsnitt.']);
    const listItem = await compileGuide('- <OwnerReview>**Ny telefon?** Aktiver på nytt.</OwnerReview>');
    expect(components(listItem.tree)).toEqual(['OwnerReview inline=null']);
    expect(listItem.record.components[0]!.words).toBe('Ny telefon? Aktiver på nytt.');
    expect((await compileGuide('Tekst.\n\n<OwnerReview></OwnerReview>')).errors).toEqual(['3:1 review/empty']);
    expect((await compileGuide('<OwnerReview>\n  <Screenshot src="velg" />\n</OwnerReview>')).errors).toEqual([]);
    expect((await compileGuide('Tekst. <OwnerReview inline>En setning.</OwnerReview>')).errors).toEqual(['1:21 mdx/build-prop']);
  });

  it('tells every component the file it is written in, which gives its errors and language', async () => {
    const { tree } = await compilePage('<Callout>Note <Label translation="Continue">Fortsett</Label></Callout>', 'en', process.cwd());
    const sources: string[] = [];
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const source = (node as MdxJsxFlowElement).attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'source');
      sources.push(`${(node as MdxJsxFlowElement).name} ${String(source?.value)}`);
    });
    expect(sources).toEqual(['Callout src/content/guides/en/side.mdx', 'Label src/content/guides/en/side.mdx']);
  });

  it('records the links, ids and components with their offsets', async () => {
    const mdx = '## Før du begynner\n\nSe [BankID](/bankid/#velg) og ![bilde](/screenshots/a.png).\n\n<Screenshot src="velg" regions={[\'bankid\']} />';
    const { record } = await compileGuide(mdx);
    expect(record.links.map((link) => `${link.kind} ${link.url} ${mdx.slice(link.offset, link.offset + link.url.length)}`)).toEqual([
      'markdown /bankid/#velg /bankid/#velg',
      'image /screenshots/a.png /screenshots/a.png',
    ]);
    expect(record.ids).toEqual([{ id: 'for-du-begynner', offset: 0 }]);
    const screenshot = record.components[0]!;
    expect(screenshot.name).toBe('Screenshot');
    expect(mdx.slice(screenshot.props.src!.valueOffset, screenshot.props.src!.valueOffset + 4)).toBe('velg');
    expect(mdx.slice(screenshot.props.regions!.items![0]!, screenshot.props.regions!.items![0]! + 6)).toBe('bankid');
  });
});

describe("Astro's compile of a page", () => {
  const astroProcessorOptions = { remarkPlugins: astroRemarkPlugins, jsxImportSource: 'astro' };

  it('stops on a page that breaks a rule, naming the file and line, before any JavaScript is made', async () => {
    const file = new VFile({ path: `${process.cwd()}/src/content/guides/nb/side.mdx`, value: "import fs from 'node:fs'\n\n{fs.rmSync('/', { recursive: true })}" });
    await expect(compile(file, astroProcessorOptions)).rejects.toThrow(
      /src\/content\/guides\/nb\/side\.mdx:1:1 {2}mdx\/esm .*\nsrc\/content\/guides\/nb\/side\.mdx:3:1 {2}mdx\/expression/,
    );
    expect(file.value).not.toContain('export default');
  });

  it('compiles a clean page, with its ids and step numbers in the output', async () => {
    const out = String(await compile(new VFile({ path: '/site/src/content/guides/nb/side.mdx', value: '## Før du begynner\n\n<Steps>\n  <Step title="Velg">a</Step>\n</Steps>' }), astroProcessorOptions));
    expect(out).toContain('"for-du-begynner"');
    expect(out).toMatch(/number: 1/);
  });
});
