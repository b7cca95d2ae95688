/**
 * The search page in the browser: URL ⇄ form state, debounced Pagefind searches,
 * safe rendering of results. Query text and excerpts are only ever put into the
 * page as text nodes; Pagefind's <mark> highlighting is rebuilt as elements.
 *
 * A large site's index comes in two tiers (src/lib/search/shards.ts, listed in
 * pagefind/shards.json): a query searches the core (entities people look for
 * first); the archive (the articles, searched by a Pagefind instance of its own)
 * is searched too when the reader asks for the whole archive (pham-vi=tat-ca in
 * the URL), when no core page is named by the query, or when a filter or sort
 * needs articles. Core pages named by the query are then shown above the articles.
 */
import { planSearch, type SearchPlan } from '../lib/search/query.ts';
import { fromIndexForm } from '../lib/search/index-form.ts';
import { nameMatch, phraseFirst } from '../lib/search/rerank.ts';
import {
  FILTER_SOURCE, FILTER_TYPE, FILTER_YEAR, KIND_LABEL, META_DATE, META_KIND, META_NAMES, RANKING, SORT_DATE, UNDATED,
  type SearchKind,
} from '../lib/search/labels.ts';
import { parseShardManifest, type ShardManifest } from '../lib/search/shards.ts';

// ---- The part of Pagefind's JS API we use.
interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text (index form). */
  content?: string;
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
  search(term: string | null, o?: PagefindSearchOptions): Promise<{ results: PagefindResult[] } | null>;
  preload(term: string, o?: PagefindSearchOptions): Promise<void>;
}
interface PagefindInstance extends PagefindApi {
  init(): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
}
interface PagefindModule extends PagefindInstance {
  options(o: Record<string, unknown>): Promise<void>;
  createInstance?(o: Record<string, unknown>): PagefindInstance;
}

export interface SearchState {
  q: string;
  kind: SearchKind | '';
  source: string;
  year: string;
  sort: '' | 'moi' | 'cu';
  /** "tat-ca": the reader asked for the whole archive (a site with tiers). */
  scope: '' | typeof SCOPE_ALL;
}

const PAGE_SIZE = 10;
/** How many of Pagefind's first results the exact-name promotion looks at (their data is loaded anyway). */
const RERANK_DEPTH = PAGE_SIZE;
const DEBOUNCE_MS = 120;
const URL_KEYS = { q: 'q', kind: 'loai', source: 'nguon', year: 'nam', sort: 'sap-xep', scope: 'pham-vi' } as const;
export const SCOPE_ALL = 'tat-ca';
/** performance.mark() name set each time results are on screen. */
export const RESULTS_MARK = 'kho-tin:results';
/**
 * Options of every bundle (the primary and the merged ones).
 * baseUrl "/": the indexed URLs already carry the site's base path (Pagefind would add it again).
 */
const BUNDLE_OPTIONS = { ranking: RANKING, excerptLength: 28, baseUrl: '/' };

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
    scope: p.get(URL_KEYS.scope) === SCOPE_ALL ? SCOPE_ALL : '',
  };
}

