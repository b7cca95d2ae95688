import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../../src/lib/build/knowledge.ts';
import { entityPath } from '../../../src/lib/model/paths.ts';
import { sitePlanRecords } from '../../../src/lib/search/index-site.ts';
import {
  DEFAULT_LIMITS, bucketCount, limitsFromEnv, parseShardManifest, planShards, shardManifest, urlHash, type PlanRecord, type ShardPlan,
} from '../../../src/lib/search/shards.ts';

/** A synthetic site shaped like the corpus: articles, core entities, archive entities. */
function site(articles: number, coreEntities: number, otherEntities: number): PlanRecord[] {
  return [
    ...Array.from({ length: articles }, (_, i) => ({ url: `/bai-viet/bai-${i}/`, article: true, core: false })),
    ...Array.from({ length: coreEntities }, (_, i) => ({ url: `/nguoi/nguoi-${i}/`, article: false, core: true })),
    ...Array.from({ length: otherEntities }, (_, i) => ({ url: `/don-vi/don-vi-${i}/`, article: false, core: false })),
  ];
}

function urlsByShard(plan: ShardPlan, records: readonly PlanRecord[]): Map<string, string[]> {
  return new Map(plan.shards.map((s) => [s.id, s.records.map((i) => records[i]!.url)]));
}

describe('planShards', () => {
  it('keeps one bundle at pagefind/ up to the single-index limit', () => {
    const records = site(3_000, 2_000, 3_000);
    const plan = planShards(records);
    expect(plan.tiered).toBe(false);
    expect(plan.shards).toHaveLength(1);
    expect(plan.shards[0]).toMatchObject({ id: 'all-0', dir: 'pagefind', primary: true, articles: 3_000 });
    expect(plan.shards[0]!.records).toEqual(records.map((_, i) => i));
  });

  it('splits a corpus-sized site into a core tier of entities and an archive of articles, and leaves the other entities out', () => {
    const records = site(35_873, 10_811, 40_661);
    const plan = planShards(records);
    expect(plan.tiered).toBe(true);
    const core = plan.shards.filter((s) => s.tier === 'core');
    const archive = plan.shards.filter((s) => s.tier === 'archive');
    expect(core).toHaveLength(1); // 10,811 / 16,000 → 1
    expect(archive).toHaveLength(2); // 35,873 / 20,000 → 2
    expect(core.every((s) => s.records.every((i) => records[i]!.core && !records[i]!.article))).toBe(true);
    expect(core.reduce((n, s) => n + s.records.length, 0)).toBe(10_811);
    expect(archive.every((s) => s.records.every((i) => records[i]!.article))).toBe(true);
    expect(archive.reduce((n, s) => n + s.articles, 0)).toBe(35_873);
    expect(plan.unindexed).toBe(40_661);
    // Every indexed record in exactly one shard, records in site order within a shard.
    const all = plan.shards.flatMap((s) => s.records);
    expect(new Set(all).size).toBe(35_873 + 10_811);
    expect(plan.shards.every((s) => s.records.every((r, k) => k === 0 || s.records[k - 1]! < r))).toBe(true);
    // The primary is the first core bucket, at pagefind/; the rest under pagefind/shards/.
    expect(plan.shards[0]).toMatchObject({ id: 'core-0', dir: 'pagefind', primary: true });
    expect(plan.shards.slice(1).every((s) => !s.primary && s.dir === `pagefind/shards/${s.id}`)).toBe(true);
    // Buckets are balanced by the hash.
    for (const s of archive) expect(s.records.length).toBeLessThan((1.2 * 35_873) / 2);
    // With 2,000 records a bucket: 8 core and 32 archive bundles.
    const small = planShards(records, { ...DEFAULT_LIMITS, bucketTarget: 2_000, archiveBucketTarget: 2_000 });
    expect(small.shards.filter((s) => s.tier === 'core')).toHaveLength(8);
    expect(small.shards.filter((s) => s.tier === 'archive')).toHaveLength(32);
    for (const s of small.shards) expect(s.records.length).toBeLessThan(2 * 2_000);
  });

  it('is deterministic: the same records give the same plan', () => {
    const records = site(9_000, 1_200, 4_000);
    expect(planShards(records)).toEqual(planShards([...records]));
  });

  it('moves only the records of the changed bucket when one article is added', () => {
    const before = site(20_000, 3_000, 10_000);
    const added = { url: '/bai-viet/bai-moi-hom-nay/', article: true, core: false };
    // Articles come first in site order: the new one is the last article.
    const after = [...before.slice(0, 20_000), added, ...before.slice(20_000)];
    const limits = { ...DEFAULT_LIMITS, bucketTarget: 2_000, archiveBucketTarget: 2_000 };
    const a = urlsByShard(planShards(before, limits), before);
    const b = urlsByShard(planShards(after, limits), after);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const changed = [...b.keys()].filter((id) => JSON.stringify(a.get(id)) !== JSON.stringify(b.get(id)));
    expect(changed).toEqual([`archive-${urlHash(added.url) & 15}`]);
    expect(b.get(changed[0]!)).toContain(added.url);
  });

  it('changes no archive bucket but the new article\'s when it brings new entities', () => {
    const before = site(20_000, 3_000, 10_000);
    const article = '/bai-viet/bai-moi-hom-nay/';
    // Five entities seen only in the new article: outside the core, they are in no bucket.
    const created = Array.from({ length: 5 }, (_, i) => ({ url: `/nguoi/nguoi-moi-${i}/`, article: false, core: false }));
    const after = [...before.slice(0, 20_000), { url: article, article: true, core: false }, ...before.slice(20_000), ...created];
    const limits = { ...DEFAULT_LIMITS, bucketTarget: 2_000, archiveBucketTarget: 2_000 };
    const a = urlsByShard(planShards(before, limits), before);
    const b = urlsByShard(planShards(after, limits), after);
    const changed = [...b.keys()].filter((id) => JSON.stringify(a.get(id)) !== JSON.stringify(b.get(id)));
    expect(changed).toEqual([`archive-${urlHash(article) & 15}`]);
    expect(planShards(after, limits).unindexed).toBe(10_005);
  });

  it('uses one tier, still split, when no entity qualifies for the core', () => {
    const records = site(10_000, 0, 0);
    const plan = planShards(records, { ...DEFAULT_LIMITS, bucketTarget: 2_000 });
    expect(plan.tiered).toBe(false);
    expect(plan.shards.length).toBe(8);
    expect(plan.shards[0]!.primary).toBe(true);
    expect(shardManifest(plan, '/').archive).toBeNull();
  });

  it('honours forced limits from the environment, and rejects bad values with the variable named', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    expect(limitsFromEnv({ KHO_TIN_SEARCH_SINGLE_LIMIT: '10', KHO_TIN_SEARCH_BUCKET_TARGET: '8', KHO_TIN_SEARCH_ARCHIVE_BUCKET_TARGET: '4', KHO_TIN_SEARCH_CORE_MIN: '2' }))
      .toEqual({ singleIndexLimit: 10, bucketTarget: 8, archiveBucketTarget: 4, coreMinArticles: 2 });
    expect(() => limitsFromEnv({ KHO_TIN_SEARCH_ARCHIVE_BUCKET_TARGET: '0' })).toThrow(/KHO_TIN_SEARCH_ARCHIVE_BUCKET_TARGET=0/);
    expect(() => limitsFromEnv({ KHO_TIN_SEARCH_BUCKET_TARGET: '0' })).toThrow(/KHO_TIN_SEARCH_BUCKET_TARGET=0/);
    expect(() => limitsFromEnv({ KHO_TIN_SEARCH_SINGLE_LIMIT: 'many' })).toThrow(/KHO_TIN_SEARCH_SINGLE_LIMIT/);
  });

  it('counts buckets as the next power of two', () => {
    expect([0, 1, 2_000, 2_001, 6_760, 59_592].map((n) => bucketCount(n, 2_000))).toEqual([1, 1, 1, 2, 4, 32]);
    expect([10_811, 16_001, 35_873].map((n) => bucketCount(n, 16_000))).toEqual([1, 2, 4]);
    expect([35_873].map((n) => bucketCount(n, 20_000))).toEqual([2]);
  });
});

