/**
 * A content-addressed cache kept between builds in .cache/build (or
 * $KHO_TIN_CACHE_DIR). Keys are hashes of everything a value depends on, so a
 * stale entry is never read: it is simply never asked for again.
 * `KHO_TIN_CACHE=0` turns it off.
 *
 * Storage: per namespace, 16 pack files (by the key's first hex digit) of JSON
 * lines `[key, value]`. A build reads a pack the first time it asks for one of
 * its keys and, at flush(), rewrites every pack with exactly the entries this
 * build used or added, so the cache holds the current content and nothing
 * older. One file per entry was tried first: creating two small files per
 * article was half the time of a clean extraction.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export function hashOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

const SHARDS = 16;

interface Pack {
  /** Entries read from disk: key → JSON text (parsed only when asked for). */
  stored: Map<string, string>;
  /** Entries this build used or added: what flush() writes. */
  next: Map<string, string>;
}

export class BuildCache {
  readonly dir: string;
  readonly enabled: boolean;
  hits = 0;
  misses = 0;
  private readonly packs = new Map<string, Pack>();

  constructor(dir = process.env.KHO_TIN_CACHE_DIR ?? path.resolve('.cache/build'), enabled = process.env.KHO_TIN_CACHE !== '0') {
    this.dir = dir;
    this.enabled = enabled;
  }

  private packFile(namespace: string, shard: string): string {
    return path.join(this.dir, namespace, `${shard}.jsonl`);
  }

  private pack(namespace: string, key: string): Pack {
    const shard = (Number.parseInt(key[0] ?? '0', 16) % SHARDS).toString(16);
    const id = `${namespace}/${shard}`;
    let pack = this.packs.get(id);
    if (!pack) {
      pack = { stored: new Map(), next: new Map() };
      let text = '';
      try {
        text = readFileSync(this.packFile(namespace, shard), 'utf8');
      } catch {
        // no pack yet: an empty cache
      }
      for (const line of text.split('\n')) {
        if (!line) continue;
        const comma = line.indexOf(',');
        // Line format: ["<64 hex key>",<value JSON>]
        if (line[0] !== '[' || line[1] !== '"' || comma !== 67 || !line.endsWith(']')) continue;
        pack.stored.set(line.slice(2, 66), line.slice(comma + 1, -1));
      }
      this.packs.set(id, pack);
    }
    return pack;
  }

  get<T>(namespace: string, key: string): T | undefined {
    if (!this.enabled) return undefined;
    const pack = this.pack(namespace, key);
    const json = pack.next.get(key) ?? pack.stored.get(key);
    if (json === undefined) {
      this.misses++;
      return undefined;
    }
    try {
      const value = JSON.parse(json) as T;
      pack.next.set(key, json);
      this.hits++;
      return value;
    } catch {
      this.misses++; // a damaged line is a miss, never an error
      return undefined;
    }
  }

  set(namespace: string, key: string, value: unknown): void {
    if (!this.enabled) return;
    this.pack(namespace, key).next.set(key, JSON.stringify(value));
  }

  /** Rewrites the packs this build touched with the entries it used or added. */
  async flush(): Promise<void> {
    if (!this.enabled) return;
    for (const [id, pack] of this.packs) {
      const [namespace, shard] = id.split('/') as [string, string];
      const file = this.packFile(namespace, shard);
      mkdirSync(path.dirname(file), { recursive: true });
      const lines: string[] = [];
      for (const [key, json] of pack.next) lines.push(`["${key}",${json}]\n`);
      // Write then rename, so a build killed mid-write never leaves a half pack behind.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, lines.join(''));
      await rename(tmp, file);
    }
  }
}

/**
 * A fingerprint of the code and data that extraction depends on: the project's
 * data/ files and the extraction/text source files. Any edit to them changes
 * every cache key, so results computed by older code are never reused.
 */
export function pipelineFingerprint(root = process.cwd()): string {
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
  for (const dir of ['data', 'src/lib/extract', 'src/lib/text', 'src/lib/render', 'src/lib/content']) walk(path.join(root, dir));
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(root, f)).update(readFileSync(f));
  return h.digest('hex');
}
