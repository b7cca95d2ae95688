/**
 * Bytes a browser downloads for a first search, measured in Chromium
 * (playwright-core) against the built dist/ on a local static server.
 *
 * Two methods, both summing response body sizes as Chromium reports them:
 *  - "page": open the site's search page with ?q=…, type the query if the
 *    page did not run it by itself, wait until results show and the network
 *    is idle; everything the page loaded counts (HTML, CSS, JS, Pagefind).
 *  - "api": from a tiny same-origin page, import /pagefind/pagefind.js, run
 *    one search and load the first 5 results (what Pagefind's UI shows first);
 *    only Pagefind's own files count. Works for any site with a Pagefind index,
 *    search page or not. On a site with a tiered index (pagefind/shards.json,
 *    src/lib/search/shards.ts) the core bundles are merged first, as our
 *    search page does for a first query.
 *
 * Our search page runs a first query on the core tier only; its figure is the
 * page load plus that query until `data-state="done"`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Request } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/support/browser.ts';
import { serveStatic } from '../../tests/e2e/support/server.ts';

export interface FirstSearch {
  method: 'page' | 'api';
  url: string;
  query: string;
  /** Sum of response body bytes. */
  bytes: number;
  /** The same with text files gzip'd, as a static host would serve them. */
  gzipBytes: number;
  /** The part of bytes served from /pagefind/. */
  pagefindBytes: number;
  requests: number;
  results: number;
  files: DownloadedFile[];
}

export interface DownloadedFile {
  path: string;
  /** Body bytes as served (our static server does not compress). */
  bytes: number;
  /** Bytes with gzip as a static host would send text files; Pagefind's own .pf_* and wasm files are gzip already. */
  gzipBytes: number;
}

/** Text responses a host would compress; Pagefind's binary files are stored gzip'd. */
function compressible(path: string): boolean {
  return /\.(js|mjs|json|css|html|svg|xml|txt)(\?|$)/.test(path) || /\/(\?|$)/.test(path);
}

function track(page: Page, origin: string): { files: DownloadedFile[]; reset(): void; settled(): Promise<void> } {
  let files: DownloadedFile[] = [];
  const pending = new Set<Promise<void>>();
  page.on('requestfinished', (request: Request) => {
    const p = (async () => {
      const url = request.url();
      // Chromium reports 0 for some worker-initiated requests; then count the body itself.
      const body = await request.response().then((r) => (r ? r.body() : null)).catch(() => null);
      let bytes = await request.sizes().then((s) => s.responseBodySize, () => 0);
      if (bytes === 0) bytes = body?.length ?? 0;
      const file = url.startsWith(origin) ? url.slice(origin.length) : url;
      const gzipBytes = body && compressible(file) ? Math.min(bytes, gzipSync(body).length) : bytes;
      files.push({ path: file, bytes, gzipBytes });
    })();
    pending.add(p);
    void p.finally(() => pending.delete(p));
  });
  return {
    get files() {
      return files;
    },
    reset() {
      files = [];
    },
    async settled() {
      await Promise.all([...pending]);
    },
  };
}

function summarise(method: 'page' | 'api', url: string, query: string, files: DownloadedFile[], results: number): FirstSearch {
  const bytes = files.reduce((s, f) => s + f.bytes, 0);
  const gzipBytes = files.reduce((s, f) => s + f.gzipBytes, 0);
  const pagefindBytes = files.filter((f) => f.path.includes('/pagefind/')).reduce((s, f) => s + f.bytes, 0);
  return { method, url, query, bytes, gzipBytes, pagefindBytes, requests: files.length, results, files };
}

/** The search page's path (e.g. "tim-kiem/") if dist has it, else null. */
export function findSearchPage(distDir: string, candidates: string[]): string | null {
  for (const c of candidates) {
    if (existsSync(path.join(distDir, c, 'index.html'))) return c;
  }
  return null;
}

/** Result items of Pagefind's default UI, and of a custom UI that marks them. */
const RESULT_SELECTOR = '.pagefind-ui__result, #search-results > li, [data-search-result], .search-result';

async function measurePage(page: Page, tracker: ReturnType<typeof track>, pageUrl: string, query: string): Promise<number> {
  await page.goto(`${pageUrl}?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle' });
  // Our page marks the results of the current query: wait for them (the first query's whole flow).
  if ((await page.locator('#search-results').count()) > 0) {
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached', timeout: 60_000 }).catch(() => undefined);
  }
  const indexLoaded = () => tracker.files.some((f) => /\/pagefind\/(index|fragment)\//.test(f.path));
  if (!indexLoaded()) {
    // The page did not search by itself: type the query like a reader would.
    const input = page.locator('input[type="search"], input[type="text"]').first();
    await input.fill(query);
    await input.press('Enter');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await page.waitForLoadState('networkidle');
  }
  // Results render after the index chunks and fragments arrive: wait for them, then for the network.
  const results = page.locator(RESULT_SELECTOR);
  await results.first().waitFor({ state: 'attached', timeout: 20_000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle');
  await tracker.settled();
  return results.count();
}

export async function measureFirstSearch(
  distDir: string,
  opts: { query: string; searchPagePaths: string[]; method?: 'page' | 'api' },
): Promise<FirstSearch> {
  if (!existsSync(path.join(distDir, 'pagefind', 'pagefind.js'))) {
    throw new Error(`no Pagefind index in ${distDir} (pagefind/pagefind.js missing)`);
  }
  const searchPage = findSearchPage(distDir, opts.searchPagePaths);
  const method = opts.method ?? (searchPage ? 'page' : 'api');
  const server = await serveStatic(distDir);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const tracker = track(page, server.origin);
    if (method === 'page') {
      if (!searchPage) throw new Error(`no search page in ${distDir} (looked for ${opts.searchPagePaths.join(', ')})`);
      const url = server.url + searchPage;
      const results = await measurePage(page, tracker, url, opts.query);
      return summarise('page', url.slice(server.origin.length), opts.query, tracker.files, results);
    }
    // api: start from a small same-origin file so the module import is same-origin.
    await page.goto(server.url + 'pagefind/pagefind-entry.json', { waitUntil: 'load' });
    await tracker.settled();
    tracker.reset();
    const results = await page.evaluate(async ({ query, script, manifestUrl }: { query: string; script: string; manifestUrl: string }) => {
      const pagefind = (await import(script)) as {
        init(): Promise<void>;
        mergeIndex(path: string): Promise<void>;
        search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }>;
      };
      await pagefind.init();
      // A tiered index: the other core bundles (an untiered site has none, or no manifest at all).
      // HEAD first: a site without a manifest answers 404 with its 404 page, which must not count.
      const present = await fetch(manifestUrl, { method: 'HEAD' }).then((r) => r.ok, () => false);
      const manifest = present ? await fetch(manifestUrl).then((r) => r.json() as Promise<{ core?: { bundles?: string[] } }>) : null;
      await Promise.all((manifest?.core?.bundles ?? []).slice(1).map((b) => pagefind.mergeIndex(b)));
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
      return search.results.length;
    }, { query: opts.query, script: new URL(server.url).pathname + 'pagefind/pagefind.js', manifestUrl: new URL(server.url).pathname + 'pagefind/shards.json' });
    await page.waitForLoadState('networkidle');
    await tracker.settled();
    return summarise('api', '/pagefind/pagefind.js', opts.query, tracker.files, results);
  } finally {
    await browser.close();
    await server.close();
  }
}
