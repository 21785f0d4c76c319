/**
 * Search as you type on the search page, with Pagefind's index for the page's
 * language. Loaded only by the search page, so reading a guide costs no JavaScript.
 *
 * Pagefind finds the pages that have every word of a query. Readers type questions, slips
 * and their own words, so the query is planned first (src/lib/search/words.ts, with the
 * language's vocabulary, loaded with the first query): meaningless words left out, readers'
 * words replaced by the guide's, slips corrected. Each word is then searched on its own,
 * and a page ranks by how many of the words it has, so one word the guide lacks never
 * empties the results. A query that still finds nothing shows the login methods and the
 * service desk.
 */
import { planQuery, type QueryPlan, type Vocabulary } from '../lib/search/words.ts';

/** Without the language's vocabulary: every word searched on its own, as typed. */
const NO_WORDS: Vocabulary = { words: {}, synonyms: [], ignore: [] };

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { id: string };
  weighted_locations: { balanced_score: number }[];
}
interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindFragment>;
}
interface PagefindResponse {
  results: PagefindResult[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string, options?: SearchOptions): Promise<PagefindResponse | null>;
  preload(term: string): Promise<void>;
}

type SearchOptions = { filters?: Record<string, string> };

interface Strings {
  loading: string;
  none: string;
  one: string;
  many: string;
  failed: string;
  corrected: string;
  original: string;
}

/**
 * What the search does beyond Pagefind's own matching; all of them unless the search
 * element's data-features lists fewer (the search benchmark measures each one's worth).
 */
const FEATURES = ['questions', 'synonyms', 'typos', 'help'] as const;
type Feature = (typeof FEATURES)[number];

/** A page found, with the words of the query it has. */
interface Ranked {
  id: string;
  terms: string[];
  score: number;
  data(): Promise<PagefindFragment>;
}

/** How long to wait after a keystroke before searching: a search finishes in a few milliseconds. */
const TYPING_PAUSE_MS = 15;
/** The query parameter that searches for the words as typed, without correcting them. */
const VERBATIM = 'ordrett';
const MAX_RESULTS = 10;
const MAX_SECTIONS = 3;

const score = (sub: PagefindSubResult) => sub.weighted_locations.reduce((sum, w) => sum + w.balanced_score, 0);

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** The best-matching sections of a page, best first; the page top only when nothing else matched. */
function sections(fragment: PagefindFragment): PagefindSubResult[] {
  const withAnchor = fragment.sub_results.filter((s) => s.anchor && s.anchor.id);
  const pool = withAnchor.length > 0 ? withAnchor : fragment.sub_results;
  return [...pool].sort((a, b) => score(b) - score(a)).slice(0, MAX_SECTIONS);
}

/**
 * The pages that have any of the words, those with most of them first (then by Pagefind's
 * score). One word on its own is Pagefind's own search.
 */
async function rankByTerms(engine: Pagefind, terms: readonly string[], options: SearchOptions): Promise<Ranked[]> {
  const pages = new Map<string, Ranked>();
  for (const term of terms) {
    const response = await engine.search(term, options);
    for (const result of response?.results ?? []) {
      const page = pages.get(result.id) ?? { id: result.id, terms: [], score: 0, data: () => result.data() };
      page.terms.push(term);
      page.score += result.score;
      pages.set(result.id, page);
    }
  }
  return [...pages.values()].sort((a, b) => b.terms.length - a.terms.length || b.score - a.score);
}

/**
 * A found page's fragment, its excerpt and sections matched to all the words it has:
 * Pagefind's search for exactly those words (every page in it has them all).
 */
async function fragmentOf(engine: Pagefind, page: Ranked, options: SearchOptions, searches: Map<string, Promise<PagefindResponse | null>>) {
  if (page.terms.length < 2) return page.data();
  const key = page.terms.join(' ');
  if (!searches.has(key)) searches.set(key, engine.search(key, options));
  const match = (await searches.get(key))?.results.find((r) => r.id === page.id);
  return (match ?? page).data();
}

function renderResult(fragment: PagefindFragment): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const [best, ...others] = sections(fragment);
  const pageTitle = fragment.meta.title ?? fragment.url;

  const link = document.createElement('a');
  link.className = 'search-result-link';
  link.href = best?.url ?? fragment.url;
  const title = document.createElement('span');
  title.className = 'search-result-title';
  title.textContent = pageTitle;
  link.append(title);
  if (best && best.anchor && best.title !== pageTitle) {
    const section = document.createElement('span');
    section.className = 'search-result-section';
    section.textContent = best.title;
    link.append(section);
  }
  item.append(link);

  const excerpt = document.createElement('p');
  excerpt.className = 'search-result-excerpt';
  // Pagefind's excerpt is escaped text with <mark> around the matched words.
  excerpt.innerHTML = best?.excerpt ?? fragment.excerpt;
  item.append(excerpt);

  if (others.length > 0) {
    const more = document.createElement('ul');
    more.className = 'search-result-more';
    for (const sub of others) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = sub.url;
      a.textContent = sub.title;
      li.append(a);
      more.append(li);
    }
    item.append(more);
  }
  return item;
}

