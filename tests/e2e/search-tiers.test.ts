/**
 * The tiered search index in Chromium: the seed site built with tiers forced
 * (KHO_TIN_SEARCH_SINGLE_LIMIT=10, 8 entities a core bucket, 2 articles an
 * archive bucket), so that its core tier (documents and entities named in ≥ 3
 * articles) and its archive (the articles) are separate sets of Pagefind
 * bundles, as on the whole corpus.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDownloads } from './support/downloads.ts';
import { servedWithBrowser } from './support/served.ts';
import { buildSite } from './support/site.ts';
import { differingFiles, listFiles } from './support/files.ts';
import { parseShardManifest, type ShardManifest } from '../../src/lib/search/shards.ts';

const TIERS_ENV = { KHO_TIN_SEARCH_SINGLE_LIMIT: '10', KHO_TIN_SEARCH_BUCKET_TARGET: '8', KHO_TIN_SEARCH_ARCHIVE_BUCKET_TARGET: '2' };

let outDir: string;
let manifest: ShardManifest;
let buildLog: string;
const work = mkdtempSync(path.join(tmpdir(), 'kho-tin-tiers-'));

beforeAll(async () => {
  const built = buildSite({ name: 'search-tiers', contentDir: 'content', env: { ...TIERS_ENV, KHO_TIN_CACHE_DIR: path.join(work, 'cache') } });
  outDir = built.outDir;
  buildLog = built.output;
  manifest = parseShardManifest(JSON.parse(readFileSync(path.join(outDir, 'pagefind', 'shards.json'), 'utf8')));
}, 600_000);
const served = servedWithBrowser(() => outDir);

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await served.browser.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

/** Paths of the search files the page requested (under /pagefind/). */
function trackSearchFiles(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (req) => {
    const p = new URL(req.url()).pathname;
    if (p.includes('/pagefind/')) paths.push(p);
  });
  return paths;
}

async function readResults(page: Page, scope?: string): Promise<string[]> {
  const selector = scope ? `#search-results[data-state="done"][data-scope="${scope}"]` : '#search-results[data-state="done"]';
  await page.waitForSelector(selector, { state: 'attached', timeout: 20_000 });
  return page.$$eval('#search-results a[href]', (as) => as.map((a) => new URL(a.getAttribute('href')!, location.href).pathname));
}

const inBundles = (bundles: string[]) => (p: string) => bundles.some((b) => p.startsWith(b));

