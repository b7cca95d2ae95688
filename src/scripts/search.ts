/**
 * The search page in the browser: URL ⇄ form state, debounced Pagefind searches,
 * safe rendering of results. Query text and excerpts are only ever put into the
 * page as text nodes; Pagefind's <mark> highlighting is rebuilt as elements.
 */
import { planSearch, type SearchPlan } from '../lib/search/query.ts';
import { fromIndexForm } from '../lib/search/index-form.ts';
import { exactNameFirst } from '../lib/search/rerank.ts';
import {
  FILTER_SOURCE, FILTER_TYPE, FILTER_YEAR, KIND_LABEL, META_DATE, META_KIND, META_NAMES, RANKING, SORT_DATE,
  type SearchKind,
} from '../lib/search/labels.ts';

// ---- The part of Pagefind's JS API we use.
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}
interface PagefindSearchOptions {
  filters?: Record<string, string>;
  sort?: Record<string, 'asc' | 'desc'>;
}
interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, o?: PagefindSearchOptions): Promise<{ results: PagefindResult[] } | null>;
  preload(term: string, o?: PagefindSearchOptions): Promise<void>;
}

export interface SearchState {
  q: string;
  kind: SearchKind | '';
  source: string;
  year: string;
  sort: '' | 'moi' | 'cu';
}

const PAGE_SIZE = 10;
/** How many of Pagefind's first results the exact-name promotion looks at (their data is loaded anyway). */
const RERANK_DEPTH = PAGE_SIZE;
const DEBOUNCE_MS = 120;
const URL_KEYS = { q: 'q', kind: 'loai', source: 'nguon', year: 'nam', sort: 'sap-xep' } as const;

export function stateFromUrl(search: string): SearchState {
  const p = new URLSearchParams(search);
  const kind = p.get(URL_KEYS.kind) ?? '';
  const sort = p.get(URL_KEYS.sort) ?? '';
  return {
    q: p.get(URL_KEYS.q) ?? '',
    kind: kind in KIND_LABEL ? (kind as SearchKind) : '',
    source: p.get(URL_KEYS.source) ?? '',
    year: p.get(URL_KEYS.year) ?? '',
    sort: sort === 'moi' || sort === 'cu' ? sort : '',
  };
}

export function urlFromState(pathname: string, s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set(URL_KEYS.q, s.q.trim());
  if (s.kind) p.set(URL_KEYS.kind, s.kind);
  if (s.source) p.set(URL_KEYS.source, s.source);
  if (s.year) p.set(URL_KEYS.year, s.year);
  if (s.sort) p.set(URL_KEYS.sort, s.sort);
  const qs = p.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

function searchOptions(s: SearchState): PagefindSearchOptions {
  const filters: Record<string, string> = {};
  if (s.kind) filters[FILTER_TYPE] = KIND_LABEL[s.kind];
  if (s.source) filters[FILTER_SOURCE] = s.source;
  if (s.year) filters[FILTER_YEAR] = s.year;
  const o: PagefindSearchOptions = { filters };
  if (s.sort) o.sort = { [SORT_DATE]: s.sort === 'moi' ? 'desc' : 'asc' };
  return o;
}

/**
 * Runs the plan: document-code keys first (their hits are document pages), then
 * the articles that mention those documents, then the words; duplicates dropped. Unless sorting by date, pages whose name is
 * exactly the query are then moved to the front (rerank.ts).
 */
export async function runPlan(pagefind: PagefindApi, plan: SearchPlan, options: PagefindSearchOptions): Promise<PagefindResult[]> {
  const searches = [...plan.keys, ...plan.refs, ...(plan.text ? [plan.text] : [])].map((term) => pagefind.search(term, options));
  const seen = new Set<string>();
  const merged: PagefindResult[] = [];
  for (const res of await Promise.all(searches)) {
    for (const r of res?.results ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      merged.push(r);
    }
  }
  if (options.sort) return merged; // the reader asked for date order
  const head = merged.slice(0, RERANK_DEPTH);
  const data = await Promise.all(head.map((r) => r.data()));
  const order = exactNameFirst(plan.display, data.map((d) => ({ title: d.meta.title, names: d.meta[META_NAMES] })));
  return [...order.map((i) => head[i]!), ...merged.slice(RERANK_DEPTH)];
}

/** Pagefind's excerpt as DOM nodes: text stays text; only <mark> pairs become elements. */
export function excerptNodes(doc: Document, excerpt: string): Node[] {
  const nodes: Node[] = [];
  // Pagefind escapes < and > of the page text and inserts literal <mark>…</mark>.
  const parts = excerpt.split(/(<mark>|<\/mark>)/);
  let inMark = false;
  for (const part of parts) {
    if (part === '<mark>') { inMark = true; continue; }
    if (part === '</mark>') { inMark = false; continue; }
    if (!part) continue;
    const text = doc.createTextNode(fromIndexForm(part.replace(/&lt;/g, '<').replace(/&gt;/g, '>')));
    if (inMark) {
      const mark = doc.createElement('mark');
      mark.append(text);
      nodes.push(mark);
    } else nodes.push(text);
  }
  return nodes;
}

function formatDate(iso: string | undefined): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function renderResult(doc: Document, data: PagefindResultData): HTMLLIElement {
  const li = doc.createElement('li');
  li.className = 'result';
  const a = doc.createElement('a');
  a.className = 'result__title';
  a.href = data.url;
  a.textContent = fromIndexForm(data.meta.title ?? data.url);
  li.append(a);
  const meta = doc.createElement('p');
  meta.className = 'result__meta';
  const kind = data.meta[META_KIND] as SearchKind | undefined;
  const bits = [kind && kind in KIND_LABEL ? KIND_LABEL[kind] : '', data.meta.source ?? '', formatDate(data.meta[META_DATE])].filter(Boolean);
  meta.textContent = bits.join(' · ');
  li.append(meta);
  const excerpt = doc.createElement('p');
  excerpt.className = 'result__excerpt';
  excerpt.append(...excerptNodes(doc, data.excerpt));
  li.append(excerpt);
  return li;
}

function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`search page: missing #${id}`);
  return found as T;
}

