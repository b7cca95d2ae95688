/** RSS of the articles that mention one entity: /don-vi/<slug>/rss.xml. */
import type { APIRoute } from 'astro';
import { getKnowledge } from '../../../lib/build/knowledge.ts';
import { siteViews } from '../../../lib/site/views.ts';
import { pageData, pageDependencies } from '../../../lib/site/page-data.ts';
import { entityFeedResponse, entityFeedPaths } from '../../../lib/site/feed-routes.ts';

export async function getStaticPaths() {
  const { kb } = await getKnowledge();
  const deps = await pageDependencies();
  return entityFeedPaths(siteViews(kb), 'unit', (page) => deps.cacheKey(page));
}

export const GET: APIRoute = async ({ props, url }) => {
  const { views } = await pageData(url);
  return entityFeedResponse(views, (props as { id: string }).id);
};