export function startSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const form = root?.querySelector<HTMLFormElement>('form');
  const input = root?.querySelector<HTMLInputElement>('input[name="q"]');
  const method = root?.querySelector<HTMLSelectElement>('select[name="metode"]');
  const status = root?.querySelector<HTMLElement>('#search-status');
  const correction = root?.querySelector<HTMLElement>('#search-correction');
  const list = root?.querySelector<HTMLOListElement>('#search-results');
  const help = root?.querySelector<HTMLElement>('#search-help');
  if (!root || !form || !input || !method || !status || !correction || !list || !help) return;

  const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
  const bundle = root.dataset.bundle ?? '/pagefind/';
  let pagefind: Promise<Pagefind> | undefined;
  let words: Promise<Vocabulary | undefined> | undefined;
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The words as typed, uncorrected: the reader followed "search for … instead". */
  let verbatim = false;

  const features = (): Set<Feature> => {
    const listed = root.dataset.features;
    return new Set(listed === undefined ? FEATURES : FEATURES.filter((f) => listed.split(/[\s,]+/).includes(f)));
  };

  const load = () => {
    pagefind ??= (async () => {
      const module = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
      await module.options({ basePath: bundle, excerptLength: 22, noWorker: true });
      await module.init();
      // Start the WebAssembly and fetch the index chunk now, while the reader is still
      // typing, so the first results do not wait for them.
      void module.preload('a').catch(() => undefined);
      return module;
    })();
    return pagefind;
  };

  // The language's words, synonyms and words to ignore: a few kilobytes, fetched with the
  // first query. Without them each word is still searched on its own, uncorrected; a failed
  // fetch is tried again with the next query.
  const loadWords = async (): Promise<Vocabulary | undefined> => {
    words ??= (async () => {
      const response = await fetch(root.dataset.vocabulary ?? '');
      if (!response.ok) throw new Error(`the vocabulary answered ${response.status}`);
      return (await response.json()) as Vocabulary;
    })();
    try {
      return await words;
    } catch {
      words = undefined;
      return undefined;
    }
  };

  const searchUrl = (query: string, filter: string, exact: boolean) => {
    const url = new URL(window.location.href);
    for (const name of ['q', 'metode', VERBATIM]) url.searchParams.delete(name);
    if (query) url.searchParams.set('q', query);
    if (filter) url.searchParams.set('metode', filter);
    if (query && exact) url.searchParams.set(VERBATIM, '1');
    return url;
  };

  const showCorrection = (plan: QueryPlan, query: string, filter: string) => {
    if (!plan.corrected) {
      correction.replaceChildren();
      return;
    }
    const lead = `${fill(strings.corrected, { query: plan.corrected })} `;
    const label = fill(strings.original, { query });
    // A live region speaks when it changes: only when the correction does.
    if (correction.textContent === lead + label) return;
    const original = document.createElement('a');
    original.href = searchUrl(query, filter, true).href;
    original.textContent = label;
    original.addEventListener('click', (event) => {
      event.preventDefault();
      verbatim = true;
      void run();
      input.focus();
    });
    correction.replaceChildren(lead, original);
  };

  const run = async () => {
    const query = input.value.trim();
    const filter = method.value;
    const run = ++latest;
    history.replaceState(null, '', searchUrl(query, filter, verbatim));
    if (query === '') {
      list.replaceChildren();
      list.hidden = true;
      help.hidden = true;
      correction.replaceChildren();
      status.textContent = '';
      return;
    }
    root.setAttribute('aria-busy', 'true');
    try {
      const on = features();
      const planned = on.has('questions') || on.has('synonyms') || on.has('typos');
      const [engine, vocabulary] = await Promise.all([load(), planned ? loadWords() : undefined]);
      const plan = planQuery(query, vocabulary ?? NO_WORDS, {
        ignore: on.has('questions'),
        synonyms: on.has('synonyms'),
        typos: on.has('typos') && !verbatim && vocabulary !== undefined,
      });
      const options: SearchOptions = filter ? { filters: { method: filter } } : {};
      const ranked = on.has('questions')
        ? await rankByTerms(engine, plan.terms, options)
        : ((await engine.search(plan.terms.join(' '), options))?.results ?? []).map((r) => ({ ...r, terms: plan.terms, data: () => r.data() }));
      if (run !== latest) return;
      const searches = new Map<string, Promise<PagefindResponse | null>>();
      const fragments = await Promise.all(ranked.slice(0, MAX_RESULTS).map((page) => fragmentOf(engine, page, options, searches)));
      if (run !== latest) return;
      list.replaceChildren(...fragments.map(renderResult));
      list.hidden = fragments.length === 0;
      help.hidden = !(on.has('help') && fragments.length === 0);
      showCorrection(plan, query, filter);
      const count = ranked.length;
      status.textContent = fill(count === 0 ? strings.none : count === 1 ? strings.one : strings.many, { query, count });
    } catch {
      if (run !== latest) return;
      // The search could not run: no stale results, and the way on instead.
      list.replaceChildren();
      list.hidden = true;
      correction.replaceChildren();
      help.hidden = false;
      status.textContent = strings.failed;
    } finally {
      if (run === latest) root.removeAttribute('aria-busy');
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_PAUSE_MS);
  };

  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];

  input.addEventListener('input', () => {
    verbatim = false;
    schedule();
  });
  input.addEventListener('focus', () => void load(), { once: true });
  method.addEventListener('change', () => {
    clearTimeout(timer);
    void run();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run().then(() => links()[0]?.focus());
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && links().length > 0) {
      event.preventDefault();
      links()[0]!.focus();
    } else if (event.key === 'Escape' && input.value !== '') {
      event.preventDefault();
      input.value = '';
      void run();
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = links();
    const index = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)]!.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) input.focus();
      else all[index - 1]!.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.focus();
    }
  });

  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') ?? '';
  verbatim = params.get(VERBATIM) === '1';
  const requested = params.get('metode') ?? '';
  if ([...method.options].some((o) => o.value === requested)) method.value = requested;
  if (input.value) void run();
  input.focus();
}