export function urlFromState(pathname: string, s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set(URL_KEYS.q, s.q.trim());
  if (s.kind) p.set(URL_KEYS.kind, s.kind);
  if (s.source) p.set(URL_KEYS.source, s.source);
  if (s.year) p.set(URL_KEYS.year, s.year);
  if (s.sort) p.set(URL_KEYS.sort, s.sort);
  if (s.scope) p.set(URL_KEYS.scope, s.scope);
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

/** Why a query must search the whole archive on a site with tiers, or null: the core is enough. */
export function archiveReason(s: SearchState): 'asked' | 'filter' | null {
  if (s.scope === SCOPE_ALL) return 'asked';
  // The core holds no articles: these filters and the date sorts are about articles.
  if (s.source || s.year || s.kind === 'article' || s.sort) return 'filter';
  return null;
}

/**
 * Most results whose dates are read to sort a search over several bundles.
 * Pagefind merges bundles by score, and a sorted search's score is the page's
 * position within its own bundle, so the date order is rebuilt from each
 * result's date (its fragment, which the first page of results loads anyway).
 */
export const SORT_DATES_LIMIT = 400;

export interface PlanResults {
  results: PagefindResult[];
  /** Date order covers only the first SORT_DATES_LIMIT results (a very broad sorted search over several bundles). */
  sortTruncated: boolean;
}

/** Results in date order by their date meta (UNDATED when none), as Pagefind sorts one bundle; ties keep Pagefind's order. */
export async function sortByDate(results: readonly PagefindResult[], direction: 'asc' | 'desc', limit = SORT_DATES_LIMIT): Promise<PlanResults> {
  const head = results.slice(0, limit);
  const dates = (await Promise.all(head.map((r) => r.data()))).map((d) => d.meta[META_DATE] ?? UNDATED);
  const order = head.map((_, i) => i).sort((a, b) => {
    const c = dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0;
    return (direction === 'asc' ? c : -c) || a - b;
  });
  return { results: [...order.map((i) => head[i]!), ...results.slice(limit)], sortTruncated: results.length > limit };
}

/**
 * Runs the plan: document-code keys first (their hits are document pages), then
 * the whole-name key (pages named exactly so; not in bundles of articles only),
 * then the articles that mention those documents, then the words; duplicates dropped. Unless sorting by date, pages whose name is
 * exactly the query are then moved to the front (rerank.ts). `bundles`: how many
 * Pagefind bundles the instance searches (a date sort over several is redone here).
 */
export async function runPlan(pagefind: PagefindApi, plan: SearchPlan, options: PagefindSearchOptions, bundles = 1, entities = true): Promise<PlanResults> {
  // The whole-name key is only on entity pages: not worth a request to bundles of articles.
  const name = entities && plan.name ? [plan.name] : [];
  const searches = [...plan.keys, ...name, ...plan.refs, ...(plan.text ? [plan.text] : [])].map((term) => pagefind.search(term, options));
  const found = (await Promise.all(searches)).map((res) => res?.results ?? []);
  // Among the pages a document key finds ("nghị quyết 36": every resolution 36), those the words find too come first.
  const byWords = new Set((plan.text ? found.at(-1)! : []).map((r) => r.id));
  for (let k = 0; k < plan.keys.length; k++) {
    found[k] = [...found[k]!.filter((r) => byWords.has(r.id)), ...found[k]!.filter((r) => !byWords.has(r.id))];
  }
  const seen = new Set<string>();
  const merged: PagefindResult[] = [];
  for (const results of found) {
    for (const r of results) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      merged.push(r);
    }
  }
  const sort = options.sort?.[SORT_DATE];
  if (sort) {
    // The reader asked for date order. Several searches (document keys, words) each come sorted: merge them too.
    return bundles > 1 || searches.length > 1 ? sortByDate(merged, sort) : { results: merged, sortTruncated: false };
  }
  const head = merged.slice(0, RERANK_DEPTH);
  const data = await Promise.all(head.map((r) => r.data()));
  const order = phraseFirst(plan.display, data.map(namesOf));
  return { results: [...order.map((i) => head[i]!), ...merged.slice(RERANK_DEPTH)], sortTruncated: false };
}

