/** /robots.txt: everything may be crawled; the sitemap's absolute URL (the search page asks for noindex itself). */
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../lib/model/site-config.ts';
import { siteConfig } from '../lib/site/routes.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(siteConfig(), '/sitemap.xml')}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
