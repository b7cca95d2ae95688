/**
 * The shard plan of the search index (pure, deterministic, browser-safe).
 *
 * A small site gets ONE Pagefind bundle at pagefind/, as always. Past
 * SINGLE_INDEX_LIMIT records, Pagefind's meta file alone (about 9 bytes per
 * page, gzip'd, every page listed) outgrows a first search's budget, so the
 * index is split in two tiers:
 *  - core: every document and every entity named in ≥ CORE_MIN_ARTICLES
 *    articles: the knowledge base people look for first; searched first;
 *  - archive: the articles; searched when no core page is named by the query,
 *    on request, or when a filter or sort needs articles.
 * The other entities (named in one or two articles: 40,000 of the corpus's
 * 51,000) are in neither: their 40,000 entries in a meta file would cost every
 * search of the archive 300 KB, and their names are found in their articles,
 * which link to them.
 *
 * Each tier is cut into 2^k buckets by a stable hash of the record URL, so that
 * adding one article changes only its own archive bucket and the core (their
 * Pagefind output is cached by content, see index-site.ts). Few, large
 * buckets: a query costs every bundle it searches one index chunk per word, and
 * a chunk of a small bundle is not much smaller than one of a large bundle
 * (docs/benchmarks.md, "Search over the whole archive").
 *
 * The first core bucket is the primary bundle at pagefind/ (Pagefind's JS and
 * wasm); every other bucket is a bundle of index data at pagefind/shards/<id>/
 * that the browser merges with mergeIndex. The archive is searched by an
 * instance of its own whose base is the first archive bucket, which keeps
 * Pagefind's wasm for it (so that a search of the archive does not load the
 * core again).
 */

export type Tier = 'core' | 'archive';

/** What the plan needs to know of a record. */
export interface PlanRecord {
  url: string;
  /** An article page (archive tier), or an entity page. */
  article: boolean;
  /** An entity page that belongs in the core tier (a document, or named in enough articles). */
  core: boolean;
}

export interface ShardLimits {
  /** At most this many records: one bundle, no tiers. */
  singleIndexLimit: number;
  /** Records aimed at per core bucket (the bucket count is the next power of two of records / this). */
  bucketTarget: number;
  /** Articles aimed at per archive bucket. */
  archiveBucketTarget: number;
  /** An entity named in at least this many articles is in the core tier. */
  coreMinArticles: number;
}

/**
 * Measured at the whole corpus (docs/benchmarks.md, "Search over the whole
 * archive"): the core (about 11,000 entities) in one bundle keeps a first query
 * under 300 KB; the archive's 36,000 articles in two bundles keep a search of
 * the archive near stock Pagefind's bytes while a new article re-indexes half
 * of them.
 */
export const DEFAULT_LIMITS: ShardLimits = { singleIndexLimit: 8_000, bucketTarget: 16_000, archiveBucketTarget: 20_000, coreMinArticles: 3 };

