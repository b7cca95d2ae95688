/**
 * Written Pagefind bundles kept between builds, one directory per shard under
 * <cache dir>/search/<key>/, the key being a hash of everything the bundle's
 * bytes depend on (Pagefind's version, the base path, the shard's role and its
 * ordered records). A shard whose key is there is moved over from the previous
 * output (the old dist/pagefind, when it holds that key) or linked in from the
 * cache instead of being indexed again; directories the build did not use are
 * dropped at the end, so the cache holds what the last build wrote (as
 * src/lib/infra/cache.ts does).
 *
 * Files are hard-linked both ways (dist ⇄ cache) when the file system allows,
 * else copied: a bundle of the whole corpus is 66,000 files. Nothing rewrites a
 * bundle file in place (each build writes its index into a fresh staging folder
 * and Pagefind writes new files), so a link never lets one side change the other.
 *
 * Each cached bundle holds the checksums of its files (CHECKSUMS_FILE, sealed,
 * written last: a store cut short leaves none, and a bundle without them is
 * never used). A bundle is verified before it is put in place, whether linked
 * from the cache or moved over from the previous output (against the cached
 * bundle's checksums of the same key; without them it is indexed again); one
 * that fails is reported once, deleted and indexed again. A file whose
 * signature (size, mtime, inode) is still the recorded one is not read: a
 * hard-linked bundle shares its inodes with the cache, so a rebuild pays a stat
 * per file (~66,000 at the corpus, ~0.3 s) and any file written since (an edit,
 * a truncation, a copy, a restored CI cache) is read and compared. Not caught:
 * a change below the file system that keeps size, mtime and inode; reading
 * every bundle file on every rebuild (~1 s more at the corpus) was judged too
 * dear for that.
 */
import { readdirSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { cacheDirFromEnv, cacheEnabledFromEnv, fileMatches, readSealedJson, recordFile, sealJson, warnDamaged, type FileRecord } from '../infra/cache.ts';
import { walkFiles, yielder } from '../infra/walk.ts';
import { MANIFEST_FILE } from './shards.ts';

/** Names of cache entries: 64 hex digits. */
const KEY_RE = /^[0-9a-f]{64}$/;
/** Which key each bundle directory of the last build's output was written for. */
const OUTPUT_KEYS_FILE = 'output-keys.json';
/** In a cached bundle: the checksum of each of its files (never linked into dist/). */
const CHECKSUMS_FILE = 'kho-tin-checksums.json';
const CHECKSUMS_ONLY: ReadonlySet<string> = new Set([CHECKSUMS_FILE]);
const NOTHING: ReadonlySet<string> = new Set();
/** What a primary bundle's directory holds that is not its own: the other bundles and the manifest. */
export const PRIMARY_FOREIGN: ReadonlySet<string> = new Set(['shards', MANIFEST_FILE]);

const OUTPUT_KEYS_SCHEMA = z.record(z.string(), z.string().regex(KEY_RE));

/** The last build's index, moved out of dist/ (src/integrations/output.ts): bundles there are renamed into place, not linked. */
interface PreviousOutput {
  /** The old dist/pagefind. */
  root: string;
  /** Bundle directory ("pagefind/shards/archive-3") → key. */
  keys: Record<string, string>;
}

/** Each file below `root` (but the top-level names in `skip`), relative with "/" separators. */
function* bundleFiles(root: string, skip: ReadonlySet<string>): Generator<{ rel: string; full: string }> {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(root, entry.name);
    if (entry.isFile()) yield { rel: entry.name, full };
    else if (entry.isDirectory()) for (const f of walkFiles(full)) yield { rel: `${entry.name}/${f.rel}`, full: f.full };
  }
}

/** The record of every file of a bundle (sync reads, the event loop running between files). */
async function recordBundle(root: string): Promise<Record<string, FileRecord>> {
  const pause = yielder();
  const files: Record<string, FileRecord> = {};
  for (const f of bundleFiles(root, CHECKSUMS_ONLY)) {
    files[f.rel] = recordFile(f.full);
    await pause();
  }
  return files;
}

/** The files of the bundle at `root` that are not as recorded: changed, missing or extra. */
async function damagedFiles(root: string, files: Readonly<Record<string, FileRecord>>, skip: ReadonlySet<string>): Promise<string[]> {
  const pause = yielder();
  const bad: string[] = [];
  const seen = new Set<string>();
  try {
    for (const f of bundleFiles(root, skip)) {
      seen.add(f.rel);
      const record = files[f.rel];
      if (!record || !fileMatches(f.full, record)) bad.push(f.rel);
      await pause();
    }
  } catch {
    return ['(the bundle folder cannot be read)'];
  }
  for (const rel of Object.keys(files)) if (!seen.has(rel)) bad.push(rel);
  return bad;
}

