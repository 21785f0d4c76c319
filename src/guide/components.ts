/**
 * The editors' vocabulary: every component a guide page may use, each with its props
 * described once, as a zod schema. The schema is the contract: the component's `Props`
 * type is inferred from it, the component checks its props with it when it renders, and
 * the MDX compile checks the props written in a page with it, at their line. The list of
 * components is this object's keys; the plain HTML elements a page may use are below it.
 */
import { z } from 'astro/zod';
import { locales } from '../i18n/locales.ts';
import { apps } from '../lib/apps.ts';
import { didYouMean } from '../lib/suggest.ts';
import { settingNames } from '../site.config.ts';

const text = (prop: string, example: string) =>
  z
    .string({ error: `${prop} must be text, e.g. ${prop}="${example}"` })
    .refine((value) => value.trim() !== '', { error: `${prop} is empty: write ${prop}="${example}"` });

const oneOf = <const T extends readonly [string, ...string[]]>(prop: string, values: T) =>
  z.enum(values, {
    error: (issue) => `${prop}=${JSON.stringify(issue.input)} is not allowed${didYouMean(String(issue.input), values)}; write one of: ${values.join(', ')}`,
  });

const appIds = Object.keys(apps) as [keyof typeof apps, ...(keyof typeof apps)[]];

/**
 * A component's schema: its own props, and `source`, the MDX file it is written in, which
 * the compile sets on every component (the component's errors and language come from it).
 */
const component = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, source: z.string().optional() });

export const componentSchemas = {
  /** App Store and Google Play links for an app in src/lib/apps.ts. */
  AppStoreLinks: component({
    app: oneOf('app', appIds),
  }),
  /** A note, tip, warning or error message. */
  Callout: component({
    type: oneOf('type', ['note', 'tip', 'warning', 'error']).default('note'),
    /** A short visible heading, e.g. "Feilmelding". */
    title: text('title', 'Feilmelding').optional(),
  }),
  /** Links to the login-method pages or the help pages, for the start page. */
  GuideList: component({
    show: oneOf('show', ['methods', 'help']),
  }),
  /** A word the reader sees on screen. English pages add its meaning. */
  Label: component({
    translation: text('translation', 'Continue').optional(),
    /** Set by the build when the translation is the word itself ("BankID"): shown once. */
    untranslated: z.boolean().default(false),
  }),
  /**
   * A passage its page's owner has not confirmed yet: text that is not from the source or
   * not checked against the login screens. Readers of the published site see the text as
   * it is; a preview marks it, and the checks list it for the owner (review/passage).
   */
  OwnerReview: component({
    /** Why it awaits the owner, in a few words: "Ikke i kildeteksten". */
    reason: text('reason', 'Ikke i kildeteksten').optional(),
    /** Set by the build: the passage is part of a paragraph (a sentence), not whole blocks. */
    inline: z.boolean().default(false),
  }),
  /** A screenshot with numbered markers drawn over some of its regions, listed as text under it. */
  Screenshot: component({
    /** File name in public/screenshots, without ".png". */
    src: z
      .string({ error: 'src must be the name of a PNG in public/screenshots, e.g. src="velg-buypass-id"' })
      .regex(/^[a-z0-9][a-z0-9-]*(\.png)?$/, {
        error: 'src must be the name of a PNG in public/screenshots, without folder or .png: a-z, 0-9 and -, e.g. src="velg-buypass-id"',
      }),
    /** Replaces the screenshot's usual alt text when this page uses it for another purpose. */
    alt: text('alt', 'what the screenshot is for').optional(),
    /** A visible caption under the image. */
    caption: text('caption', 'Slik ser det ut').optional(),
    /** Region names from the screenshot's YAML file, numbered in this order. */
    regions: z
      .array(z.string().regex(/^[a-z0-9-]+$/), { error: "regions must be a list of region names, e.g. regions={['fortsett']}" })
      .default([]),
    /** Set by the build on a page's first screenshot, which loads with the page. */
    first: z.boolean().default(false),
  }),
  /** How to reach the service desk, from the trust's file (src/trusts/<id>.yaml). */
  ServiceDesk: component({
    locale: oneOf('locale', locales).optional(),
  }),
  /** A value from the site settings or the trust's file, so that no trust name is written into a page. */
  Setting: component({
    name: oneOf('name', settingNames),
  }),
  /**
   * Text only some trusts show: the note of this name in the trust's file (notes: in
   * src/trusts/<id>.yaml), in the page's language; nothing for a trust without one.
   */
  TrustNote: component({
    name: z
      .string({ error: 'name must be text, e.g. name="start"' })
      .regex(/^[a-z][a-z0-9-]*$/, { error: 'name may only hold a-z, 0-9 and -, e.g. name="start"' }),
  }),
  /** One step of a <Steps> list. */
  Step: component({
    /** The step's heading: what the reader does. */
    title: text('title', 'Sett inn smartkortet i PC-en'),
    /** Link target (#id); made from the title by the build when left out. */
    id: z
      .string({ error: 'id must be text of a-z, 0-9 and -, e.g. id="pin-kode"' })
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'id may only hold a-z, 0-9 and -, starting with a letter or digit, e.g. id="pin-kode"' }),
    /** Set by the build: the step's number and its heading level (from <Steps level>). */
    number: z.number().int().positive(),
    level: z.union([z.literal(2), z.literal(3)]),
  }),
  /** A numbered procedure: a real ordered list of <Step> items. */
  Steps: component({
    /** Heading level of each step's title: 2 (default) or 3, under a "##" heading. */
    level: z
      .union([z.literal(2), z.literal(3)], { error: (issue) => `level must be the number 2 or 3, written level={3}, not ${JSON.stringify(issue.input)}` })
      .default(2),
    /** Set by the build: how many steps the list holds. */
    count: z.number().int().positive(),
  }),
};

