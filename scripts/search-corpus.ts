/**
 * `npm run search:corpus -- --site DIR [--stock DIR] [--queries FILE] [--base /x/] [--json FILE]`
 *
 * Issue 17's side-by-side measure at the scale of a real archive. Runs every
 * query of the corpus query set (data/corpus-queries.yaml, judged by hand) in
 * Chromium, each in a fresh browser context (a cold cache):
 *  - ours: opens the site's search page at /tim-kiem/?q=… and waits until the
 *    results are on screen (data-state="done");
 *  - stock: Pagefind with default settings over a copy of the same built pages
 *    (`--stock DIR`: that copy, indexed by the `pagefind` CLI; built from --site
 *    when DIR has no pagefind/ yet), through its JS API from a blank page of the
 *    same origin, until the data of the first five results (what Pagefind's
 *    default UI shows) is loaded.
 * For both: success@1 and @3 against the judged pages, the time from the start of
 * navigation to results, on the page's own clock (median, p95) and the bytes downloaded (median, p95; response
 * bodies, as served: Pagefind's index files are gzip'd already).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDataFile } from '../src/lib/extract/data-file.ts';
import { z } from 'zod';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser.ts';
import { serveStatic } from '../tests/e2e/support/server.ts';
import { parseCommandLine } from './cli.ts';
import { buildStockCopy, rankOf, stripBase } from './search-quality.ts';
import { countDownloads } from '../tests/e2e/support/downloads.ts';
import { RESULTS_MARK } from '../src/client/search.ts';

const USAGE = 'usage: npm run search:corpus -- --site DIR [--stock DIR] [--queries FILE] [--base /x/] [--json FILE]';

export const QUERY_KINDS = ['person', 'unit', 'place', 'document', 'topic', 'headline'] as const;

const QuerySet = z.object({
  queries: z.array(z.object({
    q: z.string().trim().min(1),
    kind: z.enum(QUERY_KINDS),
    expect: z.array(z.string().regex(/^\/.*\/$/, 'a page path like /nguoi/x/')).min(1),
  })).min(1),
});
export type CorpusQuery = z.infer<typeof QuerySet>['queries'][number];

/** The query set, checked by the data files' reader: every wrong field is listed with its file and line. */
export async function loadCorpusQueries(file: string): Promise<CorpusQuery[]> {
  return parseDataFile(await readFile(file, 'utf8'), file, QuerySet).queries;
}

export interface Outcome {
  q: string;
  kind: CorpusQuery['kind'];
  /** Result paths without the base path, best first (at most 10). */
  results: string[];
  /** 1-based rank of the first judged-correct page, or null. */
  rank: number | null;
  ms: number;
  bytes: number;
  /** Of those, the bytes of the search engine's files (under /pagefind/): what issue 17's 300 KB budget counts. */
  searchBytes: number;
}

const RANK_DEPTH = 10;
/** Results whose data Pagefind's default UI loads for the first screen. */
const STOCK_SHOWN = 5;


async function runOurs(browser: Browser, siteUrl: string, basePath: string, q: CorpusQuery): Promise<Omit<Outcome, 'rank' | 'q' | 'kind'>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const counter = countDownloads(page);
    const started = Date.now();
    await page.goto(`${siteUrl}tim-kiem/?q=${encodeURIComponent(q.q)}`);
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached', timeout: 60_000 });
    // The page's own clock: from the start of navigation to the results on screen (the mark the search page sets).
    // A site built before the mark existed: the wall clock from navigation, which also counts Playwright's polling.
    const marked = await page.evaluate(`performance.getEntriesByName(${JSON.stringify(RESULTS_MARK)}).at(-1)?.startTime ?? null`) as number | null;
    const ms = marked === null ? Date.now() - started : Math.round(marked);
    const hrefs = await page.$$eval('#search-results a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    await counter.settle();
    return { results: hrefs.slice(0, RANK_DEPTH).map((h) => stripBase(h, basePath)), ms, bytes: counter.total, searchBytes: counter.search };
  } finally {
    await context.close();
  }
}

const BLANK = '__blank.html';

