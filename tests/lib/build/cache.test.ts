import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { BuildCache, fileMatches, hashOf, readSealedJson, recordFile, sealJson } from '../../../src/lib/infra/cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kho-tin-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** console.warn, recorded and kept off the test output. */
function quietWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}

/** `n` keys that fall in one pack (packs are chosen by the key's first hex digit). */
function keysInOnePack(label: string, n: number): string[] {
  const first = hashOf(`${label}0`);
  const keys = [first];
  for (let i = 1; keys.length < n; i++) if (hashOf(`${label}${i}`)[0] === first[0]) keys.push(hashOf(`${label}${i}`));
  return keys;
}

/** The one pack file of a namespace. */
function packOf(root: string, namespace: string): string {
  const files = readdirSync(path.join(root, namespace));
  expect(files).toHaveLength(1);
  return path.join(root, namespace, files[0]!);
}

/** Changes one ASCII letter in the value of entry line `index` so that the value still parses: a silent corruption. */
function flipLetterInValue(pack: string, index: number): void {
  const lines = readFileSync(pack, 'utf8').split('\n');
  const line = lines[index + 1]!; // after the header line
  for (let at = 93; at < line.length - 1; at++) {
    if (!/[a-z]/.test(line[at]!)) continue;
    const flipped = `${line.slice(0, at)}${line[at] === 'a' ? 'b' : 'a'}${line.slice(at + 1)}`;
    try {
      JSON.parse(flipped.slice(93, -1));
    } catch {
      continue;
    }
    lines[index + 1] = flipped;
    writeFileSync(pack, lines.join('\n'));
    return;
  }
  throw new Error(`no letter to flip in ${pack}`);
}

