/**
 * Synthetic guide content for the benchmark: N pages per locale with headings, numbered
 * steps, screenshots with marked regions, notes (<Callout>), on-screen labels and links between pages.
 * One seeded plan per page is written three times, so all three sites build the same
 * words, pictures and links:
 * - as this project's MDX (its components);
 * - as plain Markdown for Starlight (ordered lists, images, `:::` asides, bold);
 * - as MDX for Starlight, the way a Starlight team would write this guide: the steps an
 *   ordered list inside Starlight's <Steps>, notes as <Aside type="…">, images as Markdown
 *   images of src/assets files (which Starlight optimises).
 *
 * Everything here is pure: the same options give the same pages, byte for byte.
 */
import { loginMethods } from '../../../src/lib/methods.ts';
import { locales, type Locale } from '../../../src/i18n/locales.ts';

/** A screenshot the pages may show, as described by src/content/screenshots/<name>.yaml. */
export interface ScreenshotInfo {
  name: string;
  alt: Record<Locale, string>;
  /** Region name → its label per locale, in the file's order. */
  regions: { name: string; label: Record<Locale, string> }[];
}

export interface ContentOptions {
  pagesPerLocale: number;
  seed: number;
  screenshots: ScreenshotInfo[];
}

/** One generated file: `locale/slug` with its text for this project and for Starlight. */
export interface GeneratedPage {
  locale: Locale;
  slug: string;
  /** src/content/guides/<locale>/<slug>.mdx */
  mdx: string;
  /** src/content/docs/[<locale>/]<slug>.md (Bokmål is Starlight's root locale) */
  markdown: string;
  /** src/content/docs/[<locale>/]<slug>.mdx: Starlight's <Steps> and <Aside> */
  starlightMdx: string;
  /** The site path in both sites, e.g. `/nn/emne-0004/`. */
  path: string;
}

type Text = Record<Locale, string>;

/** A small, fast, seeded generator (mulberry32): the same seed gives the same content. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The vocabulary: things readers handle when they log in from home, in the three languages.
const terms: Text[] = [
  { nb: 'jobb-PC-en', nn: 'jobb-PC-en', en: 'your work PC' },
  { nb: 'den eksterne portalen', nn: 'den eksterne portalen', en: 'the external portal' },
  { nb: 'smartkortet', nn: 'smartkortet', en: 'the smartcard' },
  { nb: 'kortleseren', nn: 'kortlesaren', en: 'the card reader' },
  { nb: 'Buypass ID-appen', nn: 'Buypass ID-appen', en: 'the Buypass ID app' },
  { nb: 'sikkerhetskoden', nn: 'tryggleikskoden', en: 'the security code' },
  { nb: 'PIN-koden', nn: 'PIN-koden', en: 'the PIN' },
  { nb: 'fødselsnummeret ditt', nn: 'fødselsnummeret ditt', en: 'your national identity number' },
  { nb: 'BankID-appen', nn: 'BankID-appen', en: 'the BankID app' },
  { nb: 'passordet ditt', nn: 'passordet ditt', en: 'your password' },
  { nb: 'engangskoden på SMS', nn: 'eingongskoden på SMS', en: 'the one-time code by text message' },
  { nb: 'sikkerhetsnøkkelen', nn: 'sikkerheitsnøkkelen', en: 'the security key' },
  { nb: 'nettleseren', nn: 'nettlesaren', en: 'your web browser' },
  { nb: 'arbeidsflaten', nn: 'arbeidsflata', en: 'the remote desktop' },
  { nb: 'VPN-tilkoblingen', nn: 'VPN-tilkoplinga', en: 'the VPN connection' },
  { nb: 'e-resepten', nn: 'e-resepten', en: 'e-prescribing' },
  { nb: 'kjernejournalen', nn: 'kjernejournalen', en: 'the summary care record' },
  { nb: 'tilgangen til portalen', nn: 'tilgangen til portalen', en: 'your portal access' },
  { nb: 'mobilnummeret ditt', nn: 'mobilnummeret ditt', en: 'your mobile number' },
  { nb: 'varselet på mobilen', nn: 'varselet på mobilen', en: 'the notification on your phone' },
  { nb: 'brukernavnet ditt', nn: 'brukarnamnet ditt', en: 'your user name' },
  { nb: 'Tilgangsportalen', nn: 'Tilgangsportalen', en: 'the access portal' },
  { nb: 'kodebrikken', nn: 'kodebrikka', en: 'the code device' },
  { nb: 'Commfides-kortet', nn: 'Commfides-kortet', en: 'the Commfides card' },
];

/** Words on the login screens (always Norwegian) with their English meaning. */
const labels: { no: string; en: string }[] = [
  { no: 'Fortsett', en: 'Continue' },
  { no: 'Identifiser', en: 'Identify' },
  { no: 'Logg inn', en: 'Log in' },
  { no: 'Avbryt', en: 'Cancel' },
  { no: 'Bekreft', en: 'Confirm' },
  { no: 'Neste', en: 'Next' },
  { no: 'Velg elektronisk ID', en: 'Choose electronic ID' },
  { no: 'Send kode', en: 'Send code' },
  { no: 'Aktiver', en: 'Activate' },
  { no: 'Godta', en: 'Accept' },
  { no: 'Tilbake', en: 'Back' },
  { no: 'Prøv igjen', en: 'Try again' },
  { no: 'Lukk', en: 'Close' },
  { no: 'Ferdig', en: 'Done' },
  { no: 'Koble til', en: 'Connect' },
  { no: 'Lagre', en: 'Save' },
];

