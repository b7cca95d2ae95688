/** /sitemap-<n>.xml: chunks of a sitemap too large for one file. */
import type { APIRoute } from 'astro';
import { pageData, sitemapChunkStaticPaths } from '../integrations/page-data.ts';
import { sitemapChunkResponse } from '../lib/site/feed-routes.ts';

export async function getStaticPaths() {
  return sitemapChunkStaticPaths();
}

export const GET: APIRoute = async ({ params, url }) => sitemapChunkResponse((await pageData(url)).views, Number(params.n));