function namesOf(d: PagefindResultData): { title?: string; names?: string } {
  return { title: d.meta.title, names: d.meta[META_NAMES] };
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
  const kind = data.meta[META_KIND] as SearchKind | undefined;
  // Entities are compact cards above the articles (their excerpt is their roles or description).
  li.className = kind && kind !== 'article' ? 'result result--entity' : 'result';
  const a = doc.createElement('a');
  a.className = 'result__title';
  a.href = data.url;
  a.textContent = fromIndexForm(data.meta.title ?? data.url);
  li.append(a);
  const meta = doc.createElement('p');
  meta.className = 'result__meta';
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

/**
 * The core's first results that the query names: a name (title or alias) is the
 * query or holds its words together, in order (their data is loaded already,
 * for the rerank and the first page). None: the core has not answered, and the
 * archive is searched; a page that only carries the words in different fields
 * ("luật" in a role, "Đất" in a name) is no answer.
 */
async function namedResults(plan: SearchPlan, results: readonly PagefindResult[]): Promise<PagefindResult[]> {
  const head = results.slice(0, RERANK_DEPTH);
  const data = await Promise.all(head.map((r) => r.data()));
  // A document found by its code ("05-CT/TW", "NQ TƯ 4") is named by the query too.
  return head.filter((_, i) => (plan.keys.length > 0 && data[i]!.meta[META_KIND] === 'document') || nameMatch(plan.display, namesOf(data[i]!)) < 2);
}

/** A query of this many words is searched in the core only if a core page's name starts with it (mayNameCorePage). */
export const LONG_QUERY_WORDS = 4;

/**
 * Whether a long query can name a core page, asked of the whole-name key alone
 * (one index chunk) before the core's words are searched: a headline of seven
 * words would otherwise fetch seven core chunks (100–150 KB) and wait for them,
 * to find what the key already says, that no name holds it. A name that holds
 * four or more of the query's words in order nearly always starts with them
 * ("uy ban nhan dan tinh" → "Ủy ban nhân dân tỉnh Quảng Ninh"). Document codes
 * and short queries take the full search.
 */
export async function mayNameCorePage(pf: PagefindApi, plan: SearchPlan, options: PagefindSearchOptions): Promise<boolean> {
  if (!asksNameKeyFirst(plan)) return true;
  if (!plan.name) return false; // longer than any name
  return ((await pf.search(plan.name, options))?.results.length ?? 0) > 0;
}

/** A query of LONG_QUERY_WORDS or more with no document code: the core is asked its whole-name key first. */
function asksNameKeyFirst(plan: SearchPlan): boolean {
  return plan.keys.length === 0 && plan.display.split(' ').length >= LONG_QUERY_WORDS;
}

/** Vietnamese number formatting ("35.873"). */
function count(n: number): string {
  return n.toLocaleString('vi-VN');
}

type Scope = 'single' | 'core' | 'all';

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
  const searchAll = el<HTMLButtonElement>('search-all');
  const bundle = form.dataset.bundle ?? '/pagefind/pagefind.js';
  const manifestUrl = form.dataset.manifest ?? '/pagefind/shards.json';

  // The core: the primary bundle (Pagefind's JS and wasm) and the other core shards merged into it.
  let corePromise: Promise<{ pf: PagefindModule; manifest: ShardManifest | null }> | null = null;
  const loadCore = () => {
    corePromise ??= (async () => {
      // The manifest is fetched while Pagefind loads; a site without one (or a damaged one) is searched as one bundle.
      const manifestP = fetch(manifestUrl)
        .then(async (r) => (r.ok ? parseShardManifest(await r.json()) : null))
        .catch((err: unknown) => {
          console.error(err);
          return null;
        });
      const pf = (await import(/* @vite-ignore */ bundle)) as PagefindModule;
      // noWorker: the worker script would be another ~43 KB on the first query; searches are debounced anyway.
      await pf.options({ ...BUNDLE_OPTIONS, noWorker: true });
      await pf.init();
      const manifest = await manifestP;
      await Promise.all((manifest?.core.bundles.slice(1) ?? []).map((b) => pf.mergeIndex(b, BUNDLE_OPTIONS)));
      return { pf, manifest };
    })();
    corePromise.catch(() => { corePromise = null; });
    return corePromise;
  };
  // The archive: a second instance over the article bundles, loaded on demand (the core one stays as it is).
  // Its base is the first archive bundle, which carries the wasm (shards.ts), so the core is not loaded twice.
  let archivePromise: Promise<{ api: PagefindApi; bundles: number }> | null = null;
  let archiveLoaded = false;
  const loadArchive = () => {
    archivePromise ??= (async () => {
      const { pf, manifest } = await loadCore(); // Pagefind's JS comes with the core
      if (!manifest?.archive) throw new Error('this site has no archive tier');
      if (!pf.createInstance) throw new Error('this Pagefind has no createInstance()');
      const [base, ...rest] = manifest.archive.bundles;
      const archive = pf.createInstance({ ...BUNDLE_OPTIONS, basePath: base, noWorker: true });
      await archive.init();
      await Promise.all(rest.map((b) => archive.mergeIndex(b, BUNDLE_OPTIONS)));
      return { api: archive as PagefindApi, bundles: manifest.archive.bundles.length };
    })();
    archivePromise.catch(() => { archivePromise = null; });
    return archivePromise;
  };

  let scopeParam: SearchState['scope'] = '';
  const readForm = (): SearchState => ({
    q: input.value,
    kind: (typeSel.value in KIND_LABEL ? typeSel.value : '') as SearchKind | '',
    source: sourceSel.value,
    year: yearSel.value,
    sort: (sortSel.value === 'moi' || sortSel.value === 'cu' ? sortSel.value : '') as SearchState['sort'],
    scope: scopeParam,
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
    scopeParam = s.scope;
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

  /** The status line: how many results, for what, and in which part of the archive. */
  function describe(n: number, display: string, scope: Scope, manifest: ShardManifest | null, why: 'asked' | 'filter' | 'empty' | null): string {
    const found = n === 0 ? `Không tìm thấy kết quả cho “${display}”` : `${count(n)} kết quả cho “${display}”`;
    if (scope === 'single' || !manifest) return `${found}.`;
    if (scope === 'core') return `${found} trong phần chính của kho (người, đơn vị, địa danh và văn bản được nhắc nhiều).`;
    const whole = `trong toàn bộ kho (${count(manifest.articles)} bài viết, ${count(manifest.records)} trang)`;
    if (why === 'empty') return `Không có người, đơn vị, địa danh hay văn bản nào mang tên này; ${found.charAt(0).toLowerCase()}${found.slice(1)} ${whole}.`;
    if (why === 'filter') return `${found} ${whole}: bộ lọc và cách sắp xếp đã chọn cần tìm cả bài viết.`;
    return `${found} ${whole}.`;
  }

  async function run(state: SearchState): Promise<void> {
    const gen = ++generation;
    const plan = planSearch(state.q);
    searchAll.hidden = true;
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
      const { pf, manifest } = await loadCore();
      const options = searchOptions(state);
      let why: 'asked' | 'filter' | 'empty' | null = manifest?.archive ? archiveReason(state) : null;
      let scope: Scope = manifest?.archive ? 'core' : 'single';
      let found: PlanResults = { results: [], sortTruncated: false };
      if (scope === 'core' && !why && !(await mayNameCorePage(pf, plan, options))) why = 'empty';
      else found = await runPlan(pf, plan, options, manifest?.core.bundles.length ?? 1);
      if (gen !== generation) return;
      if (scope === 'core') {
        const named = await namedResults(plan, found.results);
        if (!why && named.length === 0) why = 'empty';
        if (why) {
          scope = 'all';
          if (!archiveLoaded) status.textContent = `Đang tải chỉ mục của ${count(manifest!.articles)} bài viết…`;
          const { api, bundles } = await loadArchive();
          archiveLoaded = true;
          const articles = await runPlan(api, plan, options, bundles, false);
          if (gen !== generation) return;
          // Above the articles: the core pages the query names, or every core hit when the type filter asks for one kind of entity.
          const entities = state.kind && state.kind !== 'article' ? found.results : named;
          found = options.sort?.[SORT_DATE]
            ? await sortByDate([...entities, ...articles.results], options.sort[SORT_DATE])
            : { results: [...entities, ...articles.results], sortTruncated: articles.sortTruncated };
        }
      }
      const results = found.results;
      current = results;
      shown = 0;
      list.replaceChildren();
      await showMore(gen);
      if (gen !== generation) return;
      status.textContent = describe(results.length, plan.display, scope, manifest, why) +
        (found.sortTruncated ? ` Thứ tự theo ngày áp dụng cho ${count(SORT_DATES_LIMIT)} kết quả đầu; hãy lọc theo năm hoặc nguồn để thu hẹp.` : '');
      if (scope === 'core' && manifest?.archive) {
        searchAll.textContent = `Tìm trong toàn bộ kho: ${count(manifest.articles)} bài viết`;
        searchAll.hidden = false;
      }
      list.dataset.scope = scope;
      list.dataset.state = 'done';
      // For measurements (scripts/search-corpus.ts) and real-user monitoring: when the results were on screen.
      performance.mark(RESULTS_MARK, { detail: { scope, results: results.length } });
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
    // Preload what the search will read: the core's chunks, or the whole archive's when the query goes there.
    if (plan.text) {
      void loadCore().then(async ({ pf, manifest }) => {
        // A long query asks the core for its whole-name key first (mayNameCorePage): preload that, not every word.
        const long = manifest?.archive && asksNameKeyFirst(plan);
        if (!long) await pf.preload(plan.text, searchOptions(s));
        else if (plan.name) await pf.preload(plan.name, searchOptions(s));
        if (manifest?.archive && archiveReason(s)) await (await loadArchive()).api.preload(plan.text, searchOptions(s));
      }).catch(() => undefined);
    }
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
  searchAll.addEventListener('click', () => {
    clearTimeout(timer);
    scopeParam = SCOPE_ALL;
    const s = readForm();
    typingEntry = false;
    commitUrl(s, true);
    // Keep keyboard focus somewhere sensible: the button disappears while the archive loads.
    input.focus();
    void run(s);
  });
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
  else void loadCore().catch(() => undefined);
}
