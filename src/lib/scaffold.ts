/**
 * A new page as `npm run new` writes it (scripts/new.ts): in every language, shaped like the
 * real login-method pages (src/content/guides/<language>/bankid.mdx, commfides.mdx, …), with
 * the text every method page shares copied in and a clearly marked placeholder wherever the
 * editor must write. tests/checks/scaffold-checks.test.ts holds the shared text to the real
 * pages, so the two cannot drift apart unnoticed.
 */
import { locales, type Locale } from '../i18n/locales.ts';
import { CHOICE_SCREEN, METHODS_FILE, type LoginMethodEntry } from './methods.ts';
import { didYouMean } from './suggest.ts';
import { RESERVED_SLUGS } from '../guide/routing.ts';

export interface NewPage {
  slug: string;
  /** The page's title in each language; nn and en start from nb until translated. */
  title: string;
  /** The login method the page explains, from src/content/methods.yaml; none for a task page. */
  method?: Pick<LoginMethodEntry, 'id' | 'choice' | 'label'>;
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

/**
 * Why `method` cannot be used for a new page, or undefined when it is in the list. A method
 * that is not there yet is added to src/content/methods.yaml: by hand, or by the command.
 */
export function methodProblem(method: string, methods: readonly Pick<LoginMethodEntry, 'id'>[], choices: readonly string[]): string | undefined {
  const ids = methods.map((m) => m.id);
  if (ids.includes(method)) return undefined;
  return [
    `"${method}" is not a login method in ${METHODS_FILE}${didYouMean(method, ids)}; the methods are: ${ids.join(', ')}.`,
    `  A new login method is added to that file. Write its entry at the end of ${METHODS_FILE}:`,
    `    - id: ${method}`,
    `      choice: <the choice on "Velg elektronisk ID" that leads to it: ${choices.join(', ')}>`,
    '      label: <the words on that choice, as the screen shows them>',
    '  or let this command add it: run it again with',
    `    --method ${method} --choice <${choices.join(' | ')}> --label "<the words on that choice>"`,
  ].join('\n');
}

/** The texts of the scaffold an editor must replace before the page is published, in one language. */
interface Placeholders {
  description: string;
  intro: string;
  need: string;
  stepTitle: string;
  stepBody: string;
}

/** The placeholder step's id: the same in every language, like every step id. */
const PLACEHOLDER_STEP_ID = 'skriv-her-stegets-id';

const placeholders: Record<Locale, Placeholders> = {
  nb: {
    description: 'SKRIV HER: én setning om hva siden hjelper leseren med.',
    intro: 'SKRIV HER: én eller to setninger om hva leseren får til med denne siden, og hvem den er for.',
    need: 'SKRIV HER: det leseren trenger, for eksempel mobilen eller kortet',
    stepTitle: 'SKRIV HER: hva leseren gjør',
    stepBody: 'SKRIV HER: hva leseren gjør og ser i dette steget. Skriv ett steg for hver ting leseren gjør.',
  },
  nn: {
    description: 'SKRIV HER: éi setning om kva sida hjelper lesaren med.',
    intro: 'SKRIV HER: éi eller to setningar om kva lesaren får til med denne sida, og kven ho er for.',
    need: 'SKRIV HER: det lesaren treng, til dømes mobilen eller kortet',
    stepTitle: 'SKRIV HER: kva lesaren gjer',
    stepBody: 'SKRIV HER: kva lesaren gjer og ser i dette steget. Skriv eitt steg for kvar ting lesaren gjer.',
  },
  en: {
    description: 'WRITE HERE: one sentence on what the page helps the reader do.',
    intro: 'WRITE HERE: a sentence or two on what the reader can do with this page, and who it is for.',
    need: 'WRITE HERE: what the reader needs, such as their phone or card',
    stepTitle: 'WRITE HERE: what the reader does',
    stepBody: 'WRITE HERE: what the reader does and sees in this step. Write one step for each thing the reader does.',
  },
};

/**
 * Every text of the scaffold an editor must replace before publishing, in `locale`: a page
 * that is no longer a draft must hold none of them. scaffoldPage() writes exactly these.
 */
export function scaffoldPlaceholders(locale: Locale): string[] {
  const text = placeholders[locale];
  return [text.description, text.intro, text.need, text.stepTitle, text.stepBody, PLACEHOLDER_STEP_ID];
}

/** What every method page says, word for word, in each language. */
interface SharedText {
  before: string;
  youNeed: string;
  /** Ordering the portal access, the last paragraph of "Before you start". */
  access: string;
  howTo: string;
  /** The first step, the same on every method page: how the login starts. */
  startStep: string;
  choose: (label: string) => string;
  /** The "Velg elektronisk ID" step's text before its screenshot. */
  chooseBody: (label: string) => string;
  help: string;
}

const shared: Record<Locale, SharedText> = {
  nb: {
    before: 'Før du begynner',
    youNeed: 'Du trenger:',
    access:
      'Skal du bruke den eksterne portalen, må du ha fått tilgang til portalen. Tilgangen heter **<Setting name="portalAccessName" />**. Du bestiller den i <Setting name="accessPortalName" />. <OwnerReview reason="kildeteksten sier ikke at tilgangen må bestilles fra jobb">Bestill tilgangen mens du er på jobb, i god tid før du skal logge inn hjemmefra.</OwnerReview>',
    howTo: 'Slik logger du inn',
    startStep: `  <Step title="Start innloggingen" id="start-innloggingen">
    <OwnerReview reason="kildeteksten sier ikke hvordan innloggingen startes">
      - **På jobb-PC-en:** Koble PC-en til internett hjemme, og start VPN-tilkoblingen til jobbnettet. Er du usikker på hvordan, spør <Setting name="serviceDeskName" />.
      - **På en annen PC, for eksempel din egen:** Åpne nettleseren, og gå til adressen til eksternportalen: <Setting name="portalUrl" />
    </OwnerReview>
  </Step>`,
    choose: (label) => `Velg ${label}`,
    chooseBody: (label) =>
      `Når du logger inn hjemmefra på jobb-PC-en, eller på den eksterne portalen fra en annen PC, kommer skjermbildet <Label>Velg elektronisk ID</Label>.

    Velg <Label>${label}</Label>.`,
    help: `## Fungerte det ikke?

Se [feilsøking](/feilsoking/) for vanlige feil og hva du kan gjøre. Får du det fortsatt ikke til, kontakt brukerstøtte:

<ServiceDesk />`,
  },
  nn: {
    before: 'Før du byrjar',
    youNeed: 'Du treng:',
    access:
      'Skal du bruke den eksterne portalen, må du ha fått tilgang til portalen. Tilgangen heiter **<Setting name="portalAccessName" />**. Du bestiller tilgangen i <Setting name="accessPortalName" />. <OwnerReview reason="kjeldeteksten seier ikkje at tilgangen må bestillast frå jobb">Bestill tilgangen medan du er på jobb, i god tid før du skal logge inn heimanfrå.</OwnerReview>',
    howTo: 'Slik loggar du inn',
    startStep: `  <Step title="Start innlogginga" id="start-innloggingen">
    <OwnerReview reason="kjeldeteksten seier ikkje korleis innlogginga blir starta">
      - **På jobb-PC-en:** Kople PC-en til internett heime, og start VPN-tilkoplinga til jobbnettet. Er du usikker på korleis, spør <Setting name="serviceDeskName" />.
      - **På ein annan PC, til dømes din eigen:** Opne nettlesaren, og gå til adressa til eksternportalen: <Setting name="portalUrl" />
    </OwnerReview>
  </Step>`,
    choose: (label) => `Vel ${label}`,
    chooseBody: (label) =>
      `Når du loggar inn heimanfrå på jobb-PC-en, eller på den eksterne portalen frå ein annan PC, kjem skjermbiletet <Label>Velg elektronisk ID</Label>.

    Vel <Label>${label}</Label>.`,
    help: `## Fungerte det ikkje?

Sjå [feilsøking](/nn/feilsoking/) for vanlege feil og kva du kan gjere. Får du det framleis ikkje til, kontakt brukarstøtte:

<ServiceDesk />`,
  },
  en: {
    before: 'Before you start',
    youNeed: 'You need:',
    access:
      'To use the external portal, you must have been given access to it. The access is called **<Setting name="portalAccessName" />**. You order it in <Setting name="accessPortalName" />. <OwnerReview reason="the source text does not say the access must be ordered from work">Order it while you are at work, well before you need to log in from home.</OwnerReview>',
    howTo: 'How to log in',
    startStep: `  <Step title="Start logging in" id="start-innloggingen">
    <OwnerReview reason="the source text does not say how the login starts">
      - **On your work PC:** Connect the PC to the internet at home, and start the VPN connection to the work network. If you are not sure how, ask <Setting name="serviceDeskName" /> (IT service desk).
      - **On another PC, such as your own:** Open the web browser, and go to the external portal's address: <Setting name="portalUrl" />
    </OwnerReview>
  </Step>`,
    choose: (label) => `Choose ${label}`,
    chooseBody: (label) =>
      `When you log in from home on your work PC, or on the external portal from another PC, you see the screen <Label translation="Choose electronic ID">Velg elektronisk ID</Label>.

    Choose <Label translation="${label}">${label}</Label>.`,
    help: `## If it didn't work

See [troubleshooting](/en/feilsoking/) for common problems and what to do. If you still can't log in, contact <Setting name="serviceDeskName" /> (IT service desk):

<ServiceDesk />`,
  },
};

/** The step on the "Velg elektronisk ID" screen that leads to the method, as the real pages write it. */
function chooseStep(locale: Locale, method: NonNullable<NewPage['method']>): string {
  const text = shared[locale];
  return `  <Step title="${text.choose(method.label)}" id="velg-${method.choice}">
    ${text.chooseBody(method.label)}

    <Screenshot src="${CHOICE_SCREEN}" regions={['${method.choice}']} />
  </Step>`;
}

/** The step the editor writes: marked in its title, id and text. */
function placeholderStep(locale: Locale): string {
  const text = placeholders[locale];
  return `  <Step title="${text.stepTitle}" id="${PLACEHOLDER_STEP_ID}">
    ${text.stepBody}
  </Step>`;
}

function frontmatter(page: NewPage, locale: Locale): string {
  return [
    '---',
    `title: ${JSON.stringify(page.title)}`,
    `description: ${JSON.stringify(placeholders[locale].description)}`,
    ...(page.method ? [`method: ${page.method.id}`] : []),
    `order: ${page.order}`,
    `lastReviewed: ${page.today}`,
    'owner: IT-brukerstøtte',
    '# The words people search for that the page may not use, e.g. [kodebrikke, chipkort].',
    'keywords: []',
    'review: awaiting-owner-review',
    '# Remove this line when the page is ready to publish.',
    'draft: true',
    '---',
  ].join('\n');
}

/**
 * The MDX of a new page in every locale, as a draft awaiting its owner's review. A method
 * page is laid out like the real ones: the intro, "Før du begynner", "Slik logger du inn"
 * with the shared first step, the step on the "Velg elektronisk ID" screen and a step to
 * write, then "Fungerte det ikke?". A task page has the intro, a step to write and the help.
 */
export function scaffoldPage(page: NewPage): Record<Locale, string> {
  const files = {} as Record<Locale, string>;
  for (const locale of locales) {
    const text = shared[locale];
    const mark = placeholders[locale];
    const body = page.method
      ? `${mark.intro}

## ${text.before}

${text.youNeed}

- ${mark.need}

${text.access}

## ${text.howTo}

<Steps level={3}>
${text.startStep}
${chooseStep(locale, page.method)}
${placeholderStep(locale)}
</Steps>`
      : `${mark.intro}

<Steps>
${placeholderStep(locale)}
</Steps>`;
    files[locale] = `${frontmatter(page, locale)}

${body}

${text.help}
`;
  }
  return files;
}
