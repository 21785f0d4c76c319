/**
 * Search as you type on the search page, with Pagefind's index for the page's
 * language. Loaded only by the search page, so reading a guide costs no JavaScript.
 */

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
interface PagefindResponse {
  results: { id: string; data(): Promise<PagefindFragment> }[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string> }): Promise<PagefindResponse | null>;
  preload(term: string): Promise<void>;
}

interface Strings {
  loading: string;
  none: string;
  one: string;
  many: string;
  failed: string;
}

/** How long to wait after the last keystroke before searching. */
const TYPING_PAUSE_MS = 80;
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
  const list = root?.querySelector<HTMLOListElement>('#search-results');
  if (!root || !form || !input || !method || !status || !list) return;

  const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
  const bundle = root.dataset.bundle ?? '/pagefind/';
  let pagefind: Promise<Pagefind> | undefined;
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

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

  const syncUrl = (query: string, filter: string) => {
    const url = new URL(window.location.href);
    url.searchParams.delete('q');
    url.searchParams.delete('metode');
    if (query) url.searchParams.set('q', query);
    if (filter) url.searchParams.set('metode', filter);
    history.replaceState(null, '', url);
  };

  const run = async () => {
    const query = input.value.trim();
    const filter = method.value;
    const run = ++latest;
    syncUrl(query, filter);
    if (query === '') {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = '';
      return;
    }
    root.setAttribute('aria-busy', 'true');
    try {
      const engine = await load();
      const response = await engine.search(query, filter ? { filters: { method: filter } } : {});
      if (!response || run !== latest) return;
      const fragments = await Promise.all(response.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (run !== latest) return;
      list.replaceChildren(...fragments.map(renderResult));
      list.hidden = fragments.length === 0;
      const count = response.results.length;
      status.textContent = fill(count === 0 ? strings.none : count === 1 ? strings.one : strings.many, { query, count });
    } catch {
      if (run === latest) status.textContent = strings.failed;
    } finally {
      if (run === latest) root.removeAttribute('aria-busy');
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_PAUSE_MS);
  };

  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];

  input.addEventListener('input', schedule);
  input.addEventListener('focus', () => void load(), { once: true });
  method.addEventListener('change', () => void run());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
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
  const requested = params.get('metode') ?? '';
  if ([...method.options].some((o) => o.value === requested)) method.value = requested;
  if (input.value) void run();
  input.focus();
}
