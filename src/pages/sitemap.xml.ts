/** /sitemap.xml: every page (or, above 50,000 URLs, an index of /sitemap-<n>.xml). */
import type { APIRoute } from 'astro';
import { pageData } from '../integrations/page-data.ts';
import { sitemapResponse } from '../lib/site/feed-routes.ts';

export const GET: APIRoute = async ({ url }) => sitemapResponse((await pageData(url)).views);
