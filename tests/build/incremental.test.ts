/**
 * Incremental builds: with a warm cache, adding one article re-extracts only that
 * article, Astro reuses the pages whose recorded data did not change (in place:
 * dist/ is kept between builds), and the output is byte-identical to a clean
 * build of the same content. Then an edit that gives a unit of another article a
 * new member must show on that unit's page and on nothing else stale; and
 * removing the article again must remove the pages of the entities only it named.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../e2e/support/site.ts';
import { differingFiles, listFiles } from '../e2e/support/files.ts';
import { readPublishedKnowledgeBase } from '../../src/lib/graph/shards.ts';

function stageLines(file: string): { stage: string; cacheHits?: number; articles?: number; rendered?: number; reused?: number }[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

function expectSameFiles(actualDir: string, expectedDir: string): void {
  const a = listFiles(actualDir);
  expect(a).toEqual(listFiles(expectedDir));
  expect(differingFiles(a, actualDir, expectedDir)).toEqual([]);
}

describe('incremental build', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kho-tin-incr-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reuses cached extraction and writes exactly what a clean build writes', () => {
    const seeds = readdirSync('content/articles').filter((n) => n.endsWith('.md')).sort();
    expect(seeds.length).toBeGreaterThanOrEqual(5);
    const content = path.join(work, 'content');
    const cacheDir = path.join(work, 'cache');
    cpSync('content', content, { recursive: true });
    const added = seeds[seeds.length - 1]!;
    rmSync(path.join(content, 'articles', added));

    // 1. Warm the cache without the last article.
    const warm = buildSite({ name: 'incr', contentDir: content, env: { KHO_TIN_CACHE_DIR: cacheDir } });
    const warmFiles = listFiles(warm.outDir);
    // 2. Add it and rebuild with the warm cache.
    cpSync(path.join('content/articles', added), path.join(content, 'articles', added));
    const stats = path.join(work, 'stats.jsonl');
    const incremental = buildSite({ name: 'incr', contentDir: content, env: { KHO_TIN_CACHE_DIR: cacheDir, KHO_TIN_STATS: stats } });
    const extract = stageLines(stats).find((l) => l.stage === 'extract')!;
    expect(extract.articles).toBe(seeds.length);
    expect(extract.cacheHits).toBe(seeds.length - 1);
    // 3. A clean build of the same content, cache off.
    const clean = buildSite({ name: 'incr-clean', contentDir: content, env: { KHO_TIN_CACHE: '0' } });

    expectSameFiles(incremental.outDir, clean.outDir);
    const pages = stageLines(stats).find((l) => l.stage === 'page-deps')!;
    // Most pages come back from Astro's cache; the new article's page and its entities' pages render.
    expect(pages.reused).toBeGreaterThan(pages.rendered!);
    expect(pages.rendered).toBeGreaterThan(0);

    // 4. Edit another article: a new person with a role in a unit named elsewhere.
    const edited = seeds.find((n) => n !== added && readFileSync(path.join(content, 'articles', n), 'utf8').includes('Hai Bà Trưng'))!;
    expect(edited).toBeDefined();
    const editedFile = path.join(content, 'articles', edited);
    writeFileSync(editedFile, `${readFileSync(editedFile, 'utf8').trimEnd()}\n\nĐồng chí Phạm Thị Hồng Nhung, Phó Bí thư Quận ủy Hai Bà Trưng, dự và phát biểu tại hội nghị.\n`);
    const stats2 = path.join(work, 'stats2.jsonl');
    const afterEdit = buildSite({ name: 'incr', contentDir: content, env: { KHO_TIN_CACHE_DIR: cacheDir, KHO_TIN_STATS: stats2 } });
    const cleanEdit = buildSite({ name: 'incr-edit-clean', contentDir: content, env: { KHO_TIN_CACHE: '0' } });
    expect(JSON.stringify(readPublishedKnowledgeBase(afterEdit.outDir))).toContain('Phạm Thị Hồng Nhung');
    expectSameFiles(afterEdit.outDir, cleanEdit.outDir);
    expect(stageLines(stats2).find((l) => l.stage === 'page-deps')!.reused).toBeGreaterThan(0);

    // 5. Remove the added article and undo the edit: the content of step 1 again. The pages of
    //    entities only they named are gone from the kept dist/, and nothing else is left over.
    rmSync(path.join(content, 'articles', added));
    cpSync(path.join('content/articles', edited), editedFile);
    const stats3 = path.join(work, 'stats3.jsonl');
    const afterRemoval = buildSite({ name: 'incr', contentDir: content, env: { KHO_TIN_CACHE_DIR: cacheDir, KHO_TIN_STATS: stats3 } });
    const pruned = stageLines(stats3).find((l) => l.stage === 'page-deps')! as { removed?: number };
    expect(pruned.removed).toBeGreaterThan(0);
    expect(afterRemoval.output).toMatch(/removed \d+ file\(s\) of the previous build/);
    expect(listFiles(afterRemoval.outDir)).toEqual(warmFiles);
    const cleanAgain = buildSite({ name: 'incr-clean', contentDir: content, env: { KHO_TIN_CACHE: '0' } });
    expectSameFiles(afterRemoval.outDir, cleanAgain.outDir);
  }, 900_000);
});