const titles: Text[] = [
  { nb: 'Slik bruker du {a}', nn: 'Slik brukar du {a}', en: 'How to use {a}' },
  { nb: 'Feilsøking: {a}', nn: 'Problem med {a}', en: 'Troubleshooting: {a}' },
  { nb: 'Kom i gang med {a}', nn: 'Kom i gong med {a}', en: 'Getting started with {a}' },
  { nb: 'Når {a} ikke virker', nn: 'Når {a} ikkje verkar', en: 'When {a} does not work' },
  { nb: 'Logg inn med {a}', nn: 'Innlogging med {a}', en: 'Log in with {a}' },
  { nb: 'Bytt {a}', nn: 'Byt {a}', en: 'Change {a}' },
];
const titlePart: Text = { nb: 'del {n}', nn: 'del {n}', en: 'part {n}' };
const startTitle: Text = { nb: 'Logg inn hjemmefra', nn: 'Logg inn heimanfrå', en: 'Log in from home' };

const descriptions: Text = {
  nb: 'Steg for steg for deg som logger inn hjemmefra med {a} og {b}.',
  nn: 'Steg for steg for deg som loggar inn heimanfrå med {a} og {b}.',
  en: 'Step by step, for you who log in from home with {a} and {b}.',
};

const intros: Text[] = [
  {
    nb: 'Denne veiledningen viser hvordan du bruker {a} når du logger inn hjemmefra.',
    nn: 'Denne rettleiinga viser korleis du bruker {a} når du loggar inn heimanfrå.',
    en: 'This guide shows how to use {a} when you log in from home.',
  },
  {
    nb: 'Du trenger {a} og {b} før du begynner.',
    nn: 'Du treng {a} og {b} før du byrjar.',
    en: 'You need {a} and {b} before you start.',
  },
  {
    nb: 'Mange som jobber turnus, bruker {a} for å komme til {b}.',
    nn: 'Mange som jobbar turnus, bruker {a} for å kome til {b}.',
    en: 'Many shift workers use {a} to get to {b}.',
  },
];