describe('on the seed site with tiers forced', () => {
  it('puts documents and often-named entities in the core, articles in the archive', async () => {
    const build = await buildKnowledge(path.resolve('content'));
    const records = sitePlanRecords(build, { basePath: '/kho-tin/' }, 3);
    const plan = planShards(records, { singleIndexLimit: 10, bucketTarget: 8, archiveBucketTarget: 8, coreMinArticles: 3 });
    expect(plan.tiered).toBe(true);
    const coreUrls = plan.shards.filter((s) => s.tier === 'core').flatMap((s) => s.records.map((i) => records[i]!.url));
    const documents = build.kb.entities.filter((e) => e.type === 'document');
    expect(documents.length).toBeGreaterThan(0);
    for (const d of documents) expect(coreUrls).toContain(`/kho-tin${entityPath(d.id)}`);
    expect(coreUrls.every((u) => u.startsWith('/kho-tin/') && !u.includes('/bai-viet/'))).toBe(true);

    const manifest = shardManifest(plan, '/kho-tin/');
    expect(manifest.core.bundles[0]).toBe('/kho-tin/pagefind/');
    expect(manifest.archive!.articles).toBe(build.kb.articles.length);
    expect(manifest.records).toBe(build.kb.articles.length + build.kb.entities.length - plan.unindexed);
    expect(plan.unindexed).toBe(build.kb.entities.filter((e) => e.type !== 'document' && e.articles.length < 3).length);
    expect(parseShardManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });
});

describe('parseShardManifest', () => {
  it('names what is wrong in a damaged manifest', () => {
    expect(() => parseShardManifest({ version: 2 })).toThrow(/shards\.json: unknown version 2/);
    expect(() => parseShardManifest({ version: 1, core: { bundles: [], records: 0, articles: 0 } })).toThrow(/core\.bundles/);
    expect(() => parseShardManifest({ version: 1, core: { bundles: ['/pagefind/'], records: 1, articles: 0 }, archive: { bundles: ['/x'], records: 1, articles: 1 } }))
      .toThrow(/archive\.bundles/);
  });
});
