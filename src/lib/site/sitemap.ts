/**
 * sitemap.xml: every page of the site as an absolute URL with the base path.
 * The protocol allows 50,000 URLs per file; above that, /sitemap.xml becomes a
 * sitemap index of /sitemap-1.xml, /sitemap-2.xml, ….
 */
import { absoluteUrl, type SiteConfig } from '../model/site-config.ts';
import { escapeXml } from './xml.ts';

export const SITEMAP_LIMIT = 50_000;

export interface SitemapEntry {
  /** Site-root-relative path. */
  path: string;
  /** ISO date of the last change, when known. */
  lastmod?: string | null;
}

export function sitemapChunks(entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): SitemapEntry[][] {
  const chunks: SitemapEntry[][] = [];
  for (let i = 0; i < entries.length; i += limit) chunks.push(entries.slice(i, i + limit));
  return chunks;
}

export function sitemapChunkPath(n: number): string {
  return `/sitemap-${n}.xml`;
}

export function renderUrlset(cfg: SiteConfig, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((e) => {
    const lastmod = e.lastmod && /^\d{4}-\d{2}-\d{2}$/.test(e.lastmod) ? `<lastmod>${e.lastmod}</lastmod>` : '';
    return `<url><loc>${escapeXml(absoluteUrl(cfg, e.path))}</loc>${lastmod}</url>`;
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

export function renderSitemapIndex(cfg: SiteConfig, chunkCount: number): string {
  const items: string[] = [];
  for (let n = 1; n <= chunkCount; n++) items.push(`<sitemap><loc>${escapeXml(absoluteUrl(cfg, sitemapChunkPath(n)))}</loc></sitemap>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...items, '</sitemapindex>', ''].join('\n');
}

/** The whole sitemap.xml: a urlset when it fits, else an index of the chunks. */
export function renderSitemap(cfg: SiteConfig, entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): string {
  if (entries.length <= limit) return renderUrlset(cfg, entries);
  return renderSitemapIndex(cfg, sitemapChunks(entries, limit).length);
}