/** Sentences inside a step; {L} is an on-screen label. */
const stepSentences: Text[] = [
  { nb: 'Åpne {a} og trykk på {L}.', nn: 'Opne {a} og trykk på {L}.', en: 'Open {a} and click {L}.' },
  {
    nb: 'Skjermbildet {L} kommer opp. Sjekk at {a} er riktig.',
    nn: 'Skjermbiletet {L} kjem opp. Sjekk at {a} er rett.',
    en: 'The {L} screen appears. Check that {a} is correct.',
  },
  { nb: 'Skriv inn {a} i feltet, og trykk på {L}.', nn: 'Skriv inn {a} i feltet, og trykk på {L}.', en: 'Enter {a} in the field, and click {L}.' },
  {
    nb: 'Vent til {a} er klar. Det kan ta et halvt minutt før {L} blir aktiv.',
    nn: 'Vent til {a} er klar. Det kan ta eit halvt minutt før {L} blir aktiv.',
    en: 'Wait until {a} is ready. It can take half a minute before {L} becomes active.',
  },
  {
    nb: 'Får du ikke svar, prøver du {a} på nytt og velger {L}.',
    nn: 'Får du ikkje svar, prøver du {a} på nytt og vel {L}.',
    en: 'If nothing happens, try {a} again and choose {L}.',
  },
  {
    nb: 'Bruk {a} bare på en PC du stoler på, og trykk på {L} når du er klar.',
    nn: 'Bruk {a} berre på ein PC du stoler på, og trykk på {L} når du er klar.',
    en: 'Only use {a} on a PC you trust, and click {L} when you are ready.',
  },
  {
    nb: 'Når {a} er godkjent, går du videre med {b} og trykker på {L}.',
    nn: 'Når {a} er godkjend, går du vidare med {b} og trykkjer på {L}.',
    en: 'When {a} is approved, go on with {b} and click {L}.',
  },
  {
    nb: 'Sammenlign {a} på PC-en med {b} på mobilen før du trykker på {L}.',
    nn: 'Samanlikn {a} på PC-en med {b} på mobilen før du trykkjer på {L}.',
    en: 'Compare {a} on the PC with {b} on your phone before you click {L}.',
  },
];

const stepTitles: Text[] = [
  { nb: 'Åpne {a}', nn: 'Opne {a}', en: 'Open {a}' },
  { nb: 'Sjekk {a}', nn: 'Sjekk {a}', en: 'Check {a}' },
  { nb: 'Bekreft {a}', nn: 'Stadfest {a}', en: 'Confirm {a}' },
  { nb: 'Tast inn {a}', nn: 'Tast inn {a}', en: 'Enter {a}' },
  { nb: 'Velg {a}', nn: 'Vel {a}', en: 'Choose {a}' },
  { nb: 'Koble til {a}', nn: 'Kople til {a}', en: 'Connect {a}' },
  { nb: 'Start {a} på nytt', nn: 'Start {a} på nytt', en: 'Restart {a}' },
  { nb: 'Finn fram {a}', nn: 'Finn fram {a}', en: 'Get {a} ready' },
];

