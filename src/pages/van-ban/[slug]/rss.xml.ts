/** RSS of the articles that mention one entity: /van-ban/<slug>/rss.xml. */
import type { APIRoute } from 'astro';
import { entityFeed, entityFeedStaticPaths } from '../../../integrations/page-data.ts';

export function getStaticPaths() {
  return entityFeedStaticPaths('document');
}

export const GET: APIRoute = ({ props, url }) => entityFeed(url, props);