describe('BuildCache', () => {
  it('returns what an earlier build stored, and keeps only what the last build used', async () => {
    const a = hashOf('a');
    // b in the same pack as a (packs are chosen by the key's first hex digit).
    let i = 0;
    while (hashOf(`b${i}`)[0] !== a[0]) i++;
    const b = hashOf(`b${i}`);
    const first = new BuildCache(dir, true);
    expect(first.get('ns', a)).toBeUndefined();
    first.set('ns', a, { text: 'Đảng ủy phường Trương Định', n: [1, 2] });
    first.set('ns', b, 'html <p>x</p>\n"quoted"');
    await first.flush();

    const second = new BuildCache(dir, true);
    expect(second.get('ns', a)).toEqual({ text: 'Đảng ủy phường Trương Định', n: [1, 2] });
    expect(second.hits).toBe(1);
    await second.flush(); // b was not used by this build: its pack is rewritten without it

    const third = new BuildCache(dir, true);
    expect(third.get('ns', b)).toBeUndefined();
    expect(third.get('ns', a)).toEqual({ text: 'Đảng ủy phường Trương Định', n: [1, 2] });
    expect(third.misses).toBe(1);
  });

  it('lazy: keeps an entry for the next build without parsing it, and parses it when asked', async () => {
    const root = mkdtempSync(path.join(dir, 'lazy-'));
    const key = hashOf('article html');
    const first = new BuildCache(root, true);
    expect(first.lazy('html', key)).toBeUndefined();
    first.set('html', key, '<p>Đồng chí <a href="/nguoi/x/">X</a></p>');
    await first.flush();

    const second = new BuildCache(root, true);
    const read = second.lazy<string>('html', key);
    expect(second.hits).toBe(1);
    await second.flush(); // never parsed, still carried into the new pack
    expect(read!()).toBe('<p>Đồng chí <a href="/nguoi/x/">X</a></p>');

    const third = new BuildCache(root, true);
    expect(third.get('html', key)).toBe('<p>Đồng chí <a href="/nguoi/x/">X</a></p>');
    expect(new BuildCache(root, false).lazy('html', key)).toBeUndefined();
  });

  it('treats a damaged pack line as a miss, not an error', async () => {
    const key = hashOf('damaged');
    const cache = new BuildCache(dir, true);
    cache.set('dmg', key, { ok: true });
    await cache.flush();
    const packDir = path.join(dir, 'dmg');
    const pack = path.join(packDir, readdirSync(packDir)[0]!);
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('true', 'tr'));
    const warn = quietWarnings();
    const again = new BuildCache(dir, true);
    expect(again.get('dmg', key)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('verifies each entry against its checksum: a value changed so that it still parses is a miss, reported once, and not kept', async () => {
    const root = mkdtempSync(path.join(dir, 'flip-'));
    const keys = keysInOnePack('flip', 3);
    const first = new BuildCache(root, true);
    keys.forEach((k, i) => first.set('extraction', k, { text: `Quận ủy Hai Bà Trưng ${i}`, hash: 'abcdef' }));
    await first.flush();
    const pack = packOf(root, 'extraction');
    flipLetterInValue(pack, 1);

    const warn = quietWarnings();
    const second = new BuildCache(root, true);
    expect(second.get('extraction', keys[0]!)).toEqual({ text: 'Quận ủy Hai Bà Trưng 0', hash: 'abcdef' });
    expect(second.get('extraction', keys[1]!)).toBeUndefined();
    expect(second.get('extraction', keys[2]!)).toEqual({ text: 'Quận ủy Hai Bà Trưng 2', hash: 'abcdef' });
    expect(second.misses).toBe(1);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `[kho-tin] warning: damaged cache ${pack} (1 line failing the checksum or the line format): discarded 1 damaged line, kept 2 intact entries; the rest is computed again`,
    ]);
    second.set('extraction', keys[1]!, { text: 'recomputed', hash: 'abcdef' });
    await second.flush();

    // The rebuilt pack is whole again: no warning, the recomputed value.
    warn.mockClear();
    const third = new BuildCache(root, true);
    expect(third.get('extraction', keys[1]!)).toEqual({ text: 'recomputed', hash: 'abcdef' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the intact entries of a pack cut short and reports the cut', async () => {
    const root = mkdtempSync(path.join(dir, 'cut-'));
    const keys = keysInOnePack('cut', 6);
    const first = new BuildCache(root, true);
    for (const k of keys) first.set('html', k, `<p>${'Đồng chí Nguyễn Văn A. '.repeat(20)}</p>`);
    await first.flush();
    const pack = packOf(root, 'html');
    const bytes = readFileSync(pack);
    writeFileSync(pack, bytes.subarray(0, bytes.length >> 1));

    const warn = quietWarnings();
    const second = new BuildCache(root, true);
    const found = keys.map((k) => second.get<string>('html', k) !== undefined);
    expect(found.slice(0, 2)).toEqual([true, true]);
    expect(found.slice(3)).toEqual([false, false, false]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(new RegExp(`damaged cache ${pack.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(cut short: no end line; 1 line failing`));
  });

  it('lazy: a damaged entry is a miss when taken, so it is neither served nor carried', async () => {
    const root = mkdtempSync(path.join(dir, 'lazy-damaged-'));
    const [key] = keysInOnePack('lazy', 1);
    const first = new BuildCache(root, true);
    first.set('html', key!, '<p>Phường Trương Định</p>');
    await first.flush();
    flipLetterInValue(packOf(root, 'html'), 0);
    quietWarnings();
    const second = new BuildCache(root, true);
    expect(second.lazy('html', key!)).toBeUndefined();
    await second.flush();
    expect(new BuildCache(root, true).lazy('html', key!)).toBeUndefined();
  });

  it('checks the key too: an entry whose key was changed is served under neither key', async () => {
    const root = mkdtempSync(path.join(dir, 'key-'));
    const [key] = keysInOnePack('key', 1);
    const first = new BuildCache(root, true);
    first.set('load', key!, { hash: 'x' });
    await first.flush();
    const pack = packOf(root, 'load');
    const other = `${key!.slice(0, 10)}${key![10] === '0' ? '1' : '0'}${key!.slice(11)}`;
    writeFileSync(pack, readFileSync(pack, 'utf8').replace(key!, other));
    const warn = quietWarnings();
    const second = new BuildCache(root, true);
    expect(second.get('load', other)).toBeUndefined();
    expect(second.get('load', key!)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('drops a pack written before checksums silently (never read, replaced at flush)', async () => {
    const root = mkdtempSync(path.join(dir, 'legacy-'));
    const [key] = keysInOnePack('legacy', 1);
    const file = path.join(root, 'load', `${key![0]}.jsonl`);
    const cache = new BuildCache(root, true);
    cache.set('load', key!, 1);
    await cache.flush();
    writeFileSync(file, `["${key}",{"old":true}]\n`);
    const warn = quietWarnings();
    expect(new BuildCache(root, true).get('load', key!)).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('stores and returns nothing when disabled', async () => {
    const off = new BuildCache(path.join(dir, 'off'), false);
    off.set('ns', hashOf('x'), 1);
    await off.flush();
    expect(off.get('ns', hashOf('x'))).toBeUndefined();
    expect(() => readdirSync(path.join(dir, 'off'))).toThrow();
  });
});

describe('sealed JSON files', () => {
  const schema = z.object({ outDir: z.string(), finished: z.boolean() });

  it('reads back what was sealed; a damaged file is reported once, naming what is discarded, and reads as absent', () => {
    const file = path.join(dir, 'state.json');
    writeFileSync(file, sealJson({ outDir: '/tmp/dist', finished: true }));
    expect(readSealedJson(file, 'x', schema)).toEqual({ outDir: '/tmp/dist', finished: true });

    const warn = quietWarnings();
    writeFileSync(file, readFileSync(file, 'utf8').replace('/tmp/dist', '/tmp/dust')); // still JSON, still the shape
    expect(readSealedJson(file, 'the state of the output folder', schema)).toBeUndefined();
    writeFileSync(file, readFileSync(file).subarray(0, 30));
    expect(readSealedJson(file, 'the state', schema)).toBeUndefined();
    writeFileSync(file, sealJson({ outDir: 1 }));
    expect(readSealedJson(file, 'the state', schema)).toBeUndefined();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `[kho-tin] warning: damaged cache ${file} (fails its checksum): discarded the state of the output folder`,
      `[kho-tin] warning: damaged cache ${file} (cut short): discarded the state`,
      `[kho-tin] warning: damaged cache ${file} (not the expected shape): discarded the state`,
    ]);
  });

  it('reads a missing file, or one written before files were sealed, as absent without a warning', () => {
    const warn = quietWarnings();
    expect(readSealedJson(path.join(dir, 'none.json'), 'x')).toBeUndefined();
    const plain = path.join(dir, 'plain.json');
    writeFileSync(plain, JSON.stringify({ outDir: '/tmp/dist', finished: true }));
    expect(readSealedJson(plain, 'x', schema)).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('file records', () => {
  it('trusts a file by its signature, and reads one whose signature changed', async () => {
    const file = path.join(dir, 'page.html');
    writeFileSync(file, '<p>Quận Tây Hồ</p>');
    const record = recordFile(file);
    expect(fileMatches(file, record)).toBe(true);
    expect(recordFile(file, record)).toBe(record); // unchanged: not read again

    const copy = path.join(dir, 'copy.html');
    copyFileSync(file, copy);
    expect(fileMatches(copy, record)).toBe(true); // another signature, same bytes
    await new Promise((resolve) => setTimeout(resolve, 50)); // past the timestamp tick (fileSignature)
    writeFileSync(file, '<p>Quận Tây Hồ</b>'); // same size
    expect(fileMatches(file, record)).toBe(false);
    writeFileSync(copy, '<p>Quận');
    expect(fileMatches(copy, record, false)).toBe(false);
    expect(fileMatches(path.join(dir, 'gone.html'), record)).toBe(false);
  });
});