const calloutTypes = ['note', 'tip', 'warning', 'error'] as const;
type CalloutType = (typeof calloutTypes)[number];
/** Starlight's aside for each of the guide's callout types. */
const asideOf: Record<CalloutType, string> = { note: 'note', tip: 'tip', warning: 'caution', error: 'danger' };
const callouts: Record<CalloutType, { title: Text; text: Text }> = {
  note: {
    title: { nb: 'Husk', nn: 'Hugs', en: 'Remember' },
    text: { nb: 'Ha {a} klar før du begynner.', nn: 'Ha {a} klar før du byrjar.', en: 'Have {a} ready before you start.' },
  },
  tip: {
    title: { nb: 'Tips', nn: 'Tips', en: 'Tip' },
    text: { nb: 'Legg {a} et sted du finner det igjen.', nn: 'Legg {a} ein stad du finn det att.', en: 'Keep {a} somewhere you can find it again.' },
  },
  warning: {
    title: { nb: 'Sperres etter tre forsøk', nn: 'Sperrast etter tre forsøk', en: 'Blocked after three tries' },
    text: {
      nb: 'Skriver du feil tre ganger, blir {a} sperret. Ikke gjett.',
      nn: 'Skriv du feil tre gonger, blir {a} sperra. Ikkje gjett.',
      en: 'If you get it wrong three times, {a} is blocked. Do not guess.',
    },
  },
  error: {
    title: { nb: 'Feilmelding', nn: 'Feilmelding', en: 'Error message' },
    text: {
      nb: 'Får du en feilmelding om {a}, kontakter du brukerstøtte.',
      nn: 'Får du ei feilmelding om {a}, kontaktar du brukarstøtta.',
      en: 'If you get an error message about {a}, contact the service desk.',
    },
  },
};

const headings = {
  before: { nb: 'Før du begynner', nn: 'Før du byrjar', en: 'Before you start' },
  steps: { nb: 'Slik gjør du det', nn: 'Slik gjer du det', en: 'What to do' },
  help: { nb: 'Fungerte det ikke?', nn: 'Fungerte det ikkje?', en: 'Did it not work?' },
} satisfies Record<string, Text>;
const needLead: Text = { nb: 'Du trenger:', nn: 'Du treng:', en: 'You need:' };
const helpLead: Text = {
  nb: 'Se også disse veiledningene:',
  nn: 'Sjå òg desse rettleiingane:',
  en: 'See also these guides:',
};

// The plan of one page: every choice made once, then written in each language.
interface StepPlan {
  id: string;
  title: number;
  term: number;
  sentences: { template: number; a: number; b: number; label: number }[];
  screenshot?: { name: string; regions: string[] };
  callout?: { type: CalloutType; term: number };
}
interface PagePlan {
  slug: string;
  order: number;
  method?: (typeof loginMethods)[number];
  title: { template: number; term: number; part: number } | 'start';
  description: [number, number];
  keywords: number[];
  intro: { template: number; a: number; b: number }[];
  needs: number[];
  steps: StepPlan[];
  links: { slug: string; step?: string }[];
}

export const START_SLUG = 'index';
/** The slug of generated page i (1-based); page 0 is the start page. */
export function slugOf(i: number): string {
  return i === 0 ? START_SLUG : `emne-${String(i).padStart(4, '0')}`;
}

