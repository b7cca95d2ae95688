/**
 * A content-addressed cache kept between builds in .cache/build (or
 * $KHO_TIN_CACHE_DIR). Keys are hashes of everything a value depends on, so a
 * stale entry is never read: it is simply never asked for again.
 * `KHO_TIN_CACHE=0` turns it off.
 *
 * Storage: per namespace, 16 pack files (by the key's first hex digit) of JSON
 * lines `["<key>",<value>]`. A build reads a pack the first time it asks for one
 * of its keys, and streams every entry it uses or adds into that pack's next
 * version as it goes; flush() swaps the new packs in. So the cache holds exactly
 * what the last build used, and a clean build holds no cache entry in memory.
 * (One file per entry was tried first: creating two small files per article
 * was half the time of a clean extraction.)
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';

export function hashOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

const SHARDS = 16;

interface Pack {
  /** The previous build's entries not yet asked for: key → JSON text. */
  stored: Map<string, string>;
  /** The next version of the pack, written as entries are used or added. */
  fd: number;
  /** Lines not yet written: one write per ~1 MB rather than one per entry (200,000 entries in a corpus build). */
  pending: string[];
  pendingChars: number;
  tmp: string;
  file: string;
}

export class BuildCache {
  readonly dir: string;
  readonly enabled: boolean;
  hits = 0;
  misses = 0;
  private readonly packs = new Map<string, Pack>();

  constructor(dir = cacheDirFromEnv(), enabled = cacheEnabledFromEnv()) {
    this.dir = dir;
    this.enabled = enabled;
  }

  private pack(namespace: string, key: string): Pack {
    const shard = (Number.parseInt(key[0] ?? '0', 16) % SHARDS).toString(16);
    const id = `${namespace}/${shard}`;
    let pack = this.packs.get(id);
    if (!pack) {
      const file = path.join(this.dir, namespace, `${shard}.jsonl`);
      const stored = new Map<string, string>();
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        // no pack yet: an empty cache
      }
      for (const line of text.split('\n')) {
        // Line format: ["<64 hex key>",<value JSON>]
        if (line.length < 70 || line[0] !== '[' || line[1] !== '"' || line[66] !== '"' || line[67] !== ',' || !line.endsWith(']')) continue;
        stored.set(line.slice(2, 66), line.slice(68, -1));
      }
      mkdirSync(path.dirname(file), { recursive: true });
      // Written then renamed by flush(), so a build killed midway leaves the old pack in place.
      const tmp = `${file}.${process.pid}.tmp`;
      pack = { stored, fd: openSync(tmp, 'w'), pending: [], pendingChars: 0, tmp, file };
      this.packs.set(id, pack);
    }
    return pack;
  }

  /** The stored JSON of `key`, taken out of the previous pack (a miss when absent). */
  private take(namespace: string, key: string): { pack: Pack; json: string } | undefined {
    if (!this.enabled) return undefined;
    const pack = this.pack(namespace, key);
    const json = pack.stored.get(key);
    if (json === undefined) {
      this.misses++;
      return undefined;
    }
    pack.stored.delete(key);
    return { pack, json };
  }

  get<T>(namespace: string, key: string): T | undefined {
    const found = this.take(namespace, key);
    if (!found) return undefined;
    try {
      const value = JSON.parse(found.json) as T;
      this.append(found.pack, `["${key}",${found.json}]\n`);
      this.hits++;
      return value;
    } catch {
      this.misses++; // a damaged line is a miss, never an error
      return undefined;
    }
  }

  /**
   * Like get(), but the value is parsed only when the returned function is called:
   * the entry is carried into the next pack as it is. For large values most builds
   * never look at (the HTML of every article, when few pages render).
   */
  lazy<T>(namespace: string, key: string): (() => T) | undefined {
    const found = this.take(namespace, key);
    if (!found) return undefined;
    this.append(found.pack, `["${key}",${found.json}]\n`);
    this.hits++;
    return () => JSON.parse(found.json) as T;
  }

  set(namespace: string, key: string, value: unknown): void {
    if (!this.enabled) return;
    this.append(this.pack(namespace, key), `["${key}",${JSON.stringify(value)}]\n`);
  }

  private append(pack: Pack, line: string): void {
    pack.pending.push(line);
    pack.pendingChars += line.length;
    if (pack.pendingChars >= 1 << 20) this.writePending(pack);
  }

  private writePending(pack: Pack): void {
    if (pack.pending.length === 0) return;
    writeSync(pack.fd, pack.pending.join(''));
    pack.pending = [];
    pack.pendingChars = 0;
  }

  /** Swaps in the packs this build wrote. */
  async flush(): Promise<void> {
    for (const pack of this.packs.values()) {
      this.writePending(pack);
      closeSync(pack.fd);
      await rename(pack.tmp, pack.file);
    }
    this.packs.clear();
  }
}

/** The source folders extraction depends on, besides data/. */
const EXTRACTION_DIRS = ['data', 'src/lib/extract', 'src/lib/text', 'src/lib/render', 'src/lib/content'];

/**
 * A fingerprint of the code and data that extraction depends on: the project's
 * data/ files and the extraction/text source files. Any edit to them changes
 * every cache key, so results computed by older code are never reused.
 */
export function pipelineFingerprint(root = process.cwd()): string {
  return sourceFingerprint(EXTRACTION_DIRS, root);
}

/**
 * A fingerprint of source files and folders (relative to `root`): for a result
 * that depends on more code than extraction (search records: src/lib/search;
 * article HTML: the entity paths it links to), combined with pipelineFingerprint.
 */
export function sourceFingerprint(paths: readonly string[], root = process.cwd()): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  const visit = (p: string): void => {
    try {
      if (statSync(p).isFile()) files.push(p);
      else walk(p);
    } catch {
      // not there: nothing to fingerprint
    }
  };
  for (const p of paths) visit(path.join(root, p));
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(root, f)).update(readFileSync(f));
  return h.digest('hex');
}

/** Astro's incremental-build manifest, in its cache folder: which page had which cache key and output file. */
export const ASTRO_MANIFEST = 'incremental-build.json';

/**
 * Astro's cache folder (its incremental-build manifest and the copies of the pages
 * it can reuse): inside our cache folder, so one folder (and one CI cache) holds
 * everything a warm build needs. Null when caching is off.
 */
export function astroCacheDir(env: Record<string, string | undefined> = process.env): string | null {
  return cacheEnabledFromEnv(env) ? path.join(cacheDirFromEnv(env), 'astro') : null;
}

/** The build's cache folder, absolute: $KHO_TIN_CACHE_DIR or .cache/build. Every cache of the build lives in it. */
export function cacheDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.KHO_TIN_CACHE_DIR ?? '.cache/build');
}

/** False when KHO_TIN_CACHE=0 turns every cache off. */
export function cacheEnabledFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  return env.KHO_TIN_CACHE !== '0';
}
