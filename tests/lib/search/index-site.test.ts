import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getKnowledge } from '../../../src/lib/build/knowledge.ts';
import { buildSearchIndex, siteRecords } from '../../../src/lib/search/index-site.ts';

const outDir = mkdtempSync(path.join(os.tmpdir(), 'kho-tin-search-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('buildSearchIndex on the seed articles', () => {
  it('indexes every article and entity page under the base path, in one Vietnamese index', async () => {
    const build = await getKnowledge(path.resolve('content'));
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