async function runStock(browser: Browser, stockUrl: string, basePath: string, q: CorpusQuery): Promise<Omit<Outcome, 'rank' | 'q' | 'kind'>> {
  const context = await browser.newContext();
  await context.route(`${stockUrl}${BLANK}`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>stock</title>' }));
  const page = await context.newPage();
  try {
    const counter = countDownloads(page);
    await page.goto(`${stockUrl}${BLANK}`);
    // A string, not a function: test runners rewrite import() inside functions they transform.
    const { urls, at } = (await page.evaluate(`(async () => {
      const pf = await import(${JSON.stringify(`${basePath}pagefind/pagefind.js`)});
      const res = await pf.search(${JSON.stringify(q.q)});
      const urls = await Promise.all(res.results.slice(0, ${STOCK_SHOWN}).map(async (r) => (await r.data()).url));
      return { urls, at: performance.now() };
    })()`)) as { urls: string[]; at: number };
    const ms = Math.round(at);
    await counter.settle();
    const { total: bytes, search: searchBytes } = counter;
    // The ranks past the first screen, not counted in the bytes or the time.
    const rest = (await page.evaluate(`(async () => {
      const pf = await import(${JSON.stringify(`${basePath}pagefind/pagefind.js`)});
      const res = await pf.search(${JSON.stringify(q.q)});
      return Promise.all(res.results.slice(${STOCK_SHOWN}, ${RANK_DEPTH}).map(async (r) => (await r.data()).url));
    })()`)) as string[];
    return { results: [...urls, ...rest].map((u) => stripBase(u, basePath)), ms, bytes, searchBytes };
  } finally {
    await context.close();
  }
}

function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

export interface Summary {
  n: number;
  success1: number;
  success3: number;
  msMedian: number;
  msP95: number;
  bytesMedian: number;
  bytesP95: number;
  searchBytesMedian: number;
  searchBytesMax: number;
}

export function summarise(outcomes: readonly Outcome[]): Summary {
  const n = outcomes.length;
  const at = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length / n;
  const ms = outcomes.map((o) => o.ms);
  const bytes = outcomes.map((o) => o.bytes);
  const search = outcomes.map((o) => o.searchBytes);
  return {
    n, success1: at(1), success3: at(3), msMedian: quantile(ms, 0.5), msP95: quantile(ms, 0.95),
    bytesMedian: quantile(bytes, 0.5), bytesP95: quantile(bytes, 0.95), searchBytesMedian: quantile(search, 0.5), searchBytesMax: quantile(search, 1),
  };
}

function formatSummary(label: string, s: Summary): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  return `${label.padEnd(16)} success@1 ${s.success1.toFixed(3)}  success@3 ${s.success3.toFixed(3)}  ` +
    `time median ${s.msMedian} ms, p95 ${s.msP95} ms  bytes median ${kb(s.bytesMedian)}, p95 ${kb(s.bytesP95)}  ` +
    `(search files median ${kb(s.searchBytesMedian)}, max ${kb(s.searchBytesMax)})`;
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    options: {
      site: { type: 'string' },
      stock: { type: 'string', default: '.cache/search-corpus/stock' },
      queries: { type: 'string', default: 'data/corpus-queries.yaml' },
      base: { type: 'string', default: '/' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (!values.site) {
    console.error(`--site is required\n${USAGE}`);
    process.exit(2);
  }
  const siteDir = path.resolve(values.site);
  if (!existsSync(path.join(siteDir, 'pagefind', 'pagefind.js'))) throw new Error(`${siteDir}: no pagefind/ bundle; build the site first`);
  const stockDir = path.resolve(values.stock);
  if (!existsSync(path.join(stockDir, 'pagefind', 'pagefind.js'))) {
    console.log(`indexing a copy of ${siteDir} with stock Pagefind into ${stockDir} …`);
    await buildStockCopy(siteDir, stockDir);
  }
  const queries = await loadCorpusQueries(values.queries);
  const basePath = values.base.endsWith('/') ? values.base : `${values.base}/`;
  const browser = await launchBrowser();
  const ours = await serveStatic(siteDir, basePath);
  const stock = await serveStatic(stockDir, basePath);
  const rows: { ours: Outcome; stock: Outcome }[] = [];
  try {
    for (const q of queries) {
      // Alternate which engine goes first, so that neither always meets the busier moment.
      const order = rows.length % 2 === 0 ? ['ours', 'stock'] as const : ['stock', 'ours'] as const;
      const got: Partial<Record<'ours' | 'stock', Outcome>> = {};
      for (const engine of order) {
        const r = engine === 'ours' ? await runOurs(browser, ours.url, basePath, q) : await runStock(browser, stock.url, basePath, q);
        got[engine] = { q: q.q, kind: q.kind, ...r, rank: rankOf(q.expect, r.results) };
      }
      rows.push({ ours: got.ours!, stock: got.stock! });
      const o = got.ours!;
      const s = got.stock!;
      console.log(`${o.rank === 1 ? ' ' : '✗'} ${q.kind.padEnd(9)} ${q.q.padEnd(50)} ours ${String(o.rank ?? '–').padEnd(2)} ${String(o.ms).padStart(5)} ms ${String(Math.round(o.bytes / 1024)).padStart(5)} KB` +
        ` | stock ${String(s.rank ?? '–').padEnd(2)} ${String(s.ms).padStart(5)} ms ${String(Math.round(s.bytes / 1024)).padStart(5)} KB${o.rank !== 1 ? `  first: ${o.results[0] ?? '(none)'}` : ''}`);
    }
  } finally {
    await browser.close();
    await ours.close();
    await stock.close();
  }
  const oursSummary = summarise(rows.map((r) => r.ours));
  const stockSummary = summarise(rows.map((r) => r.stock));
  console.log('');
  console.log(formatSummary('kho-tin', oursSummary));
  console.log(formatSummary('stock Pagefind', stockSummary));
  for (const kind of QUERY_KINDS) {
    const of = rows.filter((r) => r.ours.kind === kind);
    if (of.length) console.log(formatSummary(`  ${kind} (${of.length})`, summarise(of.map((r) => r.ours))));
  }
  if (values.json) await writeFile(values.json, JSON.stringify({ ours: oursSummary, stock: stockSummary, rows }, null, 1));
}

await main();
