/**
 * The seed site in Chromium: the home page, an article, the entity pages the
 * seeds must produce, indexes, feeds, keyboard navigation and the layout at
 * phone and desktop width (screenshots into .cache/screens/).
 *
 * Reads the default seed build (.cache/e2e/seeds, made by global-setup.ts).
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedWithBrowser } from './support/served.ts';
import { siteOutDir } from './support/site.ts';
import type { KnowledgeBase } from '../../src/lib/model/kb.ts';
import { canonicalTones } from '../../src/lib/text/fold.ts';
import { readPublishedKnowledgeBase } from '../../src/lib/graph/shards.ts';

// E2E_SEEDS_DIR: test a private copy of the seed build while others rebuild .cache/e2e/seeds.
const outDir = process.env.E2E_SEEDS_DIR ? path.resolve(process.env.E2E_SEEDS_DIR) : siteOutDir('seeds');
const SCREENS = path.resolve('.cache/screens');

/** The seed articles as committed in content/articles: id → frontmatter. */
const seeds = new Map(
  readdirSync('content/articles')
    .filter((n) => n.endsWith('.md'))
    .map((n) => [n.slice(0, -3), matter(readFileSync(path.join('content/articles', n), 'utf8')).data as Record<string, string>]),
);
const seedId = (importedFrom: string): string => {
  const hit = [...seeds].find(([, d]) => d.importedFrom === importedFrom);
  if (!hit) throw new Error(`no article in content/articles imported from ${importedFrom}`);
  return hit[0];
};
const HAI_BA_TRUNG = seedId('000_9c833f5879be070b.txt');
const QUAN_SU_HBT = seedId('004_171404efb626d2ae.txt');
/** Seeds that name "Nghị quyết Trung ương 4" of khóa XII (checked by reading each seed). */
const NQ4_XII = ['000_9c833f5879be070b.txt', '001_144f08ba95b2f3ab.txt', '002_12b90e3edf959f26.txt', '004_171404efb626d2ae.txt'].map(seedId);

function kb(): KnowledgeBase {
  return readPublishedKnowledgeBase(outDir);
}

const served = servedWithBrowser(() => outDir);

