/**
 * `npm run search:bench -- --content DIR --out DIR [--site DIR] [--queries a,b,c] [--skip-index] [--warm] [--single]`
 *
 * The search side of issue 6 item 7, measured on its own: builds the knowledge
 * base of DIR (e.g. bench/35873/content, imported by `npm run bench`), indexes it
 * with the project's indexer into OUT/pagefind (time, peak memory of Node plus
 * the Pagefind binary, pages, bytes, bundles: a large site is split into a core
 * and an archive tier, see src/lib/search/shards.ts), then copies the search
 * page of a built site (default .cache/e2e/seeds: its /tim-kiem/ and /_astro/
 * assets, same base path) next to the index and measures in Chromium, for each
 * query on a fresh page:
 *  - first query: the bytes downloaded by the page load plus the first query,
 *    and the time from the last keystroke to results on screen (data-state="done");
 *  - "search all": the bytes and time of pressing the "Tìm trong toàn bộ kho"
 *    button until the whole archive's results are on screen (when the first
 *    query stayed in the core).
 * --skip-index reuses OUT/pagefind and only measures the browser side. --warm
 * indexes a second time with the build cache warm (KHO_TIN_CACHE_DIR) and
 * reports the reuse. --single forces one bundle (the layout before tiers).
 * Shard bundles are cached under $KHO_TIN_CACHE_DIR/search (KHO_TIN_CACHE=0: off).
 */
import { cp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildKnowledge } from '../src/lib/build/knowledge.ts';
import { buildSearchIndex, type SearchIndexStats } from '../src/lib/search/index-site.ts';
import { ShardCache } from '../src/lib/search/shard-cache.ts';
import { DEFAULT_LIMITS, limitsFromEnv, parseShardManifest } from '../src/lib/search/shards.ts';
import { launchBrowser } from '../tests/e2e/support/browser.ts';
import { serveStatic } from '../tests/e2e/support/server.ts';
import { countDownloads } from '../tests/e2e/support/downloads.ts';
import { parseCommandLine } from './cli.ts';

