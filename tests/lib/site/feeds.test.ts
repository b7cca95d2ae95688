import { describe, it, expect } from 'vitest';
import { renderRss, rfc822, FEED_ITEMS } from '../../../src/lib/site/feeds.ts';
import { renderSitemap, renderUrlset, sitemapChunks } from '../../../src/lib/site/sitemap.ts';
import { escapeXml } from '../../../src/lib/site/xml.ts';
import { allPages } from '../../../src/lib/site/routes.ts';
import { createSiteViews } from '../../../src/lib/site/views.ts';
import type { SiteConfig } from '../../../src/lib/model/site-config.ts';
import { article, fixtureKb } from './fixture.ts';

const cfg: SiteConfig = { siteUrl: 'https://example.org', basePath: '/kho-tin/' };

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('a < b & "c" \'d\' > e')).toBe('a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e');
    expect(escapeXml('x\u0000\u0008y\u000Bz\uFFFF')).toBe('xyz');
    expect(escapeXml('Đảng ủy \u{1F600}')).toBe('Đảng ủy \u{1F600}');
  });
});

describe('RSS', () => {
  it('writes escaped items with absolute links under the base path, newest first, capped', () => {
    const articles = [article('a-b', 'Tiêu đề <b>đậm</b> & "trích"', '2023-01-27'), article('khong-ngay', ']]> </channel>', null)];
    const xml = renderRss(cfg, { title: 'Kho tin: Nguyễn Thị Tuyết', description: 'Bài viết nhắc đến <người>', pagePath: '/nguoi/x/', feedPath: '/nguoi/x/rss.xml' }, articles);
    expect(xml).toContain('<title>Tiêu đề &lt;b&gt;đậm&lt;/b&gt; &amp; &quot;trích&quot;</title>');
    expect(xml).toContain('<title>]]&gt; &lt;/channel&gt;</title>');
    expect(xml).toContain('<link>https://example.org/kho-tin/bai-viet/a-b/</link>');
    expect(xml).toContain('<pubDate>Fri, 27 Jan 2023 00:00:00 GMT</pubDate>');
    expect(xml).toContain('<atom:link href="https://example.org/kho-tin/nguoi/x/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(xml).toContain('<description>Bài viết nhắc đến &lt;người&gt;</description>');
    // The newspaper as Dublin Core's source: RSS's <source> would have to name that newspaper's own feed.
    expect(xml).toContain('<dc:source>HNM</dc:source>');
    expect(xml).not.toContain('<source');
    expect(xml.match(/<item>/g)).toHaveLength(2);
    const many = Array.from({ length: FEED_ITEMS + 10 }, (_, i) => article(`a${i}`, `B ${i}`, null));
    expect(renderRss(cfg, { title: 't', description: 'd', pagePath: '/', feedPath: '/rss.xml' }, many).match(/<item>/g)).toHaveLength(FEED_ITEMS);
  });
  it('converts ISO dates to RFC 822 and refuses nonsense', () => {
    expect(rfc822('2022-03-18')).toBe('Fri, 18 Mar 2022 00:00:00 GMT');
    expect(rfc822('18/03/2022')).toBeNull();
  });
});

describe('sitemap', () => {
  it('lists every page of the site with the base path, entity mention pages included', () => {
    const paths = allPages(createSiteViews(fixtureKb())).map((e) => e.path);
    expect(paths).toContain('/');
    expect(paths).toContain('/bai-viet/hoi-nghi-quan/');
    expect(paths).toContain('/nguoi/');
    expect(paths).toContain('/nguoi/nguyen-thi-tuyet/');
    expect(paths).toContain('/van-ban/47-qd-tw/');
    expect(new Set(paths).size).toBe(paths.length);
    const xml = renderSitemap(cfg, [{ path: '/', lastmod: '2023-01-27' }, { path: '/nguoi/a&b/' }]);
    expect(xml).toContain('<url><loc>https://example.org/kho-tin/</loc><lastmod>2023-01-27</lastmod></url>');
    expect(xml).toContain('<loc>https://example.org/kho-tin/nguoi/a&amp;b/</loc>');
  });
  it('becomes an index of chunks above the limit', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ path: `/p${i}/` }));
    expect(sitemapChunks(entries, 2).map((c) => c.length)).toEqual([2, 2, 1]);
    const index = renderSitemap(cfg, entries, 2);
    expect(index).toContain('<sitemapindex');
    expect(index.match(/<sitemap>/g)).toHaveLength(3);
    expect(index).toContain('<loc>https://example.org/kho-tin/sitemap-3.xml</loc>');
    expect(renderUrlset(cfg, entries.slice(4))).toContain('https://example.org/kho-tin/p4/');
  });
});