describe('the tiered index of the seed site', () => {
  it('has core and archive bundles, merged ones without JS (the archive\'s base with the wasm), and says so in the build log', () => {
    expect(manifest.core.bundles[0]).toBe('/pagefind/');
    expect(manifest.core.bundles.length).toBeGreaterThan(1);
    expect(manifest.archive!.bundles.length).toBeGreaterThan(1);
    expect(manifest.archive!.articles).toBe(manifest.articles);
    for (const b of [...manifest.core.bundles.slice(1), ...manifest.archive!.bundles]) {
      expect(readdirSync(path.join(outDir, b)).filter((n) => /\.(js|css)$/.test(n))).toEqual([]);
      expect(readdirSync(path.join(outDir, b)).some((n) => /^wasm\..*\.pagefind$/.test(n))).toBe(b === manifest.archive!.bundles[0]);
    }
    expect(buildLog).toMatch(/search index: .* \d+ bundle\(s\) \(core \d+ records, archive \d+; \d+ entities named in fewer articles are found through their articles\): 0 reused from the build cache, \d+ indexed/);
  });

  it('answers an entity query from the core alone, entity first, with a button to search everything', () =>
    withPage(async (page) => {
      const requested = trackSearchFiles(page);
      const downloads = countDownloads(page);
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('ho chi minh')}`);
      const results = await readResults(page, 'core');
      expect(results[0]).toBe('/nguoi/ho-chi-minh/');
      expect(results.every((r) => !r.startsWith('/bai-viet/'))).toBe(true);
      await page.waitForLoadState('networkidle');
      const searchFiles = requested.map((p) => p.replace(/\?.*$/, ''));
      expect(searchFiles).toContain('/pagefind/pagefind.js');
      // Every core bundle is merged (its entry and meta loaded) ...
      for (const b of manifest.core.bundles) expect(searchFiles).toContain(`${b}pagefind-entry.json`);
      // Nothing from the archive on a first query.
      expect(searchFiles.filter(inBundles(manifest.archive!.bundles))).toEqual([]);
      expect(searchFiles.filter((p) => p.startsWith('/pagefind/shards/archive-'))).toEqual([]);
      expect(downloads.search).toBeLessThan(300 * 1024);
      expect(await page.textContent('#search-status')).toContain('phần chính');
      const button = page.locator('#search-all');
      expect(await button.isVisible()).toBe(true);
      expect(await button.textContent()).toBe(`Tìm trong toàn bộ kho: ${manifest.articles.toLocaleString('vi-VN')} bài viết`);
    }));

  it('finds articles after "search all", keeps the scope in the URL, and the back button returns to the core', () =>
    withPage(async (page) => {
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('Bộ Chính trị')}`);
      const core = await readResults(page, 'core');
      expect(core[0]).toBe('/don-vi/bo-chinh-tri/');
      expect(core.some((r) => r.startsWith('/bai-viet/'))).toBe(false);
      const requested = trackSearchFiles(page);
      // By keyboard: focus the button and press Enter.
      await page.focus('#search-all');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => new URL(u).searchParams.get('pham-vi') === 'tat-ca');
      const all = await readResults(page, 'all');
      expect(all[0]).toBe('/don-vi/bo-chinh-tri/'); // the exact name still first across merged bundles
      expect(all.some((r) => r.startsWith('/bai-viet/'))).toBe(true);
      expect(requested.some(inBundles(manifest.archive!.bundles))).toBe(true);
      // The archive has an instance of its own: nothing of the core is loaded again.
      const again = requested.map((p) => p.replace(/\?.*$/, '')).filter((p) => /^\/pagefind\/[^/]+$/.test(p) || inBundles(manifest.core.bundles.slice(1))(p));
      expect(again).toEqual([]);
      expect(await page.textContent('#search-status')).toContain('toàn bộ kho');
      expect(await page.locator('#search-all').isVisible()).toBe(false);

      await page.goBack();
      await page.waitForURL((u) => !new URL(u).searchParams.has('pham-vi'));
      expect(await readResults(page, 'core')).toEqual(core);
      await page.goForward();
      await page.waitForURL((u) => new URL(u).searchParams.get('pham-vi') === 'tat-ca');
      expect(await readResults(page, 'all')).toEqual(all);
    }));

  it('opens a shared whole-archive URL in the whole archive, and typing keeps that scope', () =>
    withPage(async (page) => {
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('Bộ Chính trị')}&pham-vi=tat-ca`);
      expect((await readResults(page, 'all')).some((r) => r.startsWith('/bai-viet/'))).toBe(true);
      await page.fill('#search-input', 'Tây Hồ');
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === 'Tây Hồ' && new URL(u).searchParams.get('pham-vi') === 'tat-ca');
      expect(await readResults(page, 'all')).toContain('/bai-viet/quan-tay-ho-doi-moi-sang-tao-trong-cong-tac-xay-dung-dang/');
    }));

  it('searches the whole archive by itself when no core page is named by the query', () =>
    withPage(async (page) => {
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('xay dung dang vung manh')}`);
      const results = await readResults(page, 'all');
      expect(results[0]).toBe('/bai-viet/xay-dung-dang-vung-manh-tu-co-so/');
      expect(new URL(page.url()).searchParams.has('pham-vi')).toBe(false);
      expect(await page.textContent('#search-status')).toContain('mang tên này');
    }));

  it('searches the whole archive for the article type filter and a date sort', () =>
    withPage(async (page) => {
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('Bộ Chính trị')}&loai=article`);
      const articles = await readResults(page, 'all');
      expect(articles.length).toBeGreaterThan(0);
      expect(articles.every((r) => r.startsWith('/bai-viet/'))).toBe(true);
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('dang')}&loai=article&sap-xep=moi`);
      await readResults(page, 'all');
      const metas = await page.$$eval('#search-results .result__meta', (ps) => ps.map((p) => p.textContent ?? ''));
      const dates = metas.map((m) => m.match(/(\d{2})\/(\d{2})\/(\d{4})/)?.slice(1).reverse().join('-') ?? '');
      expect(dates.length).toBeGreaterThan(2);
      expect(dates).toEqual([...dates].sort().reverse());
    }));

  it('finds a document by its code across merged bundles (the document-code plan)', () =>
    withPage(async (page) => {
      await page.goto(`${served.server.url}tim-kiem/?q=${encodeURIComponent('05-CT/TW')}`);
      expect((await readResults(page, 'core'))[0]).toBe('/van-ban/chi-thi-05-ct-tw-khoa-xii/');
    }));
});

describe('a warm-cache build with tiers', () => {
  it('reuses every shard and writes the same bytes', () => {
    const warm = buildSite({ name: 'search-tiers-warm', contentDir: 'content', env: { ...TIERS_ENV, KHO_TIN_CACHE_DIR: path.join(work, 'cache') } });
    const shards = manifest.core.bundles.length + manifest.archive!.bundles.length;
    expect(warm.output).toContain(`${shards} bundle(s)`);
    expect(warm.output).toMatch(new RegExp(`${shards} reused from the build cache, 0 indexed`));
    const a = listFiles(path.join(outDir, 'pagefind'));
    expect(listFiles(path.join(warm.outDir, 'pagefind'))).toEqual(a);
    expect(differingFiles(a, path.join(outDir, 'pagefind'), path.join(warm.outDir, 'pagefind'))).toEqual([]);
  }, 600_000);
});
