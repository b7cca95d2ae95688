/**
 * Every page of the site, enumerated once from the views: the route files'
 * getStaticPaths and the sitemap both come from here, so they cannot disagree.
 *
 * URL scheme (site-root relative; withBase adds the base path):
 *   /                          home
 *   /bai-viet/  /bai-viet/2/   article index (alphabetical), pages
 *   /bai-viet/<id>/            article
 *   /nguoi/  /nguoi/2/         people index, pages (same for don-vi, dia-danh, van-ban)
 *   /nguoi/<slug>/  …/2/       person, pages of mentions
 *   /nguoi/<slug>/rss.xml      feed of the articles that mention the person
 */
import type { EntityType } from '../model/mention.ts';
import { siteConfigFromEnv, type SiteConfig } from '../model/site-config.ts';
import { ENTITY_SECTION, SEARCH_PATH, articlePath, entityPath } from '../model/paths.ts';
import { pagePath, ENTITY_TYPES, type SiteViews } from './views.ts';
import type { SitemapEntry } from './sitemap.ts';

let config: SiteConfig | undefined;
/** The site configuration of this build (SITE_URL, BASE_PATH), read once. */
export function siteConfig(): SiteConfig {
  return (config ??= siteConfigFromEnv());
}

export const ARTICLE_INDEX_PATH = '/bai-viet/';
export const SITE_FEED_PATH = '/rss.xml';

export function entityIndexPath(type: EntityType): string {
  return `/${ENTITY_SECTION[type]}/`;
}

export function entityPagePath(id: string, page: number): string {
  return pagePath(entityPath(id), page);
}

export function entityFeedPath(id: string): string {
  return `${entityPath(id)}rss.xml`;
}

/** The slug part of an entity id ("person/nguyen-van-a" → "nguyen-van-a"). */
export function entitySlug(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

const NUMERIC = /^\d+$/;

/**
 * Index pages 2, 3 … share the URL level with entity and article slugs
 * ("/nguoi/2/" next to "/nguoi/<slug>/"); a purely numeric slug would clash.
 */
function assertNotNumeric(slug: string, what: string): void {
  if (NUMERIC.test(slug)) {
    throw new Error(`${what} has the slug "${slug}", which clashes with the index page URLs (/…/${slug}/): give it a non-numeric slug.`);
  }
}

export interface SectionPageProps {
  kind: 'index' | 'item';
  /** Entity or article id (kind "item"). */
  id?: string;
  page: number;
}

/**
 * Astro's cacheKey for a page (site-root path), for incremental builds
 * (src/lib/build/page-deps.ts); undefined: always render.
 */
export type PageCacheKey = (pagePath: string) => string | undefined;
const noKey: PageCacheKey = () => undefined;

/** Static paths of "/<section>/[slug]/[...page]": entity pages (with their mention pages) and index pages 2+. */
export function entitySectionPaths(
  views: SiteViews,
  type: EntityType,
  cacheKey: PageCacheKey = noKey,
): { params: { slug: string; page: string | undefined }; props: SectionPageProps; cacheKey?: string }[] {
  const out: { params: { slug: string; page: string | undefined }; props: SectionPageProps; cacheKey?: string }[] = [];
  for (const e of views.entitiesOfType(type)) {
    const slug = entitySlug(e.id);
    assertNotNumeric(slug, `Entity ${e.id}`);
    const pages = views.entityPageCount(e.id);
    for (let page = 1; page <= pages; page++) {
      out.push({ params: { slug, page: page === 1 ? undefined : String(page) }, props: { kind: 'item', id: e.id, page }, cacheKey: cacheKey(entityPagePath(e.id, page)) });
    }
  }
  for (const p of views.alphaIndex(type).pages.slice(1)) {
    out.push({ params: { slug: String(p.page), page: undefined }, props: { kind: 'index', page: p.page } });
  }
  return out;
}

/** Static paths of "/bai-viet/[slug]/": articles and index pages 2+. */
export function articleSectionPaths(views: SiteViews, cacheKey: PageCacheKey = noKey): { params: { slug: string }; props: SectionPageProps; cacheKey?: string }[] {
  const out: { params: { slug: string }; props: SectionPageProps; cacheKey?: string }[] = [];
  for (const a of views.kb.articles) {
    assertNotNumeric(a.id, `Article ${a.id}`);
    out.push({ params: { slug: a.id }, props: { kind: 'item', id: a.id, page: 1 }, cacheKey: cacheKey(articlePath(a.id)) });
  }
  for (const p of views.articleIndex().pages.slice(1)) {
    out.push({ params: { slug: String(p.page) }, props: { kind: 'index', page: p.page } });
  }
  return out;
}

/** Every HTML page of the site (the search page included), for the sitemap. */
export function allPages(views: SiteViews): SitemapEntry[] {
  const entries: SitemapEntry[] = [{ path: '/', lastmod: views.articlesNewestFirst.find((a) => a.published)?.published ?? null }];
  entries.push({ path: SEARCH_PATH });
  for (const p of views.articleIndex().pages) entries.push({ path: pagePath(ARTICLE_INDEX_PATH, p.page) });
  for (const a of views.articlesNewestFirst) entries.push({ path: articlePath(a.id), lastmod: a.published });
  for (const type of ENTITY_TYPES) {
    for (const p of views.alphaIndex(type).pages) entries.push({ path: pagePath(entityIndexPath(type), p.page) });
    for (const e of views.entitiesOfType(type)) {
      const pages = views.entityPageCount(e.id);
      const lastmod = views.articlesOf(e.id).find((a) => a.published)?.published ?? null;
      for (let page = 1; page <= pages; page++) entries.push({ path: entityPagePath(e.id, page), lastmod: page === 1 ? lastmod : null });
    }
  }
  return entries;
}
