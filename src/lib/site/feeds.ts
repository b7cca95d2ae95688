/**
 * RSS 2.0 feeds: one of the whole site (the newest articles) and one per
 * entity (the newest articles that mention it). All text is XML-escaped; links
 * are absolute and carry the base path.
 */
import type { KbArticle } from '../model/kb.ts';
import { absoluteUrl, type SiteConfig } from '../model/site-config.ts';
import { articlePath } from '../model/paths.ts';
import { escapeXml } from './xml.ts';

/** Items per feed: feeds carry the newest articles, not the archive. */
export const FEED_ITEMS = 50;

export interface FeedInfo {
  title: string;
  description: string;
  /** Site-root-relative path of the page the feed belongs to. */
  pagePath: string;
  /** Site-root-relative path of the feed itself. */
  feedPath: string;
}

/** RFC 822 date for an ISO date (YYYY-MM-DD), at midnight UTC. */
export function rfc822(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d.toUTCString();
}

/** Articles must come newest first; the first FEED_ITEMS are used. */
export function renderRss(cfg: SiteConfig, info: FeedInfo, articles: readonly KbArticle[]): string {
  const items = articles.slice(0, FEED_ITEMS).map((a) => {
    const url = absoluteUrl(cfg, articlePath(a.id));
    const date = a.published ? rfc822(a.published) : null;
    const parts = [
      `<title>${escapeXml(a.title)}</title>`,
      `<link>${escapeXml(url)}</link>`,
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
    ];
    if (date) parts.push(`<pubDate>${date}</pubDate>`);
    if (a.author) parts.push(`<dc:creator>${escapeXml(a.author)}</dc:creator>`);
    // The newspaper it came from. RSS's <source> must point at that newspaper's own feed, which we do not know: Dublin Core's source instead.
    if (a.source) parts.push(`<dc:source>${escapeXml(a.source)}</dc:source>`);
    return `<item>${parts.join('')}</item>`;
  });
  const newest = articles.find((a) => a.published)?.published;
  const lastBuild = newest ? rfc822(newest) : null;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${escapeXml(info.title)}</title>`,
    `<link>${escapeXml(absoluteUrl(cfg, info.pagePath))}</link>`,
    `<description>${escapeXml(info.description)}</description>`,
    '<language>vi</language>',
    `<atom:link href="${escapeXml(absoluteUrl(cfg, info.feedPath))}" rel="self" type="application/rss+xml"/>`,
    ...(lastBuild ? [`<lastBuildDate>${lastBuild}</lastBuildDate>`] : []),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
