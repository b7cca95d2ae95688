/**
 * Builds the Pagefind index of the site through Pagefind's Node API, from the
 * knowledge base (articles and entity pages), into <outDir>/pagefind/.
 * Each page is indexed as synthesized HTML (records.ts) so that weights,
 * filters, sorts and the đ folding are under our control.
 *
 * A large site is split into shards (shards.ts): one Pagefind index per shard,
 * all fed from one pass over the records through one Pagefind service, each
 * written to its own bundle directory. A shard whose records did not change
 * since the last build is moved over from the old index or linked from the
 * build cache (shard-cache.ts), without generating its records.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { KnowledgeBuild } from '../pipeline.ts';
import { hashOf } from '../infra/cache.ts';
import { codeDigest } from '../infra/code-digest.ts';
import { packageVersion } from '../infra/package-version.ts';
import { walkFiles } from '../infra/walk.ts';
import { withBase, type SiteConfig } from '../model/site-config.ts';
import { articlePath, entityPath } from '../model/paths.ts';
import { articleRecord, entityContext, entityRecord, entityRecordIdentity, type SearchRecord } from './records.ts';
import { documentSearchKeys, referenceToken } from './document-keys.ts';
import {
  MANIFEST_FILE, PAGEFIND_WASM, limitsFromEnv, planShards, shardManifest, type PlanRecord, type ShardLimits, type ShardPlan,
} from './shards.ts';
import { PRIMARY_FOREIGN, ShardCache } from './shard-cache.ts';

export interface SearchIndexStats {
  pages: number;
  articles: number;
  entities: number;
  /** Total size of the written bundles (index, fragments, filters, Pagefind's JS and wasm). */
  bytes: number;
  /** Size of the index data alone (index/, fragment/, filter/ and the meta files). */
  indexBytes: number;
  files: number;
  ms: number;
  /** Bundles written (1 for a small site). */
  shards: number;
  /** Bundles copied from the build cache, and bundles indexed by Pagefind. */
  reused: number;
  indexed: number;
  /** Records in the core tier (all of them for a small site) and in the archive tier. */
  coreRecords: number;
  archiveRecords: number;
  /** Entity pages in no bundle: on a site with tiers, those outside the core (shards.ts). */
  unindexed: number;
  /**
   * Where the time went (ms): the shard plan; cache keys; cached bundles moved or
   * linked in; records generated and added to Pagefind; bundles written (and
   * stored in the cache); the cache pruned, the manifest written and the index measured.
   */
  phases: { plan: number; keys: number; restore: number; add: number; write: number; finish: number };
}

export interface SearchIndexOptions {
  site: Pick<SiteConfig, 'basePath'>;
  /**
   * Records in flight at once. The Pagefind service handles them in order; a deep
   * queue keeps it busy while the event loop renders pages (with 16 in flight,
   * adding 12,000 records took 16 s beside the pages, against 6 s alone). The
   * records of an incremental build all fit; a clean build's 66,000 (110 MB of
   * HTML) go in four waves.
   */
  concurrency?: number;
  /**
   * Called once Pagefind has work queued for a while: when the records to index
   * are all sent, or as many as `concurrency`; or when there is nothing to index.
   * The build holds the pages back until then (page-data.ts), so that the search
   * index, the longest part of an incremental build, starts first.
   */
  onQueued?: () => void;
  /** Shard limits; default from the environment (KHO_TIN_SEARCH_*), see shards.ts. */
  limits?: ShardLimits;
  /** Shard bundles kept between builds; default per KHO_TIN_CACHE_DIR / KHO_TIN_CACHE. */
  cache?: ShardCache;
  /**
   * Bundles written by Pagefind at once (default from KHO_TIN_SEARCH_WRITE_CONCURRENCY,
   * else 4). One at a time, each next write waits for the event loop, which the
   * pages hold for seconds at a stretch: 4 bundles of an incremental build took
   * 10 s to write beside the pages, against 3.9 s alone.
   */
  writeConcurrency?: number;
  /** The last build's dist/pagefind, moved aside (src/lib/build/output.ts): its unchanged bundles are moved in. */
  previousOutput?: string | null;
}

/** Top-level files of a merged bundle the browser reads (pagefind.js's mergeIndex: entry, meta, index/, filter/, fragment/). */
const MERGED_BUNDLE_KEEP = /^(pagefind-entry\.json|pagefind\.[^/]*\.pf_meta|index|filter|fragment)$/;

/**
 * One record of the site before its HTML exists. An article's HTML is the costly
 * part of indexing on the Node side (every word of the body folded), so a
 * shard's cache key is made from what the HTML is a function of, and the HTML
 * is generated only for the shards that are indexed.
 */
export interface PendingRecord {
  url: string;
  /**
   * What the HTML depends on besides the code (the shard key adds a fingerprint
   * of it): an article's file hash and reference tokens; an entity's own fields,
   * the names of its parent and place, and its facets (records.ts).
   */
  identity(): string;
  html(): string;
}

