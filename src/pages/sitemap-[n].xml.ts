/** /sitemap-<n>.xml: chunks of a sitemap too large for one file. */
import type { APIRoute } from 'astro';
import { getKnowledge } from '../lib/build/knowledge.ts';
import { siteViews } from '../lib/site/views.ts';
import { sitemapChunkPaths, sitemapChunkResponse } from '../lib/site/feed-routes.ts';

export async function getStaticPaths() {
  return sitemapChunkPaths(siteViews((await getKnowledge()).kb));
}

export const GET: APIRoute = async ({ params }) => sitemapChunkResponse(siteViews((await getKnowledge()).kb), Number(params.n));
