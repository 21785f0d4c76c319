import { locales, type Locale } from '../i18n/locales.ts';
import { loginMethods, type LoginMethod } from './methods.ts';
import { RESERVED_SLUGS } from '../guide/routing.ts';

export interface NewPage {
  slug: string;
  /** The page's title in each language; nn and en start from nb until translated. */
  title: string;
  method?: LoginMethod;
  order: number;
  /** Written as lastReviewed, YYYY-MM-DD. */
  today: string;
}

/** Why a slug cannot be used, or undefined when it can. */
export function slugProblem(slug: string, existing: Iterable<string>): string | undefined {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    return `"${slug}" is not a valid page name: use a-z, 0-9 and single dashes, e.g. "buypass-nokkel"`;
  }
  if (RESERVED_SLUGS.includes(slug)) return `"${slug}" is used by the site itself; choose another name`;
  for (const taken of existing) {
    if (taken === slug) return `src/content/guides/nb/${slug}.mdx already exists: choose another name, or edit that file`;
  }
  return undefined;
}

export function methodProblem(method: string): string | undefined {
  return (loginMethods as readonly string[]).includes(method)
    ? undefined
    : `method "${method}" is not one of: ${loginMethods.join(', ')}. A new login method is first added to src/lib/methods.ts`;
}

const starter: Record<Locale, { description: string; step: string; body: string; help: string; helpText: string }> = {
  nb: {
    description: 'Kort beskrivelse av hva siden hjelper leseren med.',
    step: 'Velg elektronisk ID',
    body: 'Når du logger inn hjemmefra, får du opp skjermbildet <Label>Velg elektronisk ID</Label>.',
    help: 'Det fungerte ikke?',
    helpText: 'Se [feilsøking](/feilsoking/), eller kontakt brukerstøtte:',
  },
  nn: {
    description: 'Kort skildring av kva sida hjelper lesaren med.',
    step: 'Vel elektronisk ID',
    body: 'Når du loggar inn heimanfrå, får du opp skjermbiletet <Label>Velg elektronisk ID</Label>.',
    help: 'Fungerte det ikkje?',
    helpText: 'Sjå [feilsøking](/nn/feilsoking/), eller kontakt brukarstøtte:',
  },
  en: {
    description: 'A short description of what the page helps the reader do.',
    step: 'Choose your electronic ID',
    body: 'When you log in from home, you see the screen <Label translation="Choose electronic ID">Velg elektronisk ID</Label>.',
    help: 'Did it not work?',
    helpText: 'See [troubleshooting](/en/feilsoking/), or contact <Setting name="serviceDeskName" /> (IT service desk):',
  },
};

/** The choice on the "Velg elektronisk ID" screen that leads to a method. */
function eidRegion(method: LoginMethod | undefined): 'bankid' | 'buypass' | 'commfides' {
  if (method === 'bankid' || method === 'commfides') return method;
  return 'buypass';
}

/**
 * The MDX of a new page in every locale: valid frontmatter, a first step with a
 * screenshot, and the help section every page ends with. Marked as a draft and
 * awaiting review, so nothing half-written is published.
 */
export function scaffoldPage(page: NewPage): Record<Locale, string> {
  const files = {} as Record<Locale, string>;
  for (const locale of locales) {
    const text = starter[locale];
    const frontmatter = [
      '---',
      `title: ${JSON.stringify(page.title)}`,
      `description: ${JSON.stringify(text.description)}`,
      ...(page.method ? [`method: ${page.method}`] : []),
      `order: ${page.order}`,
      `lastReviewed: ${page.today}`,
      'owner: IT-brukerstøtte',
      'keywords: []',
      'review: awaiting-owner-review',
      '# Remove this line when the page is ready to publish.',
      'draft: true',
      '---',
    ];
    files[locale] = `${frontmatter.join('\n')}

<Steps>
  <Step title="${text.step}">
    ${text.body}

    <Screenshot src="velg-elektronisk-id" regions={['${eidRegion(page.method)}']} />
  </Step>
</Steps>

## ${text.help}

${text.helpText}

<ServiceDesk />
`;
  }
  return files;
}
