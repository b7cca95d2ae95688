/**
 * `node scripts/search-bench.ts --content DIR --out DIR [--site DIR] [--queries a,b,c] [--skip-index]`
 *
 * The search side of issue 6 item 7, measured on its own: builds the knowledge
 * base of DIR (e.g. bench/35873/content, imported by `npm run bench`), indexes it
 * with the project's indexer into OUT/pagefind (time, peak memory of Node plus
 * the Pagefind binary, pages, bytes), then copies the search page of a built
 * site (default .cache/e2e/seeds: its /tim-kiem/ and /_astro/ assets, same base
 * path) next to the index and measures in Chromium, for each query on a fresh
 * page: the bytes downloaded (page load + first query) and the time from the
 * last keystroke to results on screen (data-state="done"). --skip-index reuses
 * OUT/pagefind and only measures the browser side.
 */
import { cp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { getKnowledge } from '../src/lib/build/knowledge.ts';
import { buildSearchIndex } from '../src/lib/search/index-site.ts';
import { launchBrowser } from '../tests/e2e/support/browser.ts';
import { serveStatic } from '../tests/e2e/support/server.ts';
import { countDownloads } from '../tests/e2e/support/downloads.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    out: { type: 'string' },
    site: { type: 'string', default: '.cache/e2e/seeds' },
    'skip-index': { type: 'boolean', default: false },
    queries: { type: 'string', default: 'dang uy phuong,quốc hội,Nguyễn Phú Trọng,nghi quyet trung uong 4,05-CT/TW,ubnd tinh' },
  },
});
if (!values.out || (!values.content && !values['skip-index'])) {
  console.error('usage: node scripts/search-bench.ts --content DIR --out DIR [--site DIR] [--queries a,b,c]');
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

if (!values['skip-index']) {
  const t0 = performance.now();
  const build = await getKnowledge(path.resolve(values.content!));
  const knowledgeMs = performance.now() - t0;
  console.log(`knowledge base: ${build.kb.articles.length} articles, ${build.kb.entities.length} entities in ${(knowledgeMs / 1000).toFixed(1)} s (RSS ${mb(await treeRss())})`);

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  let peak = 0;
  const sampler = setInterval(() => void treeRss().then((r) => { peak = Math.max(peak, r); }), 100);
  const stats = await buildSearchIndex(outDir, build, { site: { basePath: '/' } });
  clearInterval(sampler);
  console.log(`search index: ${stats.pages} pages (${stats.articles} articles, ${stats.entities} entities) in ${(stats.ms / 1000).toFixed(1)} s; ` +
    `index data ${mb(stats.indexBytes)}, pagefind/ ${mb(stats.bytes)} in ${stats.files} files; peak RSS while indexing (Node + Pagefind) ${mb(peak)}`);
}

// The search page of a built site, next to this index.
const site = path.resolve(values.site);
await cp(path.join(site, 'tim-kiem'), path.join(outDir, 'tim-kiem'), { recursive: true });
await cp(path.join(site, '_astro'), path.join(outDir, '_astro'), { recursive: true });
await cp(path.join(site, '404.html'), path.join(outDir, '404.html')).catch(() => undefined);

const server = await serveStatic(outDir);
const browser = await launchBrowser();
try {
  for (const q of values.queries!.split(',')) {
    const page = await browser.newPage();
    const downloads = countDownloads(page);
    await page.goto(`${server.url}tim-kiem/`);
    await page.waitForLoadState('networkidle');
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
    await page.waitForLoadState('networkidle');
    console.log(`"${q}": ${count} results shown, ${ms} ms after the last keystroke (120 ms debounce included); downloaded ${(downloads.total / 1024).toFixed(0)} KB in all, ${(downloads.search / 1024).toFixed(0)} KB from pagefind/`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
