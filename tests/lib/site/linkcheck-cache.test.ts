/**
 * The incremental link check on a real built site (the seed build in
 * .cache/e2e/seeds, built here if missing) with hand-broken links: a run that
 * reuses cached page scans reports exactly what a cold run and an uncached run
 * report, re-parses edited pages, and checks cached scans against this build's
 * files and anchors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkLinksIncrementally, type BrokenLink, type LinkCheckResult } from '../../../src/lib/site/linkcheck.ts';
import { BuildCache } from '../../../src/lib/infra/cache.ts';
import { buildSite, siteOutDir } from '../../e2e/support/site.ts';

const SITE_URL = 'https://example.org'; // what the seed build was given (tests/e2e/support/site.ts)
let work: string;
let dist: string;
let cacheDir: string;

/** siteUrl null: checked without a site URL. */
async function check(cache: BuildCache, siteUrl: string | null = SITE_URL): Promise<LinkCheckResult> {
  const result = await checkLinksIncrementally(dist, '/', { siteUrl: siteUrl ?? undefined, cache });
  await cache.flush();
  return result;
}

async function edit(rel: string, change: (html: string) => string): Promise<void> {
  const file = path.join(dist, rel);
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before); // the edit must hit something in the built page
  await writeFile(file, after);
}

/** Pages of dist/ whose HTML contains `needle`. */
async function pagesContaining(needle: string): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const pages: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const rel = path.relative(dist, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if ((await readFile(path.join(dist, rel), 'utf8')).includes(needle)) pages.push(rel);
  }
  return pages.sort();
}

const targets = (broken: BrokenLink[]) => broken.map((b) => `${b.page} → ${b.target}`);

beforeAll(async () => {
  const seeds = process.env.E2E_SEEDS_DIR ? path.resolve(process.env.E2E_SEEDS_DIR) : siteOutDir('seeds');
  if (!existsSync(path.join(seeds, 'index.html'))) buildSite({ name: 'seeds', contentDir: 'content' });
  work = await mkdtemp(path.join(tmpdir(), 'linkcheck-cache-'));
  dist = path.join(work, 'dist');
  cacheDir = path.join(work, 'cache');
  await cp(seeds, dist, { recursive: true });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('incremental link check on the built seed site', () => {
  let cold: LinkCheckResult;

  it('finds nothing broken in the site as built', async () => {
    const result = await check(new BuildCache(cacheDir, false));
    expect(result.pages).toBeGreaterThan(50);
    expect(result.broken).toEqual([]);
  });

  it('reports hand-broken links the same cold, warm and uncached; the warm run parses nothing', async () => {
    const linkingToHaNam = await pagesContaining('href="/dia-danh/tinh-ha-nam/"');
    expect(linkingToHaNam.length).toBeGreaterThan(1);
    await rm(path.join(dist, 'dia-danh/tinh-ha-nam/index.html'));
    await edit('index.html', (html) => html.replace('</main>', `<a href="/van-ban/#chu-zz">x</a><a href="/van-ban/#chu-n">n</a><a href="/nguoi/khong-co-ai/">y</a><a href="${SITE_URL}/nguoi/vang-mat/">v</a></main>`));
    await edit('van-ban/index.html', (html) => html.replace('id="chu-k"', 'data-x="chu-k"'));

    cold = await check(new BuildCache(cacheDir));
    expect(cold.parsed).toBe(cold.pages);
    expect(targets(cold.broken)).toEqual(
      expect.arrayContaining([
        'index.html → /van-ban/#chu-zz',
        'index.html → /nguoi/khong-co-ai/',
        `index.html → ${SITE_URL}/nguoi/vang-mat/`,
        'van-ban/index.html → #chu-k',
        ...linkingToHaNam.filter((p) => p !== 'dia-danh/tinh-ha-nam/index.html').map((p) => `${p} → /dia-danh/tinh-ha-nam/`),
      ]),
    );
    expect(cold.broken.find((b) => b.target === '/van-ban/#chu-zz')?.reason).toBe('no element with id "chu-zz" in van-ban/index.html');

    const warm = await check(new BuildCache(cacheDir));
    expect(warm.parsed).toBe(0);
    expect(warm.broken).toEqual(cold.broken);

    const uncached = await check(new BuildCache(cacheDir, false));
    expect(uncached.parsed).toBe(uncached.pages);
    expect(uncached.broken).toEqual(cold.broken);
  });

  it('re-parses an edited page only, and checks unchanged pages against the new anchors and files', async () => {
    // A link broken after the first run, and an anchor that an unchanged (cached) page points at, removed.
    await edit('van-ban/index.html', (html) => html.replace('id="chu-n"', 'data-x="chu-n"').replace('</main>', '<a href="/nguoi/moi-hong/">z</a></main>'));
    const afterEdit = await check(new BuildCache(cacheDir));
    expect(afterEdit.parsed).toBe(1);
    const added = afterEdit.broken.filter((b) => !cold.broken.some((c) => c.page === b.page && c.target === b.target));
    expect(added).toEqual([
      { page: 'index.html', target: '/van-ban/#chu-n', reason: 'no element with id "chu-n" in van-ban/index.html' },
      { page: 'van-ban/index.html', target: '#chu-n', reason: 'no element with id "chu-n" on this page' },
      { page: 'van-ban/index.html', target: '/nguoi/moi-hong/', reason: 'no file nguoi/moi-hong/index.html in the build' },
    ]);
    expect(afterEdit.broken).toEqual((await check(new BuildCache(cacheDir, false))).broken);

    // A file no page changed for disappears: every cached link to it is reported, nothing is parsed.
    const linkingToFavicon = await pagesContaining('href="/favicon.svg"');
    expect(linkingToFavicon.length).toBeGreaterThan(50);
    await rm(path.join(dist, 'favicon.svg'));
    const noFavicon = await check(new BuildCache(cacheDir));
    expect(noFavicon.parsed).toBe(0);
    expect(noFavicon.broken.filter((b) => b.target === '/favicon.svg').map((b) => b.page)).toEqual(linkingToFavicon);
    expect(noFavicon.broken).toEqual((await check(new BuildCache(cacheDir, false))).broken);
  });

  it('does not reuse scans made with other options (the site URL decides which absolute links are ours)', async () => {
    const ownAbsolute = (r: LinkCheckResult) => r.broken.filter((b) => b.target === `${SITE_URL}/nguoi/vang-mat/`);
    const withSite = await check(new BuildCache(cacheDir));
    expect(withSite.parsed).toBe(0);
    expect(ownAbsolute(withSite)).toHaveLength(1);
    // Without the site URL, links to https://example.org are external: every page is scanned again, and that one is not reported.
    const withoutSite = await check(new BuildCache(cacheDir), null);
    expect(withoutSite.parsed).toBe(withoutSite.pages);
    expect(ownAbsolute(withoutSite)).toEqual([]);
    expect(withoutSite.broken).toEqual((await check(new BuildCache(cacheDir, false), null)).broken);
  });
});
