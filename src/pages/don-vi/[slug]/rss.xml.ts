/** RSS of the articles that mention one entity: /don-vi/<slug>/rss.xml. */
import type { APIRoute } from 'astro';
import { entityFeed, entityFeedStaticPaths } from '../../../integrations/page-data.ts';

export function getStaticPaths() {
  return entityFeedStaticPaths('unit');
}

export const GET: APIRoute = ({ props, url }) => entityFeed(url, props);