const USAGE = 'usage: npm run search:bench -- --content DIR --out DIR [--site DIR] [--queries a,b,c] [--skip-index] [--warm] [--single]';
const { values } = parseCommandLine(USAGE, {
  options: {
    help: { type: 'boolean', default: false },
    content: { type: 'string' },
    out: { type: 'string' },
    site: { type: 'string', default: '.cache/e2e/seeds' },
    'skip-index': { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
    single: { type: 'boolean', default: false },
    queries: { type: 'string', default: 'dang uy phuong,quốc hội,Nguyễn Phú Trọng,nghi quyet trung uong 4,05-CT/TW,ubnd tinh' },
  },
});
if (!values.out || (!values.content && !values['skip-index'])) {
  console.error(USAGE);
  process.exit(2);
}
const outDir = path.resolve(values.out);

/** RSS of this process and all its descendants (the Pagefind binary runs as a child), from /proc. */
async function treeRss(pid = process.pid): Promise<number> {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const status = await readFile(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of await readdir(`/proc/${p}/task`)) {
        const children = await readFile(`/proc/${p}/task/${task}/children`, 'utf8').catch(() => '');
        for (const c of children.trim().split(/\s+/).filter(Boolean)) stack.push(Number(c));
      }
    } catch {
      // the process ended between two reads
    }
  }
  return total;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function sec(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function describeIndex(label: string, stats: SearchIndexStats, peak: number): string {
  return `${label}: ${stats.pages} pages (${stats.articles} articles, ${stats.entities} entities) in ${(stats.ms / 1000).toFixed(1)} s; ` +
    `${stats.shards} bundle(s) (core ${stats.coreRecords} records, archive ${stats.archiveRecords}; ${stats.unindexed} entities named in fewer articles are found through their articles), ${stats.reused} reused from the cache, ${stats.indexed} indexed; ` +
    `index data ${mb(stats.indexBytes)}, pagefind/ ${mb(stats.bytes)} in ${stats.files} files; peak RSS while indexing (Node + Pagefind) ${mb(peak)}; ` +
    `phases: plan ${sec(stats.phases.plan)}, cache keys ${sec(stats.phases.keys)}, cache copy ${sec(stats.phases.restore)}, add records ${sec(stats.phases.add)}, write bundles ${sec(stats.phases.write)}, finish ${sec(stats.phases.finish)}`;
}

async function loadAverage(): Promise<string> {
  return (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
}

if (!values['skip-index']) {
  const t0 = performance.now();
  const build = await buildKnowledge(path.resolve(values.content!));
  const knowledgeMs = performance.now() - t0;
  console.log(`knowledge base: ${build.kb.articles.length} articles, ${build.kb.entities.length} entities in ${(knowledgeMs / 1000).toFixed(1)} s (RSS ${mb(await treeRss())})`);
  const limits = values.single ? { ...DEFAULT_LIMITS, singleIndexLimit: Number.MAX_SAFE_INTEGER } : limitsFromEnv(process.env);

  for (const pass of values.warm ? ['clean', 'warm cache'] : ['index']) {
    if (pass === 'clean') await rm(new ShardCache().dir, { recursive: true, force: true }); // a cold search cache
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    let peak = 0;
    const sampler = setInterval(() => void treeRss().then((r) => { peak = Math.max(peak, r); }), 100);
    const before = await loadAverage();
    const stats = await buildSearchIndex(outDir, build, { site: { basePath: '/' }, limits });
    clearInterval(sampler);
    console.log(describeIndex(`search index (${pass})`, stats, peak) + `; load average ${before} before, ${await loadAverage()} after`);
  }
}

// The search page of a built site, next to this index.
const site = path.resolve(values.site);
await cp(path.join(site, 'tim-kiem'), path.join(outDir, 'tim-kiem'), { recursive: true });
await cp(path.join(site, '_astro'), path.join(outDir, '_astro'), { recursive: true });
await cp(path.join(site, '404.html'), path.join(outDir, '404.html')).catch(() => undefined);

const manifest = parseShardManifest(JSON.parse(await readFile(path.join(outDir, 'pagefind', 'shards.json'), 'utf8')));
console.log(`bundles: ${manifest.core.bundles.length} core (${manifest.core.records} records), ${manifest.archive?.bundles.length ?? 0} archive (${manifest.archive?.records ?? 0} records)`);
console.log(`browser runs start at load average ${await loadAverage()}`);

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const server = await serveStatic(outDir);
const browser = await launchBrowser();
try {
  for (const q of values.queries!.split(',')) {
    const page = await browser.newPage();
    const downloads = countDownloads(page);
    const pageStarted = Date.now();
    await page.goto(`${server.url}tim-kiem/`);
    await page.waitForLoadState('networkidle');
    const loadMs = Date.now() - pageStarted;
    await page.fill('#search-input', q.slice(0, -1));
    // Time from the last keystroke: type the last character, then wait for data-state="done" for this query.
    const started = Date.now();
    await page.type('#search-input', q.slice(-1));
    await page.waitForFunction((query) => {
      const list = document.getElementById('search-results');
      return list?.dataset.state === 'done' && new URLSearchParams(location.search).get('q') === query;
    }, q, { timeout: 60_000, polling: 10 });
    const ms = Date.now() - started;
    const count = await page.locator('#search-results li').count();
    const scope = (await page.getAttribute('#search-results', 'data-scope')) ?? 'single';
    await page.waitForLoadState('networkidle');
    const first = { total: downloads.total, search: downloads.search };
    let line = `"${q}": ${count} results (${scope}), ${ms} ms after the last keystroke (120 ms debounce included; page load ${loadMs} ms); ` +
      `page load + first query downloaded ${kb(first.total)} in all, ${kb(first.search)} from pagefind/`;
    if (await page.locator('#search-all').isVisible()) {
      const allStarted = Date.now();
      await page.click('#search-all');
      await page.waitForSelector('#search-results[data-state="done"][data-scope="all"]', { state: 'attached', timeout: 120_000 });
      const allMs = Date.now() - allStarted;
      const allCount = await page.locator('#search-results li').count();
      await page.waitForLoadState('networkidle');
      line += `; "search all": ${allCount} results shown ${allMs} ms after the click, ${kb(downloads.total - first.total)} more (${kb(downloads.search - first.search)} from pagefind/)`;
    }
    console.log(line);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
