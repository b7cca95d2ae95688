/** The feed and sitemap endpoints' data, so the route files stay one-liners. */
import type { EntityType } from '../model/mention.ts';
import { entityPath } from '../model/paths.ts';
import { renderRss } from './feeds.ts';
import { entityFeedPath, entitySlug, siteConfig, allPages, SITE_FEED_PATH, type PageCacheKey } from './routes.ts';
import { renderSitemap, renderUrlset, sitemapChunks, SITEMAP_LIMIT } from './sitemap.ts';
import { TYPE_LABELS, type SiteViews } from './views.ts';
import { SITE_NAME } from './jsonld.ts';

const pagesMemo = new WeakMap<SiteViews, ReturnType<typeof allPages>>();
function pagesOf(views: SiteViews): ReturnType<typeof allPages> {
  let pages = pagesMemo.get(views);
  if (!pages) pagesMemo.set(views, (pages = allPages(views)));
  return pages;
}

const XML_HEADERS = { 'content-type': 'application/xml; charset=utf-8' };
const RSS_HEADERS = { 'content-type': 'application/rss+xml; charset=utf-8' };

export function entityFeedPaths(
  views: SiteViews,
  type: EntityType,
  cacheKey: PageCacheKey = () => undefined,
): { params: { slug: string }; props: { id: string }; cacheKey?: string }[] {
  return views.entitiesOfType(type).map((e) => ({ params: { slug: entitySlug(e.id) }, props: { id: e.id }, cacheKey: cacheKey(entityFeedPath(e.id)) }));
}

export function entityFeedResponse(views: SiteViews, id: string): Response {
  const e = views.entity(id);
  if (!e) throw new Error(`No entity with id ${id}`);
  const xml = renderRss(
    siteConfig(),
    {
      title: `${SITE_NAME}: ${e.name}`,
      description: `Bài viết nhắc đến ${TYPE_LABELS[e.type].one.toLowerCase()} ${e.name}`,
      pagePath: entityPath(id),
      feedPath: entityFeedPath(id),
    },
    views.articlesOf(id),
  );
  return new Response(xml, { headers: RSS_HEADERS });
}

export function siteFeedResponse(views: SiteViews): Response {
  const xml = renderRss(
    siteConfig(),
    { title: `${SITE_NAME}: bài viết mới`, description: 'Các bài viết mới nhất trong kho tin', pagePath: '/', feedPath: SITE_FEED_PATH },
    views.articlesNewestFirst,
  );
  return new Response(xml, { headers: RSS_HEADERS });
}

export function sitemapResponse(views: SiteViews): Response {
  return new Response(renderSitemap(siteConfig(), pagesOf(views)), { headers: XML_HEADERS });
}

/** Chunks 1..n of a sitemap too large for one file (none when it fits). */
export function sitemapChunkPaths(views: SiteViews): { params: { n: string } }[] {
  const entries = pagesOf(views);
  if (entries.length <= SITEMAP_LIMIT) return [];
  return sitemapChunks(entries).map((_, i) => ({ params: { n: String(i + 1) } }));
}

export function sitemapChunkResponse(views: SiteViews, n: number): Response {
  const chunk = sitemapChunks(pagesOf(views))[n - 1];
  if (!chunk) throw new Error(`No sitemap chunk ${n}`);
  return new Response(renderUrlset(siteConfig(), chunk), { headers: XML_HEADERS });
}
