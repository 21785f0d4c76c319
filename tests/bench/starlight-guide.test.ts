import { existsSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { Root, RootContent } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { componentNames } from '../../src/guide/components.ts';
import { readScreenshots } from '../../scripts/lib/bench/screenshots.ts';
import {
  asideTypes,
  convertedComponents,
  convertGuide,
  convertGuidePage,
  escapeMarkdownText,
  readGuide,
  unconvertedComponents,
  type ConversionContext,
} from '../../scripts/lib/bench/starlight-guide.ts';

const root = resolve(import.meta.dirname, '../..');
const text = (s: string) => ({ nb: s, nn: s, en: s });
const parser = unified().use(remarkParse).use(remarkMdx);
type AnyNode = Root | RootContent;

/** Every JSX element of a parsed MDX text, by name, with its node. */
function elements(mdx: string): { name: string; node: AnyNode }[] {
  const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  const found: { name: string; node: AnyNode }[] = [];
  const walk = (node: AnyNode) => {
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) found.push({ name: node.name, node });
    if ('children' in node) for (const child of node.children as AnyNode[]) walk(child);
  };
  walk(parser.parse(body));
  return found;
}

const settings: Record<string, string> = {
  trustName: 'Testforetaket HF',
  serviceDeskName: 'IT-brukerstøtte Test',
  portalUrl: 'https://portal.example.no/',
  serviceDeskUrl: 'https://hjelp.example.no/',
};

const context: ConversionContext = {
  screenshots: new Map([
    [
      'velg-buypass-id',
      { name: 'velg-buypass-id', alt: { nb: 'Skjermbildet Velg Buypass ID', nn: 'Skjermbiletet Velg Buypass ID', en: 'The Velg Buypass ID screen' }, regions: [{ name: 'fortsett', label: text('Knappen Fortsett') }, { name: 'app', label: text('Appen') }] },
    ],
  ]),
  screenshotFile: (name, locale) => (locale === 'en' && name === 'velg-buypass-id' ? `en/${name}.png` : `${name}.png`),
  setting: (name) => settings[name] ?? null,
  trustNote: (name, locale) => (name === 'start' ? `Et notat på ${locale}.\n\nAndre avsnitt.` : undefined),
  pages: () => [
    { slug: 'index', title: 'Start', description: 'Startsiden.', method: false },
    { slug: 'bankid', title: 'BankID', description: 'Med BankID.', method: true },
    { slug: 'feilsoking', title: 'Feilsøking', description: 'Når noe går galt.', method: false },
  ],
};

/** A page that uses every component of the guide. */
const everyComponent = `---
title: Alt på én side
description: En side med hver komponent.
order: 3
lastReviewed: 2026-11-25
owner: IT-brukerstøtte
review: reviewed
---

Du er ansatt i <Setting name="trustName" />. Telefon: <Setting name="serviceDeskPhone" />.

<Callout type="warning" title="Sperres">
  Skriv riktig kode. Trykk på <Label>Fortsett</Label>.
</Callout>

<OwnerReview reason="ikke i kilden">Spør <Setting name="serviceDeskName" /> om hjelp.</OwnerReview>

## Slik gjør du det

<Steps level={3}>
  <Step title="Velg Buypass ID" id="velg">
    Velg <Label translation="Continue">Fortsett</Label>.

    <Screenshot src="velg-buypass-id" regions={['fortsett', 'app']} caption="Slik ser det ut." />

    <OwnerReview reason="ikke i kilden">
      <Callout type="error">
        Feil? Se [feilsøking](/feilsoking/).
      </Callout>
    </OwnerReview>
  </Step>
  <Step title="Last ned appen" id="last-ned">
    <AppStoreLinks app="buypass-id" />
  </Step>
</Steps>

<TrustNote name="start" />

<TrustNote name="ingen" />

<GuideList show="methods" />

<GuideList show="help" />

<ServiceDesk />
`;