/** Every record of the site, in index order: articles, then entities. */
export function pendingSiteRecords(build: KnowledgeBuild, site: Pick<SiteConfig, 'basePath'>): PendingRecord[] {
  const config = { siteUrl: '', basePath: site.basePath };
  const ctx = entityContext(build.kb);
  // Reference tokens per document entity, computed once (an article lists the entities it mentions).
  const refsOfDocument = new Map<string, string[]>();
  const refsOf = (entityId: string): string[] => {
    const entity = ctx.entitiesById.get(entityId);
    if (!entity || entity.type !== 'document') return [];
    let refs = refsOfDocument.get(entityId);
    if (!refs) refsOfDocument.set(entityId, (refs = documentSearchKeys(entity).map(referenceToken)));
    return refs;
  };
  const records: PendingRecord[] = [];
  for (const article of build.kb.articles) {
    const url = withBase(config, articlePath(article.id));
    const built = build.articles.get(article.id);
    const refs = [...new Set(article.entities.flatMap(refsOf))];
    const html = () => articleRecord(article, built ? built.text : { text: '', blocks: [] }, url, refs).html;
    records.push({ url, html, identity: built ? () => `article\u0000${built.file.hash}\u0000${refs.join(' ')}` : html });
  }
  for (const entity of build.kb.entities) {
    const url = withBase(config, entityPath(entity.id));
    records.push({ url, html: () => entityRecord(entity, ctx, url).html, identity: () => `entity\u0000${entityRecordIdentity(entity, ctx)}` });
  }
  return records;
}

/** Every record of the site with its HTML, generated one at a time. */
export function* siteRecords(build: KnowledgeBuild, site: Pick<SiteConfig, 'basePath'>): Generator<SearchRecord> {
  for (const r of pendingSiteRecords(build, site)) yield { url: r.url, html: r.html() };
}

/** What the shard plan needs of each record, in siteRecords' order. */
export function sitePlanRecords(build: KnowledgeBuild, site: Pick<SiteConfig, 'basePath'>, coreMinArticles: number): PlanRecord[] {
  const config = { siteUrl: '', basePath: site.basePath };
  return [
    ...build.kb.articles.map((a) => ({ url: withBase(config, articlePath(a.id)), article: true, core: false })),
    ...build.kb.entities.map((e): PlanRecord => ({
      url: withBase(config, entityPath(e.id)),
      article: false,
      core: e.type === 'document' || e.articles.length >= coreMinArticles,
    })),
  ];
}

/**
 * Files and bytes of the written index, and the bytes of index data alone
 * (index/, fragment/, filter/ and the meta files). One synchronous walk: the
 * promise API took seconds over the 68,000 files of the whole corpus.
 */
function indexSize(root: string): { bytes: number; files: number; indexBytes: number } {
  const out = { bytes: 0, files: 0, indexBytes: 0 };
  for (const file of walkFiles(root)) {
    const size = statSync(file.full).size;
    const parent = path.basename(path.dirname(file.full));
    out.bytes += size;
    out.files++;
    if (file.name.endsWith('.pf_meta') || parent === 'index' || parent === 'fragment' || parent === 'filter') out.indexBytes += size;
  }
  return out;
}

/**
 * Cache keys of the shards: Pagefind's version, the base path, the fingerprint
 * of the code that writes records, the shard's role and every record (URL and
 * identity) in order.
 */
function shardKeys(plan: ShardPlan, shardOf: Int32Array, records: readonly PendingRecord[], version: string, basePath: string, code: string): string[] {
  const hashes = plan.shards.map((s) => createHash('sha256').update(`pagefind ${version}\0base ${basePath}\0code ${code}\0${s.primary ? 'primary' : 'merged'}\0`));
  records.forEach((r, i) => {
    hashes[shardOf[i]!]?.update(r.url).update('\0').update(r.identity()).update('\0');
  });
  return hashes.map((h) => h.digest('hex'));
}

/** Runs `task` over `items`, `limit` at a time, in order of start. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The shard plan of a site, and the shard of each record (in siteRecords order). */
function planSite(build: KnowledgeBuild, site: Pick<SiteConfig, 'basePath'>, limits: ShardLimits): { plan: ShardPlan; shardOf: Int32Array } {
  const planRecords = sitePlanRecords(build, site, limits.coreMinArticles);
  const plan = planShards(planRecords, limits);
  const shardOf = new Int32Array(planRecords.length).fill(-1); // -1: in no shard (plan.unindexed)
  plan.shards.forEach((shard, si) => { for (const i of shard.records) shardOf[i] = si; });
  return { plan, shardOf };
}

