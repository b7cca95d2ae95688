/**
 * Cached search bundles are verified before they are put in place: from the
 * cache (linked) or from the previous output (moved), against the checksums
 * stored with the cached bundle. A bundle that fails is reported once, deleted
 * and indexed again; it never reaches dist/.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShardCache } from '../../../src/lib/search/shard-cache.ts';

const KEY = 'a'.repeat(64);
const DIR = 'pagefind/shards/archive-1';
const FILES: Record<string, string> = {
  'pagefind-entry.json': '{"version":"1.6.0","languages":{"vi":{"page_count":3}}}',
  'fragment/vi_1.pf_fragment': 'Đảng bộ quận Hai Bà Trưng',
  'index/vi_2.pf_index': 'x'.repeat(200),
};

let work: string;
let cacheRoot: string;
/** The first build's dist/pagefind: its bundle was stored (hard-linked) into the cache. */
let previousRoot: string;

function writeBundle(root: string): void {
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

function readBundle(root: string): Record<string, string> {
  return Object.fromEntries(Object.keys(FILES).map((rel) => [rel, readFileSync(path.join(root, rel), 'utf8')]));
}

/** Past the file system's timestamp tick, then a same-size change (as a flipped byte would be). */
async function flip(file: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  writeFileSync(file, readFileSync(file, 'utf8').replace('x', 'y').replace('Hai', 'Hao'));
}

function quietWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}

beforeEach(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kho-tin-shard-cache-'));
  cacheRoot = path.join(work, 'cache');
  previousRoot = path.join(work, 'dist', 'pagefind');
  const bundle = path.join(previousRoot, 'shards', 'archive-1');
  writeBundle(bundle);
  const first = new ShardCache(cacheRoot, true);
  await first.store(KEY, bundle);
  await first.recordOutput({ [DIR]: KEY });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(work, { recursive: true, force: true });
});

describe('ShardCache verification', () => {
  it('moves the previous output\'s bundle when it matches the cached checksums, and links none of them into dist/', async () => {
    const warn = quietWarnings();
    const cache = new ShardCache(cacheRoot, true);
    await cache.usePrevious(previousRoot);
    const target = path.join(work, 'next', DIR);
    expect(await cache.restore(KEY, target, DIR)).toBe(true);
    expect(readBundle(target)).toEqual(FILES);
    expect(existsSync(path.join(previousRoot, 'shards', 'archive-1'))).toBe(false); // moved, not linked
    expect(readdirSync(target).sort()).toEqual(['fragment', 'index', 'pagefind-entry.json']);

    const fromCache = path.join(work, 'other', DIR);
    expect(await new ShardCache(cacheRoot, true).restore(KEY, fromCache, DIR)).toBe(true);
    expect(readdirSync(fromCache).sort()).toEqual(['fragment', 'index', 'pagefind-entry.json']); // no checksums file
    expect(warn).not.toHaveBeenCalled();
  });

  it('reports a damaged cached bundle once (hard-linked into the previous output too), deletes it, and indexes again', async () => {
    await flip(path.join(cacheRoot, 'search', KEY, 'index/vi_2.pf_index'));
    const warn = quietWarnings();
    const cache = new ShardCache(cacheRoot, true);
    await cache.usePrevious(previousRoot);
    const target = path.join(work, 'next', DIR);
    expect(await cache.restore(KEY, target, DIR)).toBe(false);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(path.join(cacheRoot, 'search', KEY))).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]![0]);
    expect(line).toContain(`damaged cache ${path.join(cacheRoot, 'search', KEY)} (`);
    expect(line).toContain(`${path.join(previousRoot, 'shards', 'archive-1')}: 1 file not as stored (index/vi_2.pf_index)`);
    expect(line).toContain('discarded the search bundle, indexed again');

    // The re-indexed bundle is stored afresh under the same key.
    const rebuilt = path.join(work, 'rebuilt');
    writeBundle(rebuilt);
    await cache.store(KEY, rebuilt);
    expect(await new ShardCache(cacheRoot, true).restore(KEY, path.join(work, 'again', DIR), DIR)).toBe(true);
  });

  it('links the cached bundle when only the previous output\'s copy is damaged', async () => {
    // A previous output on another disk holds copies, not links.
    const copied = path.join(work, 'copied', 'pagefind');
    cpSync(previousRoot, copied, { recursive: true });
    await flip(path.join(copied, 'shards', 'archive-1', 'fragment/vi_1.pf_fragment'));
    const warn = quietWarnings();
    const cache = new ShardCache(cacheRoot, true);
    await cache.usePrevious(copied);
    const target = path.join(work, 'next', DIR);
    expect(await cache.restore(KEY, target, DIR)).toBe(true);
    expect(readBundle(target)).toEqual(FILES);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(`damaged cache ${copied} (${path.join(copied, 'shards', 'archive-1')}: 1 file not as stored (fragment/vi_1.pf_fragment)): discarded that bundle of the previous output`);
  });

  it('does not use a bundle whose checksums are missing (a store cut short) or damaged', async () => {
    const sums = path.join(cacheRoot, 'search', KEY, 'kho-tin-checksums.json');
    writeFileSync(sums, readFileSync(sums, 'utf8').replace('pf_index', 'pf_indey'));
    const warn = quietWarnings();
    const cache = new ShardCache(cacheRoot, true);
    await cache.usePrevious(previousRoot);
    expect(await cache.restore(KEY, path.join(work, 'next', DIR), DIR)).toBe(false);
    expect(existsSync(path.join(cacheRoot, 'search', KEY))).toBe(false);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([`[kho-tin] warning: damaged cache ${sums} (fails its checksum): discarded the cached search bundle ${KEY} (indexed again)`]);

    await cache.store(KEY, path.join(previousRoot, 'shards', 'archive-1'));
    expect(existsSync(sums)).toBe(true);
    rmSync(path.join(cacheRoot, 'search', KEY, 'kho-tin-checksums.json'));
    warn.mockClear();
    expect(await new ShardCache(cacheRoot, true).restore(KEY, path.join(work, 'again', DIR), DIR)).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes nothing from the previous output when the record of its keys is damaged', async () => {
    const keys = path.join(cacheRoot, 'search', 'output-keys.json');
    writeFileSync(keys, readFileSync(keys, 'utf8').replace('aaaa', 'aaab'));
    const warn = quietWarnings();
    const cache = new ShardCache(cacheRoot, true);
    await cache.usePrevious(previousRoot);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining(`damaged cache ${keys} (fails its checksum)`)]);
    expect(await cache.restore(KEY, path.join(work, 'next', DIR), DIR)).toBe(true); // linked from the cache
    expect(existsSync(path.join(previousRoot, 'shards', 'archive-1'))).toBe(true);
  });
});
