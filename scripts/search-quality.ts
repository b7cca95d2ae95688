/**
 * `npm run search:quality [-- --site DIR] [--base /x/] [--queries FILE] [--check]`
 *
 * Runs the query set (data/search-queries.yaml) in Chromium against the built
 * site's search page, and the same raw queries against stock Pagefind (the
 * `pagefind` CLI with default settings) over a copy of the same built HTML.
 * Prints success@1, success@3 and MRR side by side, and how many of stock's
 * rank-1 misses we still miss. --check exits 1 when a target is not met.
 */
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser.ts';
import { serveStatic } from '../tests/e2e/support/server.ts';
import { parseCommandLine } from './cli.ts';

export interface QualityQuery {
  q: string;
  /** Acceptable first results: page paths without the base path. */
  expect: string[];
}

export interface QueryOutcome {
  q: string;
  expect: string[];
  /** Result paths (without base), best first, at most RANK_DEPTH. */
  results: string[];
  /** 1-based rank of the first acceptable result, or null. */
  rank: number | null;
  ms: number;
}

export interface QualitySummary {
  n: number;
  success1: number;
  success3: number;
  mrr: number;
}

export const TARGETS = { success1: 0.9, success3: 1.0, stockMissesStillMissedMax: 0.2 };
const RANK_DEPTH = 10;

/** Reads the query set; every entry must have a query and at least one expected path. */
export async function loadQueries(file = 'data/search-queries.yaml'): Promise<QualityQuery[]> {
  const doc = parse(await readFile(file, 'utf8')) as { queries?: unknown };
  if (!doc || !Array.isArray(doc.queries)) throw new Error(`${file}: expected a top-level "queries:" list`);
  return doc.queries.map((entry: unknown, i: number) => {
    const e = entry as { q?: unknown; expect?: unknown };
    const expect = Array.isArray(e.expect) ? e.expect : [e.expect];
    if (typeof e.q !== 'string' || !e.q.trim() || expect.some((x) => typeof x !== 'string' || !x.startsWith('/'))) {
      throw new Error(`${file}: query #${i + 1} needs "q" (text) and "expect" (a path like /nguoi/x/, or a list of paths)`);
    }
    return { q: e.q, expect: expect as string[] };
  });
}

/** A result link's path without the site's base path ("/kho-tin/nguoi/x/" → "/nguoi/x/"). */
export function stripBase(href: string, basePath: string): string {
  const p = new URL(href, 'http://x').pathname;
  return p.startsWith(basePath) ? '/' + p.slice(basePath.length) : p;
}

/** 1-based rank of the first result among the judged pages, or null. */
export function rankOf(expect: readonly string[], results: readonly string[]): number | null {
  const idx = results.findIndex((r) => expect.includes(r));
  return idx < 0 ? null : idx + 1;
}

function outcome(q: QualityQuery, results: string[], ms: number): QueryOutcome {
  return { q: q.q, expect: q.expect, results, rank: rankOf(q.expect, results), ms };
}

export function summarise(outcomes: QueryOutcome[]): QualitySummary {
  const n = outcomes.length;
  const at = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length / n;
  const mrr = outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / n;
  return { n, success1: at(1), success3: at(3), mrr };
}

