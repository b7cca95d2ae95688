import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildCache, hashOf } from '../../../src/lib/build/cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kho-tin-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    const again = new BuildCache(dir, true);
    expect(again.get('dmg', key)).toBeUndefined();
  });

  it('stores and returns nothing when disabled', async () => {
    const off = new BuildCache(path.join(dir, 'off'), false);
    off.set('ns', hashOf('x'), 1);
    await off.flush();
    expect(off.get('ns', hashOf('x'))).toBeUndefined();
    expect(() => readdirSync(path.join(dir, 'off'))).toThrow();
  });
});
