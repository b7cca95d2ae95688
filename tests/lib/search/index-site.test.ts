import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../../src/lib/build/knowledge.ts';
import { buildSearchIndex, siteRecords } from '../../../src/lib/search/index-site.ts';
import { ShardCache } from '../../../src/lib/search/shard-cache.ts';
import { PAGEFIND_WASM, parseShardManifest } from '../../../src/lib/search/shards.ts';

const outDir = mkdtempSync(path.join(os.tmpdir(), 'kho-tin-search-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('buildSearchIndex on the seed articles', () => {
  it('indexes every article and entity page under the base path, in one Vietnamese index', async () => {
    const build = await buildKnowledge(path.resolve('content'));
    const records = [...siteRecords(build, { basePath: '/kho-tin/' })];
    expect(records.length).toBe(build.kb.articles.length + build.kb.entities.length);
    expect(records.every((r) => r.url.startsWith('/kho-tin/'))).toBe(true);
    expect(new Set(records.map((r) => r.url)).size).toBe(records.length);

    const stats = await buildSearchIndex(outDir, build, { site: { basePath: '/kho-tin/' } });
    expect(stats.pages).toBe(records.length);
    expect(stats.indexBytes).toBeGreaterThan(0);
    const entry = JSON.parse(readFileSync(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.keys(entry.languages)).toEqual(['vi']);
    expect(entry.languages.vi!.page_count).toBe(records.length);
  }, 120_000);
});

describe('buildSearchIndex with tiers forced on the seed articles', () => {
  const limits = { singleIndexLimit: 10, bucketTarget: 8, archiveBucketTarget: 8, coreMinArticles: 3 };

  function listFiles(root: string): string[] {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      .sort();
  }

  it('writes a primary bundle, merged shards without JS (the archive\'s first with the wasm), and a manifest; a warm cache gives the same bytes', async () => {
    const build = await buildKnowledge(path.resolve('content'));
    const cacheRoot = path.join(outDir, 'cache');
    const clean = path.join(outDir, 'clean');
    const warm = path.join(outDir, 'warm');
    const first = await buildSearchIndex(clean, build, { site: { basePath: '/' }, limits, cache: new ShardCache(cacheRoot, true) });
    expect(first.indexed).toBe(first.shards);
    expect(first.reused).toBe(0);
    expect(first.shards).toBeGreaterThan(2);

    const manifest = parseShardManifest(JSON.parse(readFileSync(path.join(clean, 'pagefind', 'shards.json'), 'utf8')));
    expect(manifest.core.bundles[0]).toBe('/pagefind/');
    expect(manifest.archive!.articles).toBe(build.kb.articles.length);
    expect(existsSync(path.join(clean, 'pagefind', 'pagefind.js'))).toBe(true);
    // The search page preloads the wasm by this name.
    expect(existsSync(path.join(clean, 'pagefind', PAGEFIND_WASM))).toBe(true);
    const archiveBase = manifest.archive!.bundles[0]!;
    for (const bundle of [...manifest.core.bundles.slice(1), ...manifest.archive!.bundles]) {
      const dir = path.join(clean, bundle);
      const top = readdirSync(dir).sort();
      expect(top.every((n) => /^(pagefind-entry\.json|pagefind\..*\.pf_meta|index|filter|fragment)$/.test(n) || (bundle === archiveBase && /^wasm\..*\.pagefind$/.test(n))), top.join(' ')).toBe(true);
      expect(top).toContain('pagefind-entry.json');
      expect(top.some((n) => n.startsWith('wasm.'))).toBe(bundle === archiveBase);
    }
    const pages = [...manifest.core.bundles, ...manifest.archive!.bundles].map((b) =>
      (JSON.parse(readFileSync(path.join(clean, b, 'pagefind-entry.json'), 'utf8')) as { languages: { vi: { page_count: number } } }).languages.vi.page_count);
    // Every article and every core entity; the entities named in fewer articles are found through those articles.
    const core = build.kb.entities.filter((e) => e.type === 'document' || e.articles.length >= limits.coreMinArticles);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(build.kb.articles.length + core.length);
    expect(first.unindexed).toBe(build.kb.entities.length - core.length);

    const second = await buildSearchIndex(warm, build, { site: { basePath: '/' }, limits, cache: new ShardCache(cacheRoot, true) });
    expect(second.reused).toBe(first.shards);
    expect(second.indexed).toBe(0);
    const files = listFiles(clean);
    expect(listFiles(warm)).toEqual(files);
    expect(files.filter((f) => !readFileSync(path.join(clean, f)).equals(readFileSync(path.join(warm, f))))).toEqual([]);

    // Another base path changes every record: nothing reused, and the unused entries are dropped.
    const moved = await buildSearchIndex(path.join(outDir, 'moved'), build, { site: { basePath: '/kho-tin/' }, limits, cache: new ShardCache(cacheRoot, true) });
    expect(moved.reused).toBe(0);
    expect(readdirSync(path.join(cacheRoot, 'search')).filter((n) => /^[0-9a-f]{64}$/.test(n)).length).toBe(moved.shards);

    // The previous output (dist/pagefind moved aside by the next build) is taken as it is: renamed, not linked.
    const movedRoot = path.join(outDir, 'moved');
    const before = new Map(listFiles(movedRoot).map((f) => [f, readFileSync(path.join(movedRoot, f))]));
    const aside = path.join(outDir, 'aside');
    renameSync(path.join(movedRoot, 'pagefind'), aside);
    const againRoot = path.join(outDir, 'again');
    const again = await buildSearchIndex(againRoot, build, { site: { basePath: '/kho-tin/' }, limits, cache: new ShardCache(cacheRoot, true), previousOutput: aside });
    expect(again.reused).toBe(again.shards);
    expect(again.indexed).toBe(0);
    // Every bundle left the old folder; what stays is the manifest (written anew) and the emptied shards/ folder.
    expect(readdirSync(aside).sort()).toEqual(['shards', 'shards.json']);
    expect(readdirSync(path.join(aside, 'shards'))).toEqual([]);
    const after = listFiles(againRoot);
    expect(after).toEqual([...before.keys()]);
    expect(after.filter((f) => !readFileSync(path.join(againRoot, f)).equals(before.get(f)!))).toEqual([]);
  }, 120_000);
});