function plan(options: ContentOptions): PagePlan[] {
  const { pagesPerLocale: n, screenshots } = options;
  if (!Number.isInteger(n) || n < 2) throw new Error(`pagesPerLocale must be a whole number of at least 2, not ${n}`);
  if (screenshots.length === 0) throw new Error('the benchmark needs at least one screenshot to show');
  const random = seededRandom(options.seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const titleUses = new Map<string, number>();
  const stepCounts: number[] = [];
  const plans: PagePlan[] = [];
  for (let i = 0; i < n; i++) {
    const termOfTitle = int(terms.length);
    const templateOfTitle = int(titles.length);
    const key = `${templateOfTitle}/${termOfTitle}`;
    const part = (titleUses.get(key) ?? 0) + 1;
    titleUses.set(key, part);
    const stepCount = 3 + int(5);
    stepCounts.push(stepCount);
    const steps: StepPlan[] = [];
    for (let s = 0; s < stepCount; s++) {
      const sentences = Array.from({ length: 1 + int(2) }, () => ({
        template: int(stepSentences.length),
        a: int(terms.length),
        b: int(terms.length),
        label: int(labels.length),
      }));
      const step: StepPlan = { id: `steg-${s + 1}`, title: int(stepTitles.length), term: int(terms.length), sentences };
      if (random() < 0.6) {
        const shot = pick(screenshots);
        const shown = shot.regions.filter(() => random() < 0.5).slice(0, 2).map((r) => r.name);
        step.screenshot = { name: shot.name, regions: shown.length > 0 || shot.regions.length === 0 ? shown : [shot.regions[0]!.name] };
      }
      if (random() < 0.25) step.callout = { type: pick(calloutTypes), term: int(terms.length) };
      steps.push(step);
    }
    plans.push({
      slug: slugOf(i),
      order: i,
      // A sixth of the pages explain a login method, like the real guide's method pages.
      method: i > 0 && i % 6 === 1 ? loginMethods[Math.floor(i / 6) % loginMethods.length] : undefined,
      title: i === 0 ? 'start' : { template: templateOfTitle, term: termOfTitle, part },
      description: [termOfTitle, int(terms.length)],
      keywords: [termOfTitle, int(terms.length), int(terms.length)],
      intro: twoOf(intros.length, int).map((template) => ({ template, a: termOfTitle, b: int(terms.length) })),
      needs: [int(terms.length), int(terms.length), int(terms.length)],
      steps,
      links: [],
    });
  }
  // Links go to other pages, most to a step, like "see troubleshooting, step 3".
  for (const page of plans) {
    const count = Math.min(2 + int(2), n - 1);
    const targets = new Set<number>();
    while (targets.size < count) {
      const target = int(n);
      if (target !== page.order) targets.add(target);
    }
    for (const target of targets) {
      const step = random() < 0.7 ? `steg-${1 + int(stepCounts[target]!)}` : undefined;
      page.links.push({ slug: slugOf(target), step });
    }
  }
  return plans;
}

/** Two different indices below `length`. */
function twoOf(length: number, int: (max: number) => number): [number, number] {
  const first = int(length);
  return [first, (first + 1 + int(length - 1)) % length];
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function pageTitle(page: PagePlan, locale: Locale): string {
  if (page.title === 'start') return startTitle[locale];
  const base = capitalize(fill(titles[page.title.template]![locale], { a: terms[page.title.term]![locale] }));
  return page.title.part > 1 ? `${base}, ${fill(titlePart[locale], { n: String(page.title.part) })}` : base;
}

/** The site path of a page in both sites: Bokmål at the root, the others under /nn/ and /en/. */
export function pathOf(locale: Locale, slug: string): string {
  const prefix = locale === 'nb' ? '/' : `/${locale}/`;
  return slug === START_SLUG ? prefix : `${prefix}${slug}/`;
}

/** A heading's id as Starlight (github-slugger) makes it: lower case, letters kept, spaces to "-". */
export function starlightHeadingId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replaceAll(' ', '-');
}

/** The two ways of writing what the page needs: components for the guide, Markdown for Starlight. */
interface Writer {
  label(label: { no: string; en: string }, locale: Locale): string;
  steps(items: string[]): string;
  step(step: StepPlan, title: string, body: string[]): string;
  screenshot(shot: ScreenshotInfo, regions: string[], locale: Locale, depth: number): string;
  callout(type: CalloutType, title: string, text: string): string;
  link(locale: Locale, target: PagePlan, step: string | undefined): string;
}

const mdxWriter: Writer = {
  label: ({ no, en }, locale) => (locale === 'en' ? `<Label translation="${en}">${no}</Label>` : `<Label>${no}</Label>`),
  steps: (items) => `<Steps level={3}>\n${items.join('\n')}\n</Steps>`,
  step: (step, title, body) => `  <Step title="${title}" id="${step.id}">\n${body.map((b) => indent(b, 4)).join('\n\n')}\n  </Step>`,
  screenshot: (shot, regions) =>
    regions.length > 0
      ? `<Screenshot src="${shot.name}" regions={[${regions.map((r) => `'${r}'`).join(', ')}]} />`
      : `<Screenshot src="${shot.name}" />`,
  callout: (type, title, text) => `<Callout type="${type}" title="${title}">\n  ${text}\n</Callout>`,
  link: (locale, target, step) => `${pathOf(locale, target.slug)}${step ? `#${step}` : ''}`,
};

const markdownWriter: Writer = {
  label: ({ no, en }, locale) => (locale === 'en' ? `**${no}** (${en})` : `**${no}**`),
  steps: (items) => items.join('\n\n'),
  // Every item is written "1."; Markdown numbers them 1, 2, 3 in order.
  step: (_step, title, body) => `1. **${title}**\n\n${body.map((b) => indent(b, 3)).join('\n\n')}`,
  screenshot: (shot, regions, locale, depth) => markdownScreenshot(shot, regions, locale, depth, (text) => text),
  callout: (type, title, text) => `:::${asideOf[type]}[${title}]\n${text}\n:::`,
  link: (locale, target) => `${pathOf(locale, target.slug)}#${starlightHeadingId(headings.steps[locale])}`,
};

/**
 * Starlight with MDX: the Markdown above, with the two things a Starlight author reaches
 * for MDX to write. <Steps> wraps the ordered list (only MDX can use it); a note is an
 * <Aside>. Images stay Markdown images of src/assets files, which Starlight optimises.
 */
const starlightMdxWriter: Writer = {
  ...markdownWriter,
  // <Steps> takes exactly one ordered list, with blank lines between it and the tags.
  steps: (items) => `<Steps>\n\n${items.join('\n\n')}\n\n</Steps>`,
  screenshot: (shot, regions, locale, depth) => markdownScreenshot(shot, regions, locale, depth, escapeMdxText),
  callout: (type, title, text) => `<Aside type="${asideOf[type]}" title="${title.replaceAll('"', '&quot;')}">\n${text}\n</Aside>`,
};

/** A screenshot as a Starlight author writes it: a Markdown image of src/assets, then its marked regions as a numbered list. */
function markdownScreenshot(shot: ScreenshotInfo, regions: string[], locale: Locale, depth: number, escape: (text: string) => string): string {
  const image = `![${escape(shot.alt[locale].replaceAll('[', '(').replaceAll(']', ')'))}](${'../'.repeat(depth)}assets/screenshots/${shot.name}.png)`;
  const labelsOf = new Map(shot.regions.map((r) => [r.name, r.label[locale]]));
  const list = regions.map((r, i) => `${i + 1}. ${escape(labelsOf.get(r) ?? r)}`).join('\n');
  return list ? `${image}\n\n${list}` : image;
}

/** Text from the screenshot descriptions, safe in MDX, where { and < start code and tags (a Markdown backslash escape). */
export function escapeMdxText(text: string): string {
  return text.replace(/[{}<>\\]/g, (c) => `\\${c}`);
}

/** The import line a Starlight MDX page needs for the components it uses. */
export function starlightImports(body: string): string {
  const used = ['Aside', 'Steps'].filter((name) => new RegExp(`<${name}[\\s>]`).test(body));
  return used.length > 0 ? `import { ${used.join(', ')} } from '@astrojs/starlight/components';\n\n` : '';
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function body(page: PagePlan, plans: PagePlan[], locale: Locale, writer: Writer, shots: Map<string, ScreenshotInfo>, depth: number): string {
  const term = (i: number) => terms[i]![locale];
  const out: string[] = [];
  out.push(page.intro.map((s) => capitalize(fill(intros[s.template]![locale], { a: term(s.a), b: term(s.b) }))).join(' '));
  out.push(`## ${headings.before[locale]}`);
  out.push(`${needLead[locale]}\n\n${page.needs.map((t) => `- ${term(t)}`).join('\n')}`);
  out.push(`## ${headings.steps[locale]}`);
  const items = page.steps.map((step) => {
    const title = capitalize(fill(stepTitles[step.title]![locale], { a: term(step.term) }));
    const parts: string[] = [];
    parts.push(
      step.sentences
        .map((s) => capitalize(fill(stepSentences[s.template]![locale], { a: term(s.a), b: term(s.b), L: writer.label(labels[s.label]!, locale) })))
        .join(' '),
    );
    if (step.screenshot) parts.push(writer.screenshot(shots.get(step.screenshot.name)!, step.screenshot.regions, locale, depth));
    if (step.callout) {
      const c = callouts[step.callout.type];
      parts.push(writer.callout(step.callout.type, c.title[locale], capitalize(fill(c.text[locale], { a: term(step.callout.term) }))));
    }
    return writer.step(step, title, parts);
  });
  out.push(writer.steps(items));
  out.push(`## ${headings.help[locale]}`);
  const links = page.links.map((l) => {
    const target = plans.find((p) => p.slug === l.slug)!;
    return `- [${pageTitle(target, locale)}](${writer.link(locale, target, l.step)})`;
  });
  out.push(`${helpLead[locale]}\n\n${links.join('\n')}`);
  return `${out.join('\n\n')}\n`;
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** Every page in every locale, written for this project (MDX) and for Starlight (Markdown, and MDX). */
export function generateContent(options: ContentOptions): GeneratedPage[] {
  const plans = plan(options);
  const shots = new Map(options.screenshots.map((s) => [s.name, s]));
  const pages: GeneratedPage[] = [];
  for (const locale of locales) {
    for (const page of plans) {
      const title = pageTitle(page, locale);
      const description = fill(descriptions[locale], { a: terms[page.description[0]]![locale], b: terms[page.description[1]]![locale] });
      const keywords = [...new Set(page.keywords.map((k) => terms[k]![locale]))];
      const mdxFront = [
        '---',
        `title: ${yamlString(title)}`,
        `description: ${yamlString(description)}`,
        ...(page.method ? [`method: ${page.method}`] : []),
        `order: ${page.order}`,
        'lastReviewed: 2026-11-25',
        'owner: IT-brukerstøtte',
        'keywords:',
        ...keywords.map((k) => `  - ${yamlString(k)}`),
        'review: reviewed',
        '---',
      ].join('\n');
      const markdownFront = ['---', `title: ${yamlString(title)}`, `description: ${yamlString(description)}`, 'sidebar:', `  order: ${page.order}`, '---'].join(
        '\n',
      );
      // Starlight's root locale (nb) sits one folder higher than nn/ and en/.
      const depth = locale === 'nb' ? 2 : 3;
      const starlightMdxBody = body(page, plans, locale, starlightMdxWriter, shots, depth);
      pages.push({
        locale,
        slug: page.slug,
        path: pathOf(locale, page.slug),
        mdx: `${mdxFront}\n\n${body(page, plans, locale, mdxWriter, shots, depth)}`,
        markdown: `${markdownFront}\n\n${body(page, plans, locale, markdownWriter, shots, depth)}`,
        starlightMdx: `${markdownFront}\n\n${starlightImports(starlightMdxBody)}${starlightMdxBody}`,
      });
    }
  }
  return pages;
}

/** Where a generated page goes in this project, relative to the project. */
export const mdxFileOf = (page: GeneratedPage) => `src/content/guides/${page.locale}/${page.slug}.mdx`;
/** Where a page goes in a Starlight project, relative to that project (Bokmål is the root locale). */
export const starlightDocFile = (locale: Locale, slug: string, extension: 'md' | 'mdx') =>
  `src/content/docs/${locale === 'nb' ? '' : `${locale}/`}${slug}.${extension}`;
/** Where a generated page goes in the Starlight-Markdown project, relative to that project. */
export const markdownFileOf = (page: GeneratedPage) => starlightDocFile(page.locale, page.slug, 'md');
/** Where a generated page goes in the Starlight-MDX project, relative to that project. */
export const starlightMdxFileOf = (page: GeneratedPage) => starlightDocFile(page.locale, page.slug, 'mdx');
