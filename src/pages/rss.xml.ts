/** /rss.xml: the newest articles of the whole site. */
import type { APIRoute } from 'astro';
import { pageData } from '../integrations/page-data.ts';
import { siteFeedResponse } from '../lib/site/feed-routes.ts';

export const GET: APIRoute = async ({ url }) => siteFeedResponse((await pageData(url)).views);
