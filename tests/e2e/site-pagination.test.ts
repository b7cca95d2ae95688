/**
 * Long lists paginate: a site of 60 generated articles (invented text) that all
 * name the same directive and the same ward committee. The document's page
 * must split its articles 50 + 10 over /van-ban/<slug>/ and /van-ban/<slug>/2/,
 * each page with its own canonical URL and prev/next links, its feed capped,
 * and the build's own link check must pass (it fails the build otherwise).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedWithBrowser } from './support/served.ts';
import { buildSite } from './support/site.ts';
import type { KnowledgeBase } from '../../src/lib/model/kb.ts';
import { readPublishedKnowledgeBase } from '../../src/lib/graph/shards.ts';

const ARTICLES = 60;
const contentDir = path.resolve('.cache/e2e-content/pagination');
let outDir = '';

function writeContent(): void {
  rmSync(contentDir, { recursive: true, force: true });
  mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
  for (let i = 1; i <= ARTICLES; i++) {
    const day = String(((i - 1) % 28) + 1).padStart(2, '0');
    const month = String(Math.floor((i - 1) / 28) + 1).padStart(2, '0');
    const body = [
      `Sáng nay, Đảng ủy phường Trương Định tổ chức buổi sinh hoạt chuyên đề lần thứ ${i} để quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị.`,
      `Bí thư Đảng ủy phường Trương Định Nguyễn Thị Tuyết chủ trì buổi sinh hoạt thứ ${i}.`,
    ].join('\n\n');
    writeFileSync(
      path.join(contentDir, 'articles', `bai-thu-${i}.md`),
      `---\ntitle: "Sinh hoạt chuyên đề lần thứ ${i}"\npublished: "2024-${month}-${day}"\nauthor: Minh An\nsource: Báo Thử\n---\n\n${body}\n`,
    );
  }
}

beforeAll(async () => {
  writeContent();
  outDir = buildSite({ name: 'pagination', contentDir, siteUrl: 'https://example.org' }).outDir;
}, 600_000);
const served = servedWithBrowser(() => outDir);

function documentSlug(): string {
  const kb = readPublishedKnowledgeBase(outDir);
  const doc = kb.entities.find((e) => e.type === 'document' && e.document?.code === '05-CT/TW');
  expect(doc, 'the directive 05-CT/TW is an entity').toBeTruthy();
  expect(new Set(doc!.articles).size).toBe(ARTICLES);
  return doc!.id.slice(doc!.id.indexOf('/') + 1);
}

describe('pagination of an entity mentioned in 60 articles', () => {
  it('shows 50 articles on page 1 and 10 on page 2, newest first, linked both ways', async () => {
    const slug = documentSlug();
    const page = await served.browser.newPage();
    await page.goto(`${served.server.url}van-ban/${slug}/`);
    const first = await page.locator('section[aria-labelledby="bai-nhac-den"] .hit__title a').allTextContents();
    expect(first).toHaveLength(50);
    expect(first[0]).toBe(`Sinh hoạt chuyên đề lần thứ ${ARTICLES}`);
    expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(`https://example.org/van-ban/${slug}/`);
    // The document's details are on page 1 only.
    expect(await page.locator('.entity-facts').count()).toBe(1);

    const next = page.locator('nav.pagination a[rel="next"]');
    await Promise.all([page.waitForURL(`**/van-ban/${slug}/2/`), next.click()]);
    const second = await page.locator('section[aria-labelledby="bai-nhac-den"] .hit__title a').allTextContents();
    expect(second).toHaveLength(10);
    expect(second.at(-1)).toBe('Sinh hoạt chuyên đề lần thứ 1');
    expect(new Set([...first, ...second]).size).toBe(ARTICLES);
    expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(`https://example.org/van-ban/${slug}/2/`);
    expect(await page.locator('h1').textContent()).not.toBe('');
    expect(await page.locator('.entity-facts').count()).toBe(0);
    expect(await page.locator('nav.pagination a[rel="prev"]').getAttribute('href')).toBe(`/van-ban/${slug}/`);
    expect(await page.locator('nav.breadcrumbs li').last().textContent()).toBe('Trang 2');
    await page.close();
  });

  it('caps the entity feed and lists both pages in the sitemap', () => {
    const slug = documentSlug();
    const feed = readFileSync(path.join(outDir, 'van-ban', slug, 'rss.xml'), 'utf8');
    expect(feed.match(/<item>/g)).toHaveLength(50);
    const sitemap = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>https://example.org/van-ban/${slug}/2/</loc>`);
  });
});
