/**
 * What a page reads while it renders, for Astro's incremental builds: the site
 * views and article bodies, recorded per page by PageDependencies
 * (src/lib/build/page-deps.ts). The route files' getStaticPaths come from here
 * (each path with its cache key); components read their data through pageData().
 */
import type { KnowledgeBuild } from '../lib/pipeline.ts';
import { getKnowledge } from './knowledge.ts';
import { PageDependencies, type DataSource } from './page-deps.ts';
import { astroCacheDir } from './astro-cache.ts';
import { siteViews, type SiteViews } from '../lib/site/views.ts';
import { articleSectionPaths, entitySectionPaths, siteConfig, type PageCacheKey } from '../lib/site/routes.ts';
import { entityFeedPaths, entityFeedResponse, sitemapChunkPaths } from '../lib/site/feed-routes.ts';
import type { EntityType } from '../lib/model/mention.ts';

/**
 * What an article page shows of the article's text besides the views. `html` is
 * not enumerable: a page's cache key digests `key`, which identifies the HTML,
 * so computing the keys of 35,000 article pages never parses their HTML.
 */
export interface ArticleBody {
  key: string;
  readonly html: string;
  /** The start of the text, for the page description. */
  lead: string;
  /** The original URL of the article, if known. */
  url: string | null;
}

const BUILDING = Symbol.for('kho-tin.building');
const PAGES_HELD = Symbol.for('kho-tin.pages-held');
const MEMO = Symbol.for('kho-tin.page-deps');
type Global = Record<symbol, unknown>;

/** Called by the integration when `astro build` starts: recording is only for builds, not the dev server. */
export function markBuilding(): void {
  (globalThis as Global)[BUILDING] = true;
}

function createDependencies(build: KnowledgeBuild): PageDependencies {
  const views = siteViews(build.kb);
  const sources: Record<string, DataSource> = {};
  for (const [name, value] of Object.entries(views)) {
    if (typeof value === 'function') sources[name] = value as DataSource;
  }
  sources.articleBody = (id) => {
    const built = build.articles.get(String(id));
    if (!built) return undefined;
    const body = { key: built.htmlKey, lead: built.text.text.slice(0, 300), url: built.file.url ?? null };
    return Object.defineProperty(body, 'html', { get: () => built.html, enumerable: false }) as ArticleBody;
  };
  return new PageDependencies(sources, (globalThis as Global)[BUILDING] ? astroCacheDir() : null);
}

/** One PageDependencies per knowledge build, shared by the page bundle and the integration (globalThis). */
export async function pageDependencies(): Promise<PageDependencies> {
  const build = await getKnowledge();
  const g = globalThis as Global;
  let memo = g[MEMO] as { build: KnowledgeBuild; deps: PageDependencies } | undefined;
  if (!memo || memo.build !== build) g[MEMO] = memo = { build, deps: createDependencies(build) };
  return memo.deps;
}

/** The site-root path of a page from its URL (Astro.url): without the base path. */
export function pagePathOf(url: URL): string {
  const base = siteConfig().basePath;
  return url.pathname.startsWith(base) ? `/${url.pathname.slice(base.length)}` : url.pathname;
}

/** The data of the page at `url`, recorded for its cache key. */
export async function pageData(url: URL): Promise<{ views: SiteViews; articleBody(id: string): ArticleBody | undefined }> {
  const deps = await pageDependencies();
  const page = pagePathOf(url);
  const { kb } = await getKnowledge();
  return {
    views: deps.recorder(page, siteViews(kb)),
    articleBody: (id) => deps.use<ArticleBody | undefined>(page, 'articleBody', id),
  };
}

/**
 * Holds page generation back until `ready` settles: the integration gives the
 * search index a head start (its Pagefind process then works on the other core
 * while the pages render). Computing the pages' cache keys is one long stretch
 * of the event loop that would otherwise leave Pagefind waiting for records.
 */
export function holdPagesUntil(ready: Promise<unknown>): void {
  (globalThis as Global)[PAGES_HELD] = ready.then(() => undefined, () => undefined);
}

/** What every getStaticPaths needs: this build's views, and the cache key of a page path. */
async function pathsContext(): Promise<{ views: SiteViews; cacheKey: PageCacheKey }> {
  await ((globalThis as Global)[PAGES_HELD] as Promise<void> | undefined);
  const { kb } = await getKnowledge();
  const deps = await pageDependencies();
  await deps.prepareKeys();
  return { views: siteViews(kb), cacheKey: (page) => deps.cacheKey(page) };
}

/** getStaticPaths of "/<section>/[slug]/[...page]" for one entity type. */
export async function entitySectionStaticPaths(type: EntityType): Promise<ReturnType<typeof entitySectionPaths>> {
  const { views, cacheKey } = await pathsContext();
  return entitySectionPaths(views, type, cacheKey);
}

/** getStaticPaths of "/bai-viet/[slug]/". */
export async function articleSectionStaticPaths(): Promise<ReturnType<typeof articleSectionPaths>> {
  const { views, cacheKey } = await pathsContext();
  return articleSectionPaths(views, cacheKey);
}

/** getStaticPaths of "/<section>/[slug]/rss.xml" for one entity type. */
export async function entityFeedStaticPaths(type: EntityType): Promise<ReturnType<typeof entityFeedPaths>> {
  const { views, cacheKey } = await pathsContext();
  return entityFeedPaths(views, type, cacheKey);
}

/** The feed of one entity, read through the recorded views of its URL. */
export async function entityFeed(url: URL, props: unknown): Promise<Response> {
  const { views } = await pageData(url);
  return entityFeedResponse(views, (props as { id: string }).id);
}

/** getStaticPaths of "/sitemap-[n].xml". */
export async function sitemapChunkStaticPaths(): Promise<ReturnType<typeof sitemapChunkPaths>> {
  const { views } = await pathsContext();
  return sitemapChunkPaths(views);
}
