/** /rss.xml: the newest articles of the whole site. */
import type { APIRoute } from 'astro';
import { getKnowledge } from '../lib/build/knowledge.ts';
import { siteViews } from '../lib/site/views.ts';
import { siteFeedResponse } from '../lib/site/feed-routes.ts';

export const GET: APIRoute = async () => siteFeedResponse(siteViews((await getKnowledge()).kb));
