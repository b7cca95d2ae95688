import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkLinks, checkLinksIncrementally, scanHtml, pageUrlPath, resolveReference } from '../../../src/lib/site/linkcheck.ts';
import { BuildCache } from '../../../src/lib/infra/cache.ts';

let dir: string;
let cacheDir: string;

async function tree(files: Record<string, string>): Promise<void> {
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), body);
  }
}

const page = (body: string, head = '') => `<!doctype html><html lang="vi"><head>${head}</head><body>${body}</body></html>`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'linkcheck-'));
  // checkLinks caches page scans in the BuildCache by default: keep them out of the repository's .cache/build.
  cacheDir = await mkdtemp(path.join(tmpdir(), 'linkcheck-cache-'));
  process.env.KHO_TIN_CACHE_DIR = cacheDir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe('checkLinks on hand-made dist trees', () => {
  it('accepts a site whose links, assets and anchors all resolve', async () => {
    await tree({
      'index.html': page(
        '<a href="/bai-viet/a/">A</a> <a href="bai-viet/a/#doan-2">rel</a> <a href="#tren">top</a><h1 id="tren">x</h1>' +
          '<img src="/anh/logo.png" alt=""><script src="/_astro/app.js"></script> <a href="mailto:a@b.vn">m</a>' +
          '<a href="https://example.com/x/">ext</a><a href="/nguoi/tr%C6%B0%C6%A1ng/">enc</a><a href="/bai-viet/a/?q=1">q</a>',
        '<link rel="stylesheet" href="/_astro/site.css"><link rel="preconnect" href="/nowhere/">',
      ),
      'bai-viet/a/index.html': page('<p id="doan-2">x</p><a name="cu">old</a><a href="../../#tren">back</a><a href="/bai-viet/a/#cu">self</a>'),
      'nguoi/trương/index.html': page('t'),
      'anh/logo.png': 'png',
      '_astro/app.js': '',
      '_astro/site.css': '',
    });
    expect(await checkLinks(dir, '/')).toEqual([]);
  });

  it('names the page and the target of a missing page, asset and anchor', async () => {
    await tree({
      'index.html': page('<a href="/khong-co/">x</a><img src="/anh/mat.png" alt=""><a href="#khong-id">y</a><a href="/bai-viet/a/#doan-9">z</a>'),
      'bai-viet/a/index.html': page('<p id="doan-2">x</p><script src="/_astro/missing.js"></script>', '<link rel="icon" href="/favicon.svg">'),
    });
    const broken = await checkLinks(dir, '/');
    expect(broken).toEqual([
      { page: 'bai-viet/a/index.html', target: '/_astro/missing.js', reason: 'no file _astro/missing.js in the build' },
      { page: 'bai-viet/a/index.html', target: '/favicon.svg', reason: 'no file favicon.svg in the build' },
      { page: 'index.html', target: '#khong-id', reason: 'no element with id "khong-id" on this page' },
      { page: 'index.html', target: '/anh/mat.png', reason: 'no file anh/mat.png in the build' },
      { page: 'index.html', target: '/bai-viet/a/#doan-9', reason: 'no element with id "doan-9" in bai-viet/a/index.html' },
      { page: 'index.html', target: '/khong-co/', reason: 'no file khong-co/index.html in the build' },
    ]);
  });

  it('under a base path, rejects links that forget the base and accepts those that carry it', async () => {
    await tree({
      'index.html': page('<a href="/kho-tin/nguoi/">ok</a><a href="/nguoi/">hard-coded root</a><a href="nguoi/#chu-a">rel</a>'),
      'nguoi/index.html': page('<h2 id="chu-a">A</h2><a href="../">up</a><a href="../../">too far</a>'),
    });
    const broken = await checkLinks(dir, '/kho-tin/');
    expect(broken).toEqual([
      { page: 'index.html', target: '/nguoi/', reason: 'outside the base path /kho-tin/' },
      { page: 'nguoi/index.html', target: '../../', reason: 'outside the base path /kho-tin/' },
    ]);
  });

  it('checks absolute links on the site origin (canonical) when siteUrl is given', async () => {
    await tree({
      'a/index.html': page('', '<link rel="canonical" href="https://example.org/kho-tin/a/"><link rel="alternate" href="https://example.org/kho-tin/a/rss.xml">'),
    });
    expect(await checkLinks(dir, '/kho-tin/')).toEqual([]);
    expect(await checkLinks(dir, '/kho-tin/', { siteUrl: 'https://example.org' })).toEqual([
      { page: 'a/index.html', target: 'https://example.org/kho-tin/a/rss.xml', reason: 'no file a/rss.xml in the build' },
    ]);
  });

  it('treats "#" and "#top" as the top of the page, and decodes entities and percent-encoding in hrefs and ids', async () => {
    await tree({
      'index.html': page('<a href="#">t</a><a href="#top">t</a><h2 id="chữ-đ">Đ</h2><a href="#ch%E1%BB%AF-%C4%91">enc</a><a href="/x/?a=1&amp;b=2">amp</a><a href="/x/#a&amp;b">frag</a>'),
      'x/index.html': page('<p id="a&amp;b">x</p>'),
    });
    expect(await checkLinks(dir, '/')).toEqual([]);
  });

  it('reports a link once per occurrence, and the same from cached scans', async () => {
    await tree({
      'index.html': page('<a href="/mat/">1</a><a href="/mat/">2</a><a href="#khong">3</a><a href="#khong">4</a><a href="/a/#x">5</a><a href="/a/#x">6</a>'),
      'a/index.html': page('<a href="/mat/">a</a>'),
    });
    const cache = new BuildCache(cacheDir);
    const first = await checkLinksIncrementally(dir, '/', { cache });
    await cache.flush(); // a cache passed in is flushed by the caller
    expect(first.broken.map((b) => `${b.page} ${b.target}`)).toEqual([
      'a/index.html /mat/',
      'index.html #khong',
      'index.html #khong',
      'index.html /a/#x',
      'index.html /a/#x',
      'index.html /mat/',
      'index.html /mat/',
    ]);
    const second = await checkLinksIncrementally(dir, '/', { cache: new BuildCache(cacheDir) });
    expect(second.parsed).toBe(0);
    expect(second.broken).toEqual(first.broken);
  });

  it('uses $KHO_TIN_CACHE_DIR by default, and writes nothing with KHO_TIN_CACHE=0', async () => {
    await tree({ 'index.html': page('<a href="/mat/">x</a>') });
    const expected = [{ page: 'index.html', target: '/mat/', reason: 'no file mat/index.html in the build' }];
    process.env.KHO_TIN_CACHE = '0';
    try {
      expect(await checkLinks(dir, '/')).toEqual(expected);
      expect(existsSync(path.join(cacheDir, 'linkcheck'))).toBe(false);
    } finally {
      delete process.env.KHO_TIN_CACHE;
    }
    expect(await checkLinks(dir, '/')).toEqual(expected);
    expect(readdirSync(path.join(cacheDir, 'linkcheck')).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
    expect(await checkLinks(dir, '/')).toEqual(expected);
  });

  it('stays linear on a pathological page (no hang on long attribute values)', async () => {
    const long = 'a'.repeat(2_000_000);
    await tree({ 'index.html': page(`<a href="/${long}/">x</a><p id="${'b'.repeat(1_000_000)}">y</p>`) });
    const started = Date.now();
    const broken = await checkLinks(dir, '/');
    expect(broken).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('scanHtml and pageUrlPath', () => {
  it('collects ids, <a name> and the URL attributes of the checked elements only', () => {
    const scan = scanHtml('<div id="x"><a name="n" href="/a/">a</a><form action="/f/"></form><video src="/v.mp4"></video><img src="/i.png" alt=""><iframe src="/e/"></iframe></div>');
    expect([...scan.ids]).toEqual(['x', 'n']);
    expect(scan.refs).toEqual(['/a/', '/i.png', '/e/']);
  });
  it('resolves references with dot segments, escapes, spaces, queries and other hosts like the URL parser', () => {
    const files = new Set(['index.html', 'a/index.html', 'a/b.html', 'x y/index.html', 'kho-tin.css']);
    const at = (raw: string, base = '/') => resolveReference(raw, 'a/index.html', files, base, new URL('https://example.org'));
    expect(at('/a/./b.html')).toEqual({ kind: 'ok', file: 'a/b.html', fragment: null });
    expect(at('/a/../a/')).toEqual({ kind: 'ok', file: 'a/index.html', fragment: null });
    expect(at('/a/..')).toEqual({ kind: 'ok', file: 'index.html', fragment: null });
    expect(at('./b.html')).toEqual({ kind: 'ok', file: 'a/b.html', fragment: null });
    expect(at('/a')).toEqual({ kind: 'ok', file: 'a/index.html', fragment: null });
    expect(at(' /a/ \n')).toEqual({ kind: 'ok', file: 'a/index.html', fragment: null });
    expect(at('/x y/')).toEqual({ kind: 'ok', file: 'x y/index.html', fragment: null });
    expect(at('/x%20y/?q=1#h')).toEqual({ kind: 'ok', file: 'x y/index.html', fragment: 'h' });
    expect(at('/a\\b.html')).toEqual({ kind: 'ok', file: 'a/b.html', fragment: null });
    expect(at('//a/')).toEqual({ kind: 'external' });
    expect(at('https://example.org/a/')).toEqual({ kind: 'ok', file: 'a/index.html', fragment: null });
    expect(at('/%E0%A4%A/')).toEqual({ kind: 'broken', reason: 'malformed percent-encoding' });
    expect(at('http://[::1')).toEqual({ kind: 'broken', reason: 'malformed URL' });
    expect(at('/kho-tin.css')).toEqual({ kind: 'ok', file: 'kho-tin.css', fragment: null });
    expect(at('/kho-tin/a/', '/kho-tin/')).toEqual({ kind: 'ok', file: 'a/index.html', fragment: null });
    expect(at('/kho-tin//a/', '/kho-tin/')).toEqual({ kind: 'broken', reason: 'no file /a/index.html in the build' });
    expect(at('/kho-tin/../a/', '/kho-tin/')).toEqual({ kind: 'broken', reason: 'outside the base path /kho-tin/' });
    expect(at('/kho-tin/b/', '/kho-tin/')).toEqual({ kind: 'broken', reason: 'no file b/index.html in the build' });
  });
  it('maps files to the URL they are served at', () => {
    expect(pageUrlPath('index.html', '/kho-tin/')).toBe('/kho-tin/');
    expect(pageUrlPath('nguoi/a/index.html', '/')).toBe('/nguoi/a/');
    expect(pageUrlPath('404.html', '/')).toBe('/404.html');
  });
});
