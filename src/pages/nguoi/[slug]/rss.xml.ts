/** RSS of the articles that mention one entity: /nguoi/<slug>/rss.xml. */
import type { APIRoute } from 'astro';
import { entityFeed, entityFeedStaticPaths } from '../../../integrations/page-data.ts';

export function getStaticPaths() {
  return entityFeedStaticPaths('person');
}

export const GET: APIRoute = ({ props, url }) => entityFeed(url, props);