export type ComponentName = keyof typeof componentSchemas;
export const componentNames = Object.keys(componentSchemas).sort() as ComponentName[];
export type ComponentProps<N extends ComponentName> = z.input<(typeof componentSchemas)[N]>;

/**
 * Props the build sets while compiling (never written by editors): a page that writes
 * one is told so, since the build would overwrite or contradict it.
 */
export const buildProps: Partial<Record<ComponentName, readonly string[]>> = {
  Label: ['untranslated'],
  OwnerReview: ['inline'],
  Screenshot: ['first'],
  Step: ['number', 'level'],
  Steps: ['count'],
};

/** Props that had another name, so a page written with the old one is told the new. */
export const renamedProps: Partial<Record<ComponentName, Readonly<Record<string, string>>>> = {
  Screenshot: { callouts: 'regions' },
};

/** Whether the build sets this prop (`source` on every component); the compile refuses it from an editor. */
export const isBuildProp = (name: ComponentName, prop: string) => prop === 'source' || (buildProps[name]?.includes(prop) ?? false);

export const isComponentName = (name: string): name is ComponentName => Object.hasOwn(componentSchemas, name);

/** The props an editor may write on a component, for messages. */
export const editorProps = (component: ComponentName) =>
  Object.keys(componentSchemas[component].shape).filter((prop) => !isBuildProp(component, prop));

/**
 * Plain HTML elements a page may use, with the attributes each may carry (lower case).
 * Markdown covers text, lists, links, tables and headings; these are the few things it
 * cannot write. Everything else (scripts, forms, embeds, styles, meta, base) is refused.
 */
export const plainElements: Readonly<Record<string, readonly string[]>> = {
  br: [],
  wbr: [],
  kbd: ['lang'],
  abbr: ['title', 'lang'],
  sub: ['lang'],
  sup: ['lang'],
  span: ['lang'],
};

/** The issues of a prop check as lines an editor can act on: `level must be the number 2 or 3 …`; `written`: the props as given. */
export function describeIssues(component: string, error: z.ZodError, written: unknown): string[] {
  const given = (prop: string) => typeof written === 'object' && written !== null && Object.hasOwn(written, prop);
  return error.issues.map((issue) => {
    const prop = issue.path[0];
    if (issue.code === 'unrecognized_keys') return `<${component}> has no prop ${issue.keys.join(', ')}`;
    if (typeof prop === 'string' && !given(prop)) return `<${component}> needs ${prop}="…"`;
    // zod's own words ("Invalid input: expected string") where a schema has none of its own.
    if (typeof prop === 'string' && /^Invalid input/.test(issue.message)) return `${prop} has the wrong kind of value: ${issue.message.replace(/^Invalid input: /, '')}`;
    return issue.message;
  });
}

/** A component's props checked against its schema when it renders; throws with every problem, naming the page. */
export function parseProps<N extends ComponentName>(
  component: N,
  props: unknown,
  fail: (problem: string) => never,
): z.output<(typeof componentSchemas)[N]> {
  const result = componentSchemas[component].safeParse(props);
  if (!result.success) fail(describeIssues(component, result.error, props).join('; '));
  return result.data as z.output<(typeof componentSchemas)[N]>;
}
