/** /tim-kiem/goi-y.json: the entities named in the most articles, for the header search box's suggestions. */
import type { APIRoute } from 'astro';
import { pageData } from '../../integrations/page-data.ts';
import { ENTITY_TYPES } from '../../lib/model/mention.ts';
import { entityPath } from '../../lib/model/paths.ts';
import { suggestionIndex } from '../../lib/search/suggestions.ts';

/** More than the byte budget can hold of any one type. */
const PER_TYPE = 2_000;

export const GET: APIRoute = async ({ url }) => {
  const { views } = await pageData(url);
  const ranked = ENTITY_TYPES.flatMap((type) => views.mostMentioned(type, PER_TYPE).map((e) => ({ e, n: views.articlesOf(e.id).length })))
    .sort((a, b) => b.n - a.n || a.e.id.localeCompare(b.e.id));
  const index = suggestionIndex(ranked.map(({ e, n }) => ({ name: e.name, type: e.type, aliases: e.aliases, articles: n, path: entityPath(e.id) })));
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json' } });
};