export function startSearchPage(): void {
  const form = el<HTMLFormElement>('search-page-form');
  const input = el<HTMLInputElement>('search-input');
  const typeSel = el<HTMLSelectElement>('search-type');
  const sourceSel = el<HTMLSelectElement>('search-source');
  const yearSel = el<HTMLSelectElement>('search-year');
  const sortSel = el<HTMLSelectElement>('search-sort');
  const status = el<HTMLParagraphElement>('search-status');
  const list = el<HTMLOListElement>('search-results');
  const more = el<HTMLButtonElement>('search-more');
  const bundle = form.dataset.bundle ?? '/pagefind/pagefind.js';

  let pagefindPromise: Promise<PagefindApi> | null = null;
  const loadPagefind = (): Promise<PagefindApi> => {
    pagefindPromise ??= (async () => {
      const pf = (await import(/* @vite-ignore */ bundle)) as PagefindApi;
      // baseUrl "/": the indexed URLs already carry the site's base path (Pagefind would add it again).
      // noWorker: the worker script would be another ~43 KB on the first query; searches are debounced anyway.
      await pf.options({ ranking: RANKING, excerptLength: 28, noWorker: true, baseUrl: '/' });
      await pf.init();
      return pf;
    })();
    return pagefindPromise;
  };

  const readForm = (): SearchState => ({
    q: input.value,
    kind: (typeSel.value in KIND_LABEL ? typeSel.value : '') as SearchKind | '',
    source: sourceSel.value,
    year: yearSel.value,
    sort: (sortSel.value === 'moi' || sortSel.value === 'cu' ? sortSel.value : '') as SearchState['sort'],
  });
  const selectValue = (select: HTMLSelectElement, value: string) => {
    select.value = [...select.options].some((o) => o.value === value) ? value : '';
  };
  const writeForm = (s: SearchState) => {
    input.value = s.q;
    selectValue(typeSel, s.kind);
    selectValue(sourceSel, s.source);
    selectValue(yearSel, s.year);
    selectValue(sortSel, s.sort);
  };

  let generation = 0;
  let current: PagefindResult[] = [];
  let shown = 0;

  async function showMore(gen: number): Promise<void> {
    const batch = current.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (gen !== generation) return;
    for (const d of data) list.append(renderResult(document, d));
    shown += batch.length;
    more.hidden = shown >= current.length;
  }

  async function run(state: SearchState): Promise<void> {
    const gen = ++generation;
    const plan = planSearch(state.q);
    if (!plan.text && plan.keys.length === 0) {
      list.replaceChildren();
      list.dataset.state = 'idle';
      status.textContent = '';
      more.hidden = true;
      return;
    }
    list.dataset.state = 'loading';
    list.setAttribute('aria-busy', 'true');
    try {
      const pf = await loadPagefind();
      const results = await runPlan(pf, plan, searchOptions(state));
      if (gen !== generation) return;
      current = results;
      shown = 0;
      list.replaceChildren();
      await showMore(gen);
      if (gen !== generation) return;
      status.textContent = results.length === 0
        ? `Không tìm thấy kết quả cho “${plan.display}”.`
        : `${results.length.toLocaleString('vi-VN')} kết quả cho “${plan.display}”.`;
      list.dataset.state = 'done';
    } catch (err) {
      if (gen !== generation) return;
      list.replaceChildren();
      status.textContent = 'Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.';
      list.dataset.state = 'error';
      console.error(err);
    } finally {
      if (gen === generation) list.removeAttribute('aria-busy');
    }
  }

  // History: typing replaces the entry it created; a new typing session after a
  // committed state (page load, Enter, filter change, back/forward) pushes one.
  let typingEntry = false;
  const commitUrl = (s: SearchState, push: boolean) => {
    const url = urlFromState(location.pathname, s);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState({ typing: typingEntry }, '', url);
    else history.replaceState({ typing: typingEntry }, '', url);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    const s = readForm();
    const plan = planSearch(s.q);
    if (plan.text) void loadPagefind().then((pf) => pf.preload(plan.text, searchOptions(s))).catch(() => undefined);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const push = !typingEntry;
      typingEntry = true;
      commitUrl(s, push);
      void run(s);
    }, DEBOUNCE_MS);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const s = readForm();
    const push = !typingEntry;
    typingEntry = false;
    commitUrl(s, push);
    void run(s);
  });
  for (const select of [typeSel, sourceSel, yearSel, sortSel]) {
    select.addEventListener('change', () => {
      clearTimeout(timer);
      const s = readForm();
      typingEntry = false;
      commitUrl(s, true);
      void run(s);
    });
  }
  more.addEventListener('click', () => {
    const first = list.children.length;
    void showMore(generation).then(() => {
      const next = list.children[first]?.querySelector('a');
      next?.focus();
    });
  });
  window.addEventListener('popstate', () => {
    clearTimeout(timer);
    typingEntry = false;
    const s = stateFromUrl(location.search);
    writeForm(s);
    void run(s);
  });

  const initial = stateFromUrl(location.search);
  writeForm(initial);
  if (initial.q.trim()) void run(initial);
  else void loadPagefind().catch(() => undefined);
}