function describeDamage(dir: string, bad: readonly string[]): string {
  return `${dir}: ${bad.length} file${bad.length === 1 ? '' : 's'} not as stored (${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ', …' : ''})`;
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
    const file = path.join(this.dir, OUTPUT_KEYS_FILE);
    const keys = readSealedJson(file, 'the record of which bundle the previous dist/pagefind holds; bundles come from the cache instead', OUTPUT_KEYS_SCHEMA);
    if (keys) this.previous = { root, keys }; // else: no record of which bundle is which, use the cache
  }

  /** Records which key each bundle directory of this build's output holds. */
  async recordOutput(keys: Record<string, string>): Promise<void> {
    if (!this.enabled) return;
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, OUTPUT_KEYS_FILE), sealJson(keys));
  }

  /** The previous output's directory of bundle `dir`. */
  private previousBundle(root: string, dir: string): string {
    return path.join(root, path.relative('pagefind', dir));
  }

  /** Moves the previous output's bundle (verified) of `dir` into `target`. */
  private async takePrevious(source: string, dir: string, target: string): Promise<boolean> {
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

  /** The checksums of the cached bundle of `key`; undefined (and the bundle deleted) when it has none that hold. */
  private async checksumsOf(key: string): Promise<Readonly<Record<string, FileRecord>> | undefined> {
    const cached = path.join(this.dir, key);
    if (!(await this.has(key))) return undefined;
    // Sealed, not shape-checked: thousands of entries, written by store() alone.
    const sums = readSealedJson<{ files: Record<string, FileRecord> }>(path.join(cached, CHECKSUMS_FILE), `the cached search bundle ${key} (indexed again)`);
    // None (a store cut short, or a cache from before checksums) or damaged: nothing to verify the bundle by.
    if (!sums) await rm(cached, { recursive: true, force: true });
    return sums?.files;
  }

  /**
   * Puts the bundle of `key` at `target` (the bundle directory `dir`, as in the
   * shard plan): moved from the previous output when it is there, else linked
   * from the cache, either verified against the cached bundle's checksums first.
   * False when neither has it intact, or when the cached copy vanished midway
   * (another build sharing the cache pruned it): then `target` is removed and
   * the shard is indexed instead.
   */
  async restore(key: string, target: string, dir: string): Promise<boolean> {
    if (!this.enabled) return false;
    const files = await this.checksumsOf(key);
    if (!files) return false;
    const damage: string[] = [];
    if (this.previous && this.previous.keys[dir] === key) {
      const source = this.previousBundle(this.previous.root, dir);
      const bad = await damagedFiles(source, files, dir === 'pagefind' ? PRIMARY_FOREIGN : NOTHING);
      if (bad.length === 0 && (await this.takePrevious(source, dir, target))) {
        this.used.add(key);
        return true;
      }
      if (bad.length > 0) damage.push(describeDamage(source, bad));
    }
    const cached = path.join(this.dir, key);
    const bad = await damagedFiles(cached, files, CHECKSUMS_ONLY);
    if (bad.length > 0) {
      // One line, even when the previous output's files are the same (hard-linked) files.
      warnDamaged(path.join(this.dir, key), [...damage, describeDamage(cached, bad)].join('; '), 'discarded the search bundle, indexed again');
      await rm(cached, { recursive: true, force: true });
      return false;
    }
    if (damage.length > 0) warnDamaged(this.previous!.root, damage[0]!, 'discarded that bundle of the previous output, linked the intact one from the cache');
    try {
      await linkTree(cached, target, CHECKSUMS_ONLY);
    } catch {
      await rm(target, { recursive: true, force: true });
      return false;
    }
    this.used.add(key);
    return true;
  }

  /** Keeps the bundle written at `source` under `key` (`skip`: top-level names left out). */
  async store(key: string, source: string, skip: ReadonlySet<string> = NOTHING): Promise<void> {
    if (!this.enabled) return;
    this.used.add(key);
    const final = path.join(this.dir, key);
    const tmp = `${final}.${process.pid}.tmp`;
    try {
      await rm(tmp, { recursive: true, force: true });
      await linkTree(source, tmp, skip);
      // Last, so that a bundle with checksums is complete (and the rename below makes it visible at once).
      await writeFile(path.join(tmp, CHECKSUMS_FILE), sealJson({ files: await recordBundle(tmp) }));
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

/** Hard-links (or copies) every file of `source` into `target`, creating directories; `skip`: top-level names left out. */
export async function linkTree(source: string, target: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  await mkdir(target, { recursive: true });
  const files: [string, string][] = [];
  const dirs = new Set<string>();
  for (const f of walkFiles(source)) {
    if (skip.has(f.rel.split('/')[0]!)) continue;
    const to = path.join(target, f.rel);
    dirs.add(path.dirname(to));
    files.push([f.full, to]);
  }
  for (const dir of dirs) await mkdir(dir, { recursive: true });
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
