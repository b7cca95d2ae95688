/** RSS of the articles that mention one entity: /dia-danh/<slug>/rss.xml. */
import type { APIRoute } from 'astro';
import { getKnowledge } from '../../../lib/build/knowledge.ts';
import { siteViews } from '../../../lib/site/views.ts';
import { entityFeedResponse, entityFeedPaths } from '../../../lib/site/feed-routes.ts';

export async function getStaticPaths() {
  const { kb } = await getKnowledge();
  return entityFeedPaths(siteViews(kb), 'place');
}

export const GET: APIRoute = async ({ props }) => {
  const { kb } = await getKnowledge();
  return entityFeedResponse(siteViews(kb), (props as { id: string }).id);
};
