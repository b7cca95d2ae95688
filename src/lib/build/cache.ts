/**
 * A content-addressed cache kept between builds in .cache/build (or
 * $KHO_TIN_CACHE_DIR): one JSON file per key, sharded by the key's first two hex
 * digits. Keys are hashes of everything the value depends on, so a stale entry
 * is never read: it is simply never asked for again. `KHO_TIN_CACHE=0` turns it off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, readdirSync, statSync, renameSync } from 'node:fs';
import path from 'node:path';

export function hashOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

export class BuildCache {
  readonly dir: string;
  readonly enabled: boolean;
  hits = 0;
  misses = 0;

  constructor(dir = process.env.KHO_TIN_CACHE_DIR ?? path.resolve('.cache/build'), enabled = process.env.KHO_TIN_CACHE !== '0') {
    this.dir = dir;
    this.enabled = enabled;
  }

  private file(namespace: string, key: string): string {
    return path.join(this.dir, namespace, key.slice(0, 2), key + '.json');
  }

  get<T>(namespace: string, key: string): T | undefined {
    if (!this.enabled) return undefined;
    try {
      const value = JSON.parse(readFileSync(this.file(namespace, key), 'utf8')) as T;
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  set(namespace: string, key: string, value: unknown): void {
    if (!this.enabled) return;
    const file = this.file(namespace, key);
    mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename, so a build killed mid-write never leaves a half file behind.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
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