async function open(path: string, width = 1280): Promise<Page> {
  const page = await served.browser.newPage({ viewport: { width, height: 900 } });
  const response = await page.goto(served.server.url + path.replace(/^\//, ''));
  expect(response?.status(), `status of ${path}`).toBe(200);
  return page;
}

async function clickAndWait(page: Page, link: ReturnType<Page['locator']>): Promise<void> {
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  await Promise.all([page.waitForURL((u) => u.pathname === new URL(href!, page.url()).pathname), link.click()]);
}

describe('home page', () => {
  it('lists the five seed articles newest first, undated last, with titles and dates', async () => {
    const page = await open('/');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    const items = await page.locator('.home__latest .article-item').evaluateAll((els) =>
      els.map((el) => ({
        title: el.querySelector('a')!.textContent!.trim(),
        href: el.querySelector('a')!.getAttribute('href'),
        date: el.querySelector('time')?.getAttribute('datetime') ?? null,
        shown: el.querySelector('time')?.textContent ?? null,
      })),
    );
    const expected = [...seeds]
      .map(([id, d]) => ({ id, title: d.title!, published: d.published ?? null }))
      .sort((a, b) => (a.published === b.published ? a.title.localeCompare(b.title, 'vi') : a.published === null ? 1 : b.published === null ? -1 : a.published < b.published ? 1 : -1));
    expect(items.map((i) => i.title)).toEqual(expected.map((e) => e.title));
    expect(items.map((i) => i.date)).toEqual(expected.map((e) => e.published));
    expect(items.map((i) => i.href)).toEqual(expected.map((e) => `/bai-viet/${e.id}/`));
    // The seeds' own dates, spelled the Vietnamese way.
    const byTitle = new Map(items.map((i) => [i.title, i.shown]));
    expect(byTitle.get('Nâng cao năng lực lãnh đạo của tổ chức Đảng')).toBe('27/01/2023');
    expect(byTitle.get('Xây dựng Đảng vững mạnh từ cơ sở')).toBe('18/03/2022');
    expect(expected.slice(-1)[0]!.published).toBeNull();
    await page.close();
  });

  it('has a search form in the header of every page, pointing at /tim-kiem/ with a labelled q field', async () => {
    for (const p of ['/', `/bai-viet/${HAI_BA_TRUNG}/`, '/nguoi/', '/404.html']) {
      const page = await served.browser.newPage();
      await page.goto(served.server.url + p.slice(1));
      const form = page.locator('header form[role="search"]');
      expect(await form.getAttribute('action')).toBe('/tim-kiem/');
      expect((await form.getAttribute('method'))?.toLowerCase()).toBe('get');
      await expect(page.getByLabel('Tìm kiếm').getAttribute('name')).resolves.toBe('q');
      await page.close();
    }
  });
});

describe('article page', () => {
  it('shows title, date, author, source, the body with captions as captions, and canonical + JSON-LD', async () => {
    const page = await open(`/bai-viet/${HAI_BA_TRUNG}/`);
    const fm = seeds.get(HAI_BA_TRUNG)!;
    expect(await page.locator('h1').textContent()).toBe(fm.title);
    const meta = await page.locator('.article__header .meta').textContent();
    expect(meta).toContain('27/01/2023');
    expect(meta).toContain(fm.author);
    expect(meta).toContain(fm.source);
    expect(await page.locator('.prose p').count()).toBeGreaterThan(5);
    expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(`https://example.org/bai-viet/${HAI_BA_TRUNG}/`);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as { '@graph': Record<string, unknown>[] };
    const news = ld['@graph'].find((n) => n['@type'] === 'NewsArticle')!;
    expect(news).toMatchObject({ headline: fm.title, datePublished: '2023-01-27', author: { '@type': 'Person', name: fm.author } });
    const mentionTypes = new Set((news.mentions as { '@type': string }[]).map((m) => m['@type']));
    expect([...mentionTypes].sort()).toEqual(['Legislation', 'Organization', 'Person', 'Place']);
    expect(await page.locator('nav.breadcrumbs a').allTextContents()).toEqual(['Trang chủ', 'Bài viết', fm.title]);
    await page.close();
  });

  it('renders image captions as figure captions, not body paragraphs', async () => {
    const page = await open(`/bai-viet/${seedId('001_144f08ba95b2f3ab.txt')}/`);
    const captions = await page.locator('.prose figure figcaption').allTextContents();
    expect(captions.map((c) => c.trim())).toContain('Toàn cảnh hội nghị.');
    const paragraphs = await page.locator('.prose > p').allTextContents();
    expect(paragraphs.some((p) => p.trim() === 'Toàn cảnh hội nghị.')).toBe(false);
    await page.close();
  });

  it('lists the article\'s people with their roles in it, and its units, places and documents in "Trong bài này"', async () => {
    const page = await open(`/bai-viet/${HAI_BA_TRUNG}/`);
    const panel = page.locator('aside.in-article');
    expect(await panel.locator('h2').textContent()).toBe('Trong bài này');
    const tuyet = panel.locator('li', { has: page.locator('a', { hasText: 'Nguyễn Thị Tuyết' }) }).first();
    expect(await tuyet.textContent()).toContain('Bí thư Đảng ủy phường Trương Định');
    for (const heading of ['Người', 'Đơn vị', 'Địa danh', 'Văn bản']) {
      expect(await panel.locator('h3', { hasText: heading }).count(), heading).toBe(1);
    }
    await page.close();
  });
});

describe('entity pages from the seeds', () => {
  it('from the Hai Bà Trưng article, "Nguyễn Thị Tuyết" opens her page with her role, the unit link and the sentence', async () => {
    const page = await open(`/bai-viet/${HAI_BA_TRUNG}/`);
    await clickAndWait(page, page.locator('.prose a', { hasText: 'Nguyễn Thị Tuyết' }).first());
    expect(new URL(page.url()).pathname).toMatch(/^\/nguoi\/[a-z0-9-]+\/$/);
    expect(await page.locator('h1').textContent()).toBe('Nguyễn Thị Tuyết');
    const role = page.locator('.timeline li', { hasText: 'Bí thư Đảng ủy phường Trương Định' });
    expect(await role.count()).toBeGreaterThan(0);
    const unitLink = role.first().locator('a', { hasText: 'Đảng ủy phường Trương Định' });
    const unitHref = await unitLink.getAttribute('href');
    expect(unitHref).toMatch(/^\/don-vi\/[a-z0-9-]+\/$/);
    expect(await role.first().locator(`a[href="/bai-viet/${HAI_BA_TRUNG}/"]`).count()).toBe(1);
    const sentences = await page.locator('.hits blockquote').allTextContents();
    expect(sentences.some((s) => s.includes('Còn Bí thư Đảng ủy phường Trương Định Nguyễn Thị Tuyết cho rằng'))).toBe(true);
    // The unit link leads to the unit's page, which lists her.
    await clickAndWait(page, unitLink);
    expect(canonicalTones(await page.locator('h1').textContent() ?? '')).toBe(canonicalTones('Đảng ủy phường Trương Định'));
    expect(await page.locator('main a', { hasText: 'Nguyễn Thị Tuyết' }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('the page of "Nghị quyết Trung ương 4 khóa XII" lists every seed article that mentions it', async () => {
    const docs = kb().entities.filter((e) => e.type === 'document' && (e.document?.code === '04-NQ/TW' || [e.name, ...e.aliases].some((n) => canonicalTones(n).includes(canonicalTones('Nghị quyết Trung ương 4 khóa XII')))));
    expect(docs.map((d) => d.name), 'one document entity for NQ TW 4 khóa XII').toHaveLength(1);
    const page = await open('/van-ban/');
    await clickAndWait(page, page.locator(`main a[href="/van-ban/${docs[0]!.id.split('/')[1]}/"]`));
    expect(await page.locator('.entity-facts').textContent()).toContain('04-NQ/TW');
    const listed = await page.locator('section[aria-labelledby="bai-nhac-den"] .hit__title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(listed.sort()).toEqual(NQ4_XII.map((id) => `/bai-viet/${id}/`).sort());
    await page.close();
  });

  it('the places "Hai Bà Trưng" and "Trương Định" each have one page, linking both articles that mention them', async () => {
    const index = await open('/dia-danh/');
    for (const name of ['Hai Bà Trưng', 'Trương Định']) {
      const links = index.locator('main .index-list a', { hasText: new RegExp(`^(quận |phường )?${name}$`, 'i') });
      expect(await links.count(), `place index entries named ${name}`).toBe(1);
      const page = await served.browser.newPage();
      await page.goto(new URL((await links.getAttribute('href'))!, served.server.url).href);
      expect(await page.locator('.kicker').textContent()).toBe('Địa danh');
      for (const id of [HAI_BA_TRUNG, QUAN_SU_HBT]) {
        expect(await page.locator(`section[aria-labelledby="bai-nhac-den"] .hit__title a[href="/bai-viet/${id}/"]`).count(), `${name} page links ${id}`).toBe(1);
      }
      await page.close();
    }
    await index.close();
  });

  it('every entity has a feed of the articles that mention it, and the site feed and sitemap list the articles', async () => {
    const site = readFileSync(path.join(outDir, 'rss.xml'), 'utf8');
    for (const id of seeds.keys()) expect(site).toContain(`<link>https://example.org/bai-viet/${id}/</link>`);
    const sitemap = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
    for (const id of seeds.keys()) expect(sitemap).toContain(`<loc>https://example.org/bai-viet/${id}/</loc>`);
    const entities = kb().entities;
    expect(entities.length).toBeGreaterThan(0);
    for (const e of entities) {
      const [section, slug] = [{ person: 'nguoi', unit: 'don-vi', place: 'dia-danh', document: 'van-ban' }[e.type], e.id.split('/')[1]];
      const feed = readFileSync(path.join(outDir, section, slug!, 'rss.xml'), 'utf8');
      expect(feed.match(/<item>/g)?.length ?? 0, `${e.id} feed`).toBe(Math.min(50, new Set(e.articles).size));
      expect(sitemap).toContain(`<loc>https://example.org/${section}/${slug}/</loc>`);
    }
  });

  it('has a robots.txt that allows crawling and names the sitemap by its absolute URL', () => {
    expect(readFileSync(path.join(outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n');
  });
});

describe('indexes', () => {
  for (const [p, heading] of [['/bai-viet/', 'Bài viết'], ['/nguoi/', 'Người'], ['/don-vi/', 'Đơn vị'], ['/dia-danh/', 'Địa danh'], ['/van-ban/', 'Văn bản']] as const) {
    it(`${p} has letter links that land on their letter, and counts`, async () => {
      const page = await open(p);
      expect(await page.locator('h1').textContent()).toBe(heading);
      const letters = page.locator('nav.letters a');
      const n = await letters.count();
      expect(n, `letters on ${p}`).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const href = (await letters.nth(i).getAttribute('href'))!;
        const target = page.locator(`[id="${href.slice(href.indexOf('#') + 1)}"]`);
        expect(await target.count(), href).toBe(1);
        expect((await target.textContent())!.trim().startsWith((await letters.nth(i).textContent())!.trim() === '#' ? 'Khác' : (await letters.nth(i).textContent())!.trim())).toBe(true);
      }
      expect(await page.locator('.lead').textContent()).toMatch(/^\d+/);
      await page.close();
    });
  }

  it('sorts people by given name with Vietnamese collation', async () => {
    const page = await open('/nguoi/');
    const names = await page.locator('.index-list a').allTextContents();
    expect(names.length).toBeGreaterThan(1);
    const given = (n: string) => [n.split(' ').pop()!, ...n.split(' ').slice(0, -1)].join(' ');
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    expect(names).toEqual([...names].sort((a, b) => collator.compare(given(a), given(b)) || collator.compare(a, b)));
    await page.close();
  });
});

describe('keyboard and layout', () => {
  it('Tab reaches the skip link first, then the search box and the main links, each with a visible focus style', async () => {
    const page = await open('/');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        return {
          tag: el.tagName,
          text: el.textContent?.trim() ?? '',
          name: el.getAttribute('name'),
          inMain: !!el.closest('main'),
          visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight,
          ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
        };
      });
    await page.keyboard.press('Tab');
    const skip = await focused();
    expect(skip).toMatchObject({ tag: 'A', text: 'Bỏ qua, đến nội dung chính', visible: true, ring: true });
    let sawSearch = false;
    let sawMain = false;
    for (let i = 0; i < 30 && !(sawSearch && sawMain); i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      expect(f.ring, `focus ring on ${f.tag} ${f.text}`).toBe(true);
      expect(f.visible, `visible ${f.tag} ${f.text}`).toBe(true);
      if (f.name === 'q') sawSearch = true;
      if (f.inMain && f.tag === 'A') sawMain = true;
    }
    expect(sawSearch).toBe(true);
    expect(sawMain).toBe(true);
    // The skip link moves focus to the main content.
    await page.goto(served.server.url);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('noi-dung');
    await page.close();
  });

  it('has no horizontal scrolling at 390 px and 1280 px; screenshots go to .cache/screens/', async () => {
    mkdirSync(SCREENS, { recursive: true });
    const person = kb().entities.find((e) => e.type === 'person' && e.name === 'Nguyễn Thị Tuyết');
    const doc = kb().entities.find((e) => e.type === 'document');
    const shots: [string, string][] = [['home', '/'], ['article', `/bai-viet/${HAI_BA_TRUNG}/`]];
    if (person) shots.push(['person', `/nguoi/${person.id.split('/')[1]}/`]);
    if (doc) shots.push(['document', `/van-ban/${doc.id.split('/')[1]}/`]);
    for (const width of [390, 1280]) {
      for (const [name, p] of shots) {
        const page = await open(p, width);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(SCREENS, `${name}-${width}.png`), fullPage: true });
        await page.close();
      }
    }
    expect(shots.map((s) => s[0])).toEqual(['home', 'article', 'person', 'document']);
  });

  it('serves the 404 page for unknown paths', async () => {
    const page = await served.browser.newPage();
    const response = await page.goto(served.server.url + 'khong-co-trang-nay/');
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy trang');
    expect(await page.locator('main a[href="/"]').count()).toBe(1);
    await page.close();
  });
});