/** Our search page: type nothing, load /tim-kiem/?q=… and read the links once data-state="done". */
export async function runOurs(page: Page, siteUrl: string, basePath: string, queries: QualityQuery[]): Promise<QueryOutcome[]> {
  const out: QueryOutcome[] = [];
  for (const q of queries) {
    const started = Date.now();
    await page.goto(`${siteUrl}tim-kiem/?q=${encodeURIComponent(q.q)}`);
    await page.waitForSelector('#search-results[data-state="done"]', { state: 'attached', timeout: 20_000 });
    const hrefs = await page.$$eval('#search-results a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    out.push(outcome(q, hrefs.slice(0, RANK_DEPTH).map((h) => stripBase(h, basePath)), Date.now() - started));
  }
  return out;
}

/** Stock Pagefind: its own JS API, raw queries, default options. */
export async function runStock(page: Page, stockUrl: string, basePath: string, queries: QualityQuery[]): Promise<QueryOutcome[]> {
  await page.goto(stockUrl);
  const out: QueryOutcome[] = [];
  for (const q of queries) {
    const started = Date.now();
    // A string, not a function: test runners rewrite import() inside functions they transform.
    const script = `(async () => {
      const pf = await import(${JSON.stringify(`${basePath}pagefind/pagefind.js`)});
      const res = await pf.search(${JSON.stringify(q.q)});
      return Promise.all(res.results.slice(0, ${RANK_DEPTH}).map(async (r) => (await r.data()).url));
    })()`;
    const urls = (await page.evaluate(script)) as string[];
    out.push(outcome(q, urls.map((u) => stripBase(u, basePath)), Date.now() - started));
  }
  return out;
}

/** Copies the built site without our index and indexes it with the stock `pagefind` CLI. */
export async function buildStockCopy(siteDir: string, stockDir: string): Promise<void> {
  await rm(stockDir, { recursive: true, force: true });
  await mkdir(path.dirname(stockDir), { recursive: true });
  await cp(siteDir, stockDir, { recursive: true, filter: (src) => path.basename(src) !== 'pagefind' });
  const bin = path.resolve('node_modules/pagefind/lib/runner/bin.cjs');
  const res = spawnSync(process.execPath, [bin, '--site', stockDir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`stock pagefind failed:\n${res.stdout}\n${res.stderr}`);
}

export interface QualityReport {
  ours: QueryOutcome[];
  stock: QueryOutcome[];
  oursSummary: QualitySummary;
  stockSummary: QualitySummary;
  /** Queries stock misses at rank 1. */
  stockMisses: number;
  /** Of those, how many we miss too. */
  stillMissed: number;
}

export async function runQuality(opts: { siteDir: string; basePath?: string; queriesFile?: string; browser?: Browser }): Promise<QualityReport> {
  const basePath = opts.basePath ?? '/';
  const queries = await loadQueries(opts.queriesFile);
  if (!existsSync(path.join(opts.siteDir, 'pagefind'))) throw new Error(`${opts.siteDir}: no pagefind/ bundle; build the site first`);
  const stockDir = path.resolve('.cache/search-quality/stock');
  await buildStockCopy(opts.siteDir, stockDir);
  const browser = opts.browser ?? (await launchBrowser());
  const ours = await serveStatic(path.resolve(opts.siteDir), basePath);
  const stockServer = await serveStatic(stockDir, basePath);
  try {
    const page = await browser.newPage();
    const oursResults = await runOurs(page, ours.url, basePath, queries);
    const stockResults = await runStock(page, stockServer.url, basePath, queries);
    await page.close();
    const missedByStock = stockResults.filter((o) => o.rank !== 1).map((o) => o.q);
    const stillMissed = oursResults.filter((o) => missedByStock.includes(o.q) && o.rank !== 1).length;
    return {
      ours: oursResults,
      stock: stockResults,
      oursSummary: summarise(oursResults),
      stockSummary: summarise(stockResults),
      stockMisses: missedByStock.length,
      stillMissed,
    };
  } finally {
    await ours.close();
    await stockServer.close();
    if (!opts.browser) await browser.close();
  }
}

export function meetsTargets(r: QualityReport): string[] {
  const failures: string[] = [];
  if (r.oursSummary.success1 < TARGETS.success1) failures.push(`success@1 ${r.oursSummary.success1.toFixed(3)} < ${TARGETS.success1}`);
  if (r.oursSummary.success3 < TARGETS.success3) failures.push(`success@3 ${r.oursSummary.success3.toFixed(3)} < ${TARGETS.success3}`);
  if (r.stockMisses > 0 && r.stillMissed / r.stockMisses > TARGETS.stockMissesStillMissedMax) {
    failures.push(`${r.stillMissed} of stock's ${r.stockMisses} rank-1 misses still missed (> ${TARGETS.stockMissesStillMissedMax * 100}%)`);
  }
  return failures;
}

export function formatReport(r: QualityReport): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `Search quality: ${r.oursSummary.n} queries (data/search-queries.yaml)`,
    '',
    `${pad('', 14)}${pad('kho-tin', 10)}stock Pagefind`,
    `${pad('success@1', 14)}${pad(f(r.oursSummary.success1), 10)}${f(r.stockSummary.success1)}`,
    `${pad('success@3', 14)}${pad(f(r.oursSummary.success3), 10)}${f(r.stockSummary.success3)}`,
    `${pad('MRR', 14)}${pad(f(r.oursSummary.mrr), 10)}${f(r.stockSummary.mrr)}`,
    '',
    `Stock misses at rank 1: ${r.stockMisses}; still missed by kho-tin: ${r.stillMissed}` +
      (r.stockMisses ? ` (${((100 * r.stillMissed) / r.stockMisses).toFixed(0)}%, target ≤ ${TARGETS.stockMissesStillMissedMax * 100}%)` : ''),
    '',
    'Per query (rank of the expected page; – = not in the top 10):',
  ];
  r.ours.forEach((o, i) => {
    const s = r.stock[i]!;
    const mark = o.rank === 1 ? ' ' : '✗';
    lines.push(`${mark} ${pad(o.q, 58)} ours ${pad(String(o.rank ?? '–'), 3)} stock ${pad(String(s.rank ?? '–'), 3)}${o.rank !== 1 ? ` first: ${o.results[0] ?? '(none)'}` : ''}`);
  });
  const times = r.ours.map((o) => o.ms).sort((a, b) => a - b);
  lines.push('', `Page load to results (ms, per query incl. navigation): median ${times[Math.floor(times.length / 2)]}, max ${times[times.length - 1]}`);
  return lines.join('\n');
}

const USAGE = 'usage: npm run search:quality -- [--site .cache/e2e/seeds] [--base /] [--queries data/search-queries.yaml] [--check]';

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    options: {
      site: { type: 'string', default: '.cache/e2e/seeds' },
      base: { type: 'string', default: '/' },
      queries: { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const report = await runQuality({ siteDir: values.site, basePath: values.base, queriesFile: values.queries });
  console.log(formatReport(report));
  const failures = meetsTargets(report);
  if (failures.length) console.log(`\nTargets not met: ${failures.join('; ')}`);
  else console.log('\nAll targets met.');
  if (values.check && failures.length) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
