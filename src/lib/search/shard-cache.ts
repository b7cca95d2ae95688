/**
 * Written Pagefind bundles kept between builds, one directory per shard under
 * <cache dir>/search/<key>/, the key being a hash of everything the bundle's
 * bytes depend on (Pagefind's version, the base path, the shard's role and its
 * ordered records). A shard whose key is there is moved over from the previous
 * output (the old dist/pagefind, when it holds that key) or linked in from the
 * cache instead of being indexed again; directories the build did not use are
 * dropped at the end, so the cache holds what the last build wrote (as
 * src/lib/build/cache.ts does).
 *
 * Files are hard-linked both ways (dist ⇄ cache) when the file system allows,
 * else copied: a bundle of the whole corpus is 66,000 files. Nothing rewrites a
 * bundle file in place (each build writes its index into a fresh staging folder
 * and Pagefind writes new files), so a link never lets one side change the other.
 */
import { copyFile, link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDirFromEnv, cacheEnabledFromEnv } from '../build/cache.ts';
import { MANIFEST_FILE } from './shards.ts';

/** Names of cache entries: 64 hex digits. */
const KEY_RE = /^[0-9a-f]{64}$/;
/** Which key each bundle directory of the last build's output was written for. */
const OUTPUT_KEYS_FILE = 'output-keys.json';
/** What a primary bundle's directory holds that is not its own: the other bundles and the manifest. */
export const PRIMARY_FOREIGN: ReadonlySet<string> = new Set(['shards', MANIFEST_FILE]);

/** The last build's index, moved out of dist/ (src/lib/build/output.ts): bundles there are renamed into place, not linked. */
interface PreviousOutput {
  /** The old dist/pagefind. */
  root: string;
  /** Bundle directory ("pagefind/shards/archive-3") → key. */
  keys: Record<string, string>;
}

export class ShardCache {
  readonly dir: string;
  readonly enabled: boolean;
  private readonly used = new Set<string>();
  private previous: PreviousOutput | null = null;

  constructor(
    cacheRoot = cacheDirFromEnv(),
    enabled = cacheEnabledFromEnv(),
  ) {
    this.dir = path.join(cacheRoot, 'search');
    this.enabled = enabled;
  }

  async has(key: string): Promise<boolean> {
    if (!this.enabled) return false;
    try {
      return (await stat(path.join(this.dir, key))).isDirectory();
    } catch {
      return false;
    }
  }

  /** Offers the last build's index (its old dist/pagefind, moved aside) as the first place to take bundles from. */
  async usePrevious(root: string | null): Promise<void> {
    if (!this.enabled || !root) return;
    try {
      const keys = JSON.parse(await readFile(path.join(this.dir, OUTPUT_KEYS_FILE), 'utf8')) as Record<string, string>;
      this.previous = { root, keys };
    } catch {
      // no record of which bundle is which: use the cache
    }
  }

  /** Records which key each bundle directory of this build's output holds. */
  async recordOutput(keys: Record<string, string>): Promise<void> {
    if (!this.enabled) return;
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, OUTPUT_KEYS_FILE), JSON.stringify(keys));
  }

  /** Moves the previous output's bundle of `dir` into `target` when it was written for `key`. */
  private async takePrevious(key: string, dir: string, target: string): Promise<boolean> {
    if (!this.previous || this.previous.keys[dir] !== key) return false;
    const source = path.join(this.previous.root, path.relative('pagefind', dir));
    try {
      if (dir === 'pagefind') {
        await mkdir(target, { recursive: true });
        for (const name of await readdir(source)) {
          if (!PRIMARY_FOREIGN.has(name)) await rename(path.join(source, name), path.join(target, name));
        }
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(source, target);
      }
    } catch {
      await rm(target, { recursive: true, force: true });
      return false;
    }
    return true;
  }

  /**
   * Puts the bundle of `key` at `target` (the bundle directory `dir`, as in the
   * shard plan): moved from the previous output when it is there, else linked
   * from the cache. False when neither has it, or when the cached copy vanished
   * midway (another build sharing the cache pruned it): then `target` is removed
   * and the shard is indexed instead.
   */
  async restore(key: string, target: string, dir: string): Promise<boolean> {
    if (!this.enabled) return false;
    if (await this.takePrevious(key, dir, target)) {
      this.used.add(key);
      return true;
    }
    if (!(await this.has(key))) return false;
    try {
      await linkTree(path.join(this.dir, key), target);
    } catch {
      await rm(target, { recursive: true, force: true });
      return false;
    }
    this.used.add(key);
    return true;
  }

  /** Keeps the bundle written at `source` under `key` (`skip`: top-level names left out). */
  async store(key: string, source: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
    if (!this.enabled) return;
    this.used.add(key);
    const final = path.join(this.dir, key);
    const tmp = `${final}.${process.pid}.tmp`;
    try {
      await rm(tmp, { recursive: true, force: true });
      await linkTree(source, tmp, skip);
      await rename(tmp, final);
    } catch {
      // Already there (same key, same bytes), or another build sharing the cache pruned
      // our temporary copy: the cache only saves work, the bundle in dist/ is complete.
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Drops the cached bundles this build did not use (and leftovers of killed builds). */
  async prune(): Promise<number> {
    if (!this.enabled) return 0;
    let dropped = 0;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (KEY_RE.test(name) && this.used.has(name)) continue;
      if (!KEY_RE.test(name) && !name.endsWith('.tmp')) continue; // not ours
      await rm(path.join(this.dir, name), { recursive: true, force: true });
      dropped++;
    }
    return dropped;
  }
}

/** Hard-links (or copies) every file of `source` into `target`, creating directories. */
export async function linkTree(source: string, target: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  await mkdir(target, { recursive: true });
  const entries = await readdir(source, { withFileTypes: true });
  const files: [string, string][] = [];
  for (const entry of entries) {
    if (skip.has(entry.name)) continue;
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) await linkTree(from, to);
    else if (entry.isFile()) files.push([from, to]);
  }
  // A few at a time: a fragment directory holds thousands of files.
  const BATCH = 64;
  for (let i = 0; i < files.length; i += BATCH) {
    await Promise.all(files.slice(i, i + BATCH).map(async ([from, to]) => {
      try {
        await link(from, to);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') await rm(to, { force: true });
        await copyFile(from, to);
      }
    }));
  }
}
