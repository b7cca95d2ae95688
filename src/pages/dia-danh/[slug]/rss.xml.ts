/** RSS of the articles that mention one entity: /dia-danh/<slug>/rss.xml. */
import type { APIRoute } from 'astro';
import { entityFeed, entityFeedStaticPaths } from '../../../integrations/page-data.ts';

export function getStaticPaths() {
  return entityFeedStaticPaths('place');
}

export const GET: APIRoute = ({ props, url }) => entityFeed(url, props);
