/** /sitemap.xml: every page (or, above 50,000 URLs, an index of /sitemap-<n>.xml). */
import type { APIRoute } from 'astro';
import { getKnowledge } from '../lib/build/knowledge.ts';
import { siteViews } from '../lib/site/views.ts';
import { sitemapResponse } from '../lib/site/feed-routes.ts';

export const GET: APIRoute = async () => sitemapResponse(siteViews((await getKnowledge()).kb));