describe('the real guide as Starlight MDX', () => {
  it('converts every component of the guide’s registry', () => {
    expect(unconvertedComponents()).toEqual([]);
    expect(convertedComponents).toEqual([...componentNames].sort());
    const used = new Set(elements(everyComponent).map((e) => e.name));
    for (const name of componentNames) expect(used.has(name), `the test page uses <${name}>`).toBe(true);
  });

  it('writes each component as a Starlight author would', () => {
    const { file, text: out } = convertGuidePage({ locale: 'nb', slug: 'alt', text: everyComponent }, context);
    expect(file).toBe('src/content/docs/alt.mdx');
    expect(out).toMatch(/^---\ntitle: "Alt på én side"\ndescription: "En side med hver komponent."\nsidebar:\n {2}order: 3\n---\n\nimport \{ Aside, Steps \} from '@astrojs\/starlight\/components';\n/);
    expect(out).not.toMatch(/lastReviewed|owner:|review:/);
    // Settings: the trust's value, or the guide's words for a value not given yet.
    expect(out).toContain('Du er ansatt i Testforetaket HF. Telefon: ikke oppgitt ennå.');
    // Callout → Aside, warning → caution, error → danger, with the content inside.
    expect(out).toMatch(/<Aside type="caution" title="Sperres">\nSkriv riktig kode\. Trykk på \*\*Fortsett\*\*\.\n<\/Aside>/);
    expect(out).toMatch(/ {3}<Aside type="danger">\n {3}Feil\? Se \[feilsøking\]\(\/feilsoking\/\)\.\n {3}<\/Aside>/);
    // OwnerReview → its content.
    expect(out).toContain('Spør IT-brukerstøtte Test om hjelp.');
    // Steps → <Steps> around one ordered list, each item starting with its title in bold.
    expect(out).toContain('<Steps>\n\n1. **Velg Buypass ID**\n\n   Velg **Fortsett** (Continue).\n');
    expect(out).toContain('\n1. **Last ned appen**\n\n   - [Last ned fra App Store: Buypass ID](https://apps.apple.com/');
    expect(out).toContain('   - [Last ned fra Google Play: Buypass ID](https://play.google.com/');
    // Screenshot → a Markdown image of src/assets with the alt text, the regions as a list, the caption.
    expect(out).toContain('   ![Skjermbildet Velg Buypass ID](../../assets/screenshots/velg-buypass-id.png)\n\n   1. Knappen Fortsett\n   2. Appen\n\n   *Slik ser det ut.*');
    // TrustNote → the trust's note; nothing for a note the trust does not have.
    expect(out).toContain('Et notat på nb.\n\nAndre avsnitt.');
    expect(out).not.toContain('ingen');
    // GuideList → links to the method pages, or to the help pages (not the start page).
    expect(out).toContain('- [BankID](/bankid/): Med BankID.');
    expect(out).toContain('- [Feilsøking](/feilsoking/): Når noe går galt.');
    expect(out).not.toContain('[Start](/)');
    // ServiceDesk → its name, the call line and the web address.
    expect(out).toContain('**IT-brukerstøtte Test**\n\n- Ring ikke oppgitt ennå · ikke oppgitt ennå\n- [Hjelp på nett, uten innlogging](https://hjelp.example.no/)');
    // Nothing of the guide's own components is left; the page is MDX that parses.
    const left = elements(out).map((e) => e.name);
    expect(left.filter((n) => n !== 'Steps' && n !== 'Aside')).toEqual([]);
  });

  it('puts a locale’s own screenshot and language in, one folder deeper', () => {
    const { file, text: out } = convertGuidePage({ locale: 'en', slug: 'alt', text: everyComponent }, context);
    expect(file).toBe('src/content/docs/en/alt.mdx');
    expect(out).toContain('![The Velg Buypass ID screen](../../../assets/screenshots/en/velg-buypass-id.png)');
    expect(out).toContain('- Call not given yet · not given yet');
    expect(out).toContain('[Download on the App Store: Buypass ID]');
  });

  it('maps every callout type to a Starlight aside type', () => {
    expect(asideTypes).toEqual({ note: 'note', tip: 'tip', warning: 'caution', error: 'danger' });
    for (const type of ['note', 'tip']) {
      const { text: out } = convertGuidePage({ locale: 'nb', slug: 'x', text: `---\ntitle: X\n---\n\n<Callout type="${type}">\n  Tekst.\n</Callout>\n` }, context);
      expect(out).toContain(`<Aside type="${type}">\nTekst.\n</Aside>`);
    }
  });

  it('refuses a component it does not know, naming the page', () => {
    expect(() => convertGuidePage({ locale: 'nb', slug: 'ny', text: '---\ntitle: X\n---\n\n<Video src="x" />\n' }, context)).toThrow(
      /src\/content\/guides\/nb\/ny\.mdx: <Video> is not one of the guide's components/,
    );
    expect(() => convertGuidePage({ locale: 'nb', slug: 'ny', text: '---\ntitle: X\n---\n\n<Screenshot src="finnes-ikke" />\n' }, context)).toThrow(/finnes-ikke/);
  });

  it('escapes what Markdown and MDX would read as syntax in values, and leaves an address as it is', () => {
    expect(escapeMarkdownText('a_b *c* {d} <e>')).toBe('a\\_b \\*c\\* \\{d\\} \\<e\\>');
    expect(escapeMarkdownText('https://portal.example.no/a_b')).toBe('https://portal.example.no/a_b');
  });

  it('converts the project’s own guide: nothing of the guide’s components left, every screenshot an image with its alt text', () => {
    const sources = readGuide(root);
    expect(sources.length).toBeGreaterThan(0);
    const files = convertGuide(root, (name, locale) => existsSync(resolve(root, 'public/screenshots', locale, `${name}.png`)));
    expect(files.map((f) => f.file).sort()).toEqual(sources.map((s) => `src/content/docs/${s.locale === 'nb' ? '' : `${s.locale}/`}${s.slug}.mdx`).sort());
    const shots = new Map(readScreenshots(root).map((s) => [s.name, s]));
    for (const [i, source] of sources.entries()) {
      const out = files[i]!.text;
      const where = files[i]!.file;
      for (const name of componentNames.filter((n) => n !== 'Steps')) expect(out, `${where} <${name}`).not.toMatch(new RegExp(`<${name}\\b`));
      // Only Starlight's components are left, and <Steps> holds one ordered list.
      const left = elements(out);
      expect(left.filter((e) => /^[A-Z]/.test(e.name) && e.name !== 'Steps' && e.name !== 'Aside').map((e) => e.name), where).toEqual([]);
      for (const steps of left.filter((e) => e.name === 'Steps')) {
        const children = (steps.node as { children: AnyNode[] }).children;
        expect(children.map((c) => c.type), where).toEqual(['list']);
        expect((children[0] as { ordered?: boolean }).ordered, where).toBe(true);
      }
      expect(left.filter((e) => e.name === 'Steps').length, where).toBe(source.text.split('<Steps').length - 1);
      expect(left.filter((e) => e.name === 'Aside').length, where).toBe(source.text.split('<Callout').length - 1);
      // Every screenshot: an image of src/assets/screenshots/<src>.png with its alt text in the page's language.
      const screenshots = [...source.text.matchAll(/<Screenshot src="([^"]+)"/g)].map((m) => m[1]!);
      const images = [...out.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => ({ alt: m[1]!, src: m[2]! }));
      expect(images.length, where).toBe(screenshots.length);
      for (const [j, name] of screenshots.entries()) {
        expect(posix.normalize(posix.join(posix.dirname(where), images[j]!.src)), where).toMatch(new RegExp(`^src/assets/screenshots/(${source.locale}/)?${name}\\.png$`));
        expect(images[j]!.alt.replaceAll('\\', ''), where).toBe(shots.get(name)!.alt[source.locale].replaceAll('[', '(').replaceAll(']', ')'));
      }
      expect(out, where).toMatch(/^---\ntitle: ".+"\n/);
    }
    // The conversion reads the same files the guide is built from.
    expect(sources[0]!.text).toBe(readFileSync(resolve(root, 'src/content/guides', sources[0]!.locale, `${sources[0]!.slug}.mdx`), 'utf8'));
  });
});