export async function buildSearchIndex(outDir: string, build: KnowledgeBuild, options: SearchIndexOptions): Promise<SearchIndexStats> {
  const started = performance.now();
  const limits = options.limits ?? limitsFromEnv(process.env);
  const cache = options.cache ?? new ShardCache();
  await cache.usePrevious(options.previousOutput ?? null);
  const writeConcurrency = options.writeConcurrency ?? (Number(process.env.KHO_TIN_SEARCH_WRITE_CONCURRENCY) || 4);
  const basePath = options.site.basePath;

  const { plan, shardOf } = planSite(build, options.site, limits);

  const bundleRoot = path.join(outDir, 'pagefind');
  await rm(bundleRoot, { recursive: true, force: true });

  // Pass 1 (cache on): the key of each shard, and the unchanged bundles put in place.
  // Pass 2: index the shards the cache does not hold. (Pagefind writes into its
  // bundle directory without emptying it, so the order of the two does not matter.)
  const phases = { plan: 0, keys: 0, restore: 0, add: 0, write: 0, finish: 0 };
  let mark = started;
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += Math.round(now - mark);
    mark = now;
  };
  lap('plan');
  const records = pendingSiteRecords(build, options.site);
  const keys = cache.enabled ? shardKeys(plan, shardOf, records, packageVersion('pagefind'), basePath, codeDigest(['src/lib/search/index-site.ts'])) : null;
  lap('keys');
  const cached = new Set<number>();
  let pages = 0;
  if (keys) {
    for (const [si, key] of keys.entries()) {
      const shard = plan.shards[si]!;
      if (!(await cache.restore(key, path.join(outDir, shard.dir), shard.dir))) continue;
      cached.add(si);
      pages += shard.records.length;
    }
  }
  const missing = plan.shards.map((_, si) => si).filter((si) => !cached.has(si));
  lap('restore');
  if (missing.length === 0) options.onQueued?.();

  if (missing.length > 0) {
    const indexes = new Map<number, pagefind.PagefindIndex>();
    try {
      for (const si of missing) {
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
        if (!index) throw new Error(`Pagefind could not create an index: ${errors.join('; ')}`);
        indexes.set(si, index);
      }
      const concurrency = options.concurrency ?? 16_384;
      const inFlight = new Set<Promise<void>>();
      const failures: string[] = [];
      for (const [i, record] of records.entries()) {
        const index = indexes.get(shardOf[i]!);
        if (!index) continue;
        const p: Promise<void> = index.addHTMLFile({ url: record.url, content: record.html() }).then((res) => {
          if (res.errors.length) failures.push(`${record.url}: ${res.errors.join('; ')}`);
          else pages++;
        }).finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= concurrency) {
          options.onQueued?.();
          await Promise.race(inFlight);
        }
      }
      options.onQueued?.();
      await Promise.all(inFlight);
      if (failures.length) throw new Error(`Pagefind rejected ${failures.length} page(s):\n  ${failures.slice(0, 20).join('\n  ')}`);
      lap('add');

      const firstArchive = plan.shards.find((s) => s.tier === 'archive');
      const writeOne = async (si: number) => {
        const shard = plan.shards[si]!;
        const dir = path.join(outDir, shard.dir);
        const written = await indexes.get(si)!.writeFiles({ outputPath: dir });
        if (written.errors.length) throw new Error(`Pagefind could not write ${dir}: ${written.errors.join('; ')}`);
        await indexes.get(si)!.deleteIndex();
        indexes.delete(si);
        // The first archive bundle is also the base of the archive's own instance (shards.ts): it keeps the wasm.
        if (!shard.primary) await pruneMergedBundle(dir, shard === firstArchive);
        // The primary's directory also holds the other bundles (shards/) and the manifest: not its own.
        if (keys) await cache.store(keys[si]!, dir, shard.primary ? PRIMARY_FOREIGN : undefined);
      };
      await eachLimited(missing, writeConcurrency, writeOne);
      lap('write');
    } finally {
      for (const index of indexes.values()) await index.deleteIndex().catch(() => undefined);
      await pagefind.close();
    }
  }
  await cache.prune();
  if (keys) await cache.recordOutput(Object.fromEntries(plan.shards.map((s, si) => [s.dir, keys[si]!])));

  const manifest = shardManifest(plan, basePath);
  await writeFile(path.join(bundleRoot, MANIFEST_FILE), JSON.stringify(manifest));

  const total = indexSize(bundleRoot);
  lap('finish');
  return {
    pages,
    articles: build.kb.articles.length,
    entities: build.kb.entities.length,
    bytes: total.bytes,
    indexBytes: total.indexBytes,
    files: total.files,
    ms: Math.round(performance.now() - started),
    shards: plan.shards.length,
    reused: cached.size,
    indexed: missing.length,
    coreRecords: manifest.core.records,
    archiveRecords: manifest.archive?.records ?? 0,
    unindexed: plan.unindexed,
    phases,
  };
}

/** A merged bundle keeps only what mergeIndex loads (and the archive's base its wasm): no JS, UI or CSS. */
async function pruneMergedBundle(dir: string, keepWasm: boolean): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!MERGED_BUNDLE_KEEP.test(name) && !(keepWasm && name === PAGEFIND_WASM)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}
