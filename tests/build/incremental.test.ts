/**
 * Incremental builds: with a warm cache, adding one article re-extracts only that
 * article, and the output is byte-identical to a clean build of the same content.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../e2e/support/site.ts';

function listFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) listFiles(root, full, out);
    else out.push(path.relative(root, full));
  }
  return out.sort();
}

function stageLines(file: string): { stage: string; cacheHits?: number; articles?: number }[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
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
    buildSite({ name: 'incr-warm', contentDir: content, env: { KHO_TIN_CACHE_DIR: cacheDir } });
    // 2. Add it and rebuild with the warm cache.
    cpSync(path.join('content/articles', added), path.join(content, 'articles', added));
    const stats = path.join(work, 'stats.jsonl');
    const incremental = buildSite({ name: 'incr-after', contentDir: content, env: { KHO_TIN_CACHE_DIR: cacheDir, KHO_TIN_STATS: stats } });
    const extract = stageLines(stats).find((l) => l.stage === 'extract')!;
    expect(extract.articles).toBe(seeds.length);
    expect(extract.cacheHits).toBe(seeds.length - 1);
    // 3. A clean build of the same content, cache off.
    const clean = buildSite({ name: 'incr-clean', contentDir: content, env: { KHO_TIN_CACHE: '0' } });

    const a = listFiles(incremental.outDir);
    const b = listFiles(clean.outDir);
    expect(a).toEqual(b);
    const differing = a.filter((f) => !readFileSync(path.join(incremental.outDir, f)).equals(readFileSync(path.join(clean.outDir, f))));
    expect(differing).toEqual([]);
  }, 600_000);
});