/** Limits from the environment (tests force tiers on a small site), over the defaults. */
export function limitsFromEnv(env: Record<string, string | undefined>): ShardLimits {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw}: expected a whole number ≥ ${min}`);
    return n;
  };
  return {
    singleIndexLimit: read('KHO_TIN_SEARCH_SINGLE_LIMIT', DEFAULT_LIMITS.singleIndexLimit, 0),
    bucketTarget: read('KHO_TIN_SEARCH_BUCKET_TARGET', DEFAULT_LIMITS.bucketTarget, 1),
    archiveBucketTarget: read('KHO_TIN_SEARCH_ARCHIVE_BUCKET_TARGET', DEFAULT_LIMITS.archiveBucketTarget, 1),
    coreMinArticles: read('KHO_TIN_SEARCH_CORE_MIN', DEFAULT_LIMITS.coreMinArticles, 1),
  };
}

export interface Shard {
  /** "all-0" for the single bundle, else "<tier>-<bucket>". */
  id: string;
  tier: Tier;
  bucket: number;
  /** The bundle directory relative to the site root: "pagefind" or "pagefind/shards/<id>". */
  dir: string;
  /** The bundle that carries Pagefind's JS and wasm (pagefind/). */
  primary: boolean;
  /** Indexes into the planned records, in record order. */
  records: number[];
  articles: number;
}

export interface ShardPlan {
  /** False: one bundle over everything (the site is small). */
  tiered: boolean;
  /** The primary first, then the other core shards, then the archive shards, by bucket. */
  shards: Shard[];
  /** Records in no shard: on a site with tiers, the entities outside the core. */
  unindexed: number;
}

/** 32-bit FNV-1a over the UTF-16 code units of the URL: stable across builds and machines. */
export function urlHash(url: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    h ^= url.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The next power of two ≥ ceil(n / target), at least 1. */
export function bucketCount(n: number, target: number): number {
  const wanted = Math.max(1, Math.ceil(n / target));
  let b = 1;
  while (b < wanted) b *= 2;
  return b;
}

function split(tier: Tier, members: number[], records: readonly PlanRecord[], target: number): Shard[] {
  const count = bucketCount(members.length, target);
  const buckets: number[][] = Array.from({ length: count }, () => []);
  // The low bits of the hash pick the bucket: doubling the count splits each bucket in two.
  for (const i of members) buckets[urlHash(records[i]!.url) & (count - 1)]!.push(i);
  return buckets.flatMap((recs, bucket) => recs.length === 0 ? [] : [{
    id: `${tier}-${bucket}`,
    tier,
    bucket,
    dir: `pagefind/shards/${tier}-${bucket}`,
    primary: false,
    records: recs,
    articles: recs.filter((i) => records[i]!.article).length,
  }]);
}

export function planShards(records: readonly PlanRecord[], limits: ShardLimits = DEFAULT_LIMITS): ShardPlan {
  const all = records.map((_, i) => i);
  const articles = records.filter((r) => r.article).length;
  if (records.length <= limits.singleIndexLimit) {
    return { tiered: false, shards: [{ id: 'all-0', tier: 'core', bucket: 0, dir: 'pagefind', primary: true, records: all, articles }], unindexed: 0 };
  }
  const core = all.filter((i) => !records[i]!.article && records[i]!.core);
  if (core.length === 0) {
    // A site of articles only: one tier, still split, searched whole.
    const shards = split('core', all, records, limits.bucketTarget);
    shards[0] = { ...shards[0]!, dir: 'pagefind', primary: true };
    return { tiered: false, shards, unindexed: 0 };
  }
  const coreShards = split('core', core, records, limits.bucketTarget);
  const archive = all.filter((i) => records[i]!.article);
  const archiveShards = split('archive', archive, records, limits.archiveBucketTarget);
  coreShards[0] = { ...coreShards[0]!, dir: 'pagefind', primary: true };
  return {
    tiered: archiveShards.length > 0,
    shards: [...coreShards, ...archiveShards],
    unindexed: records.length - core.length - archive.length,
  };
}

/**
 * The wasm Pagefind writes for a language it has no stemmer for (Vietnamese):
 * the search page preloads it with the page, and the first archive bundle keeps it.
 */
export const PAGEFIND_WASM = 'wasm.unknown.pagefind';
/** Files of the primary bundle the search page links to (modulepreload, preload): checked by the build once the index is written. */
export const SEARCH_LINKED_FILES = ['pagefind.js', PAGEFIND_WASM] as const;

// ---- The manifest the browser reads (pagefind/shards.json).

export const MANIFEST_FILE = 'shards.json';

export interface TierManifest {
  /** Bundle URLs with the base path, ending in "/"; the core's first is the primary bundle. */
  bundles: string[];
  records: number;
  articles: number;
}

export interface ShardManifest {
  version: 1;
  core: TierManifest;
  /** Null when the site has one tier. */
  archive: TierManifest | null;
  /** Every record of the site (core + archive). */
  records: number;
  articles: number;
}

export function shardManifest(plan: ShardPlan, basePath: string): ShardManifest {
  const base = basePath.endsWith('/') ? basePath : basePath + '/';
  const tier = (t: Tier): TierManifest | null => {
    const shards = plan.shards.filter((s) => s.tier === t);
    if (shards.length === 0) return null;
    return {
      bundles: shards.map((s) => `${base}${s.dir}/`),
      records: shards.reduce((n, s) => n + s.records.length, 0),
      articles: shards.reduce((n, s) => n + s.articles, 0),
    };
  };
  const core = tier('core')!;
  const archive = plan.tiered ? tier('archive') : null;
  return {
    version: 1,
    core,
    archive,
    records: core.records + (archive?.records ?? 0),
    articles: core.articles + (archive?.articles ?? 0),
  };
}

/** Reads a manifest fetched by the browser; anything unexpected is an error naming what is wrong. */
export function parseShardManifest(json: unknown): ShardManifest {
  const fail = (what: string): never => {
    throw new Error(`pagefind/${MANIFEST_FILE}: ${what}`);
  };
  const tier = (v: unknown, name: string): TierManifest => {
    if (typeof v !== 'object' || v === null) return fail(`${name} is not an object`);
    const t = v as Record<string, unknown>;
    if (!Array.isArray(t.bundles) || t.bundles.length === 0 || !t.bundles.every((b) => typeof b === 'string' && b.endsWith('/'))) {
      return fail(`${name}.bundles must be a non-empty list of paths ending in "/"`);
    }
    if (typeof t.records !== 'number' || typeof t.articles !== 'number') return fail(`${name}.records and ${name}.articles must be numbers`);
    return { bundles: t.bundles as string[], records: t.records, articles: t.articles };
  };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const m = json as Record<string, unknown>;
  if (m.version !== 1) return fail(`unknown version ${String(m.version)}`);
  const core = tier(m.core, 'core');
  const archive = m.archive === null || m.archive === undefined ? null : tier(m.archive, 'archive');
  return {
    version: 1,
    core,
    archive,
    records: typeof m.records === 'number' ? m.records : core.records + (archive?.records ?? 0),
    articles: typeof m.articles === 'number' ? m.articles : core.articles + (archive?.articles ?? 0),
  };
}
