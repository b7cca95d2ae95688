/** Assemble kb.json (version 1) from the loaded articles and the resolution. */
import type { ArticleFile } from '../content/article.ts';
import type { Resolution } from '../resolve/index.ts';
import type { KnowledgeBase } from './types.ts';
import { articlePath } from '../site/paths.ts';

export function buildKnowledgeBase(articles: ArticleFile[], resolution: Resolution): KnowledgeBase {
  const entitiesByArticle = new Map<string, string[]>();
  for (const e of resolution.entities) {
    for (const a of e.articles) {
      let list = entitiesByArticle.get(a);
      if (!list) entitiesByArticle.set(a, (list = []));
      list.push(e.id);
    }
  }
  return {
    version: 1,
    articles: articles.map((a) => ({
      id: a.id,
      url: articlePath(a.id),
      title: a.title,
      published: a.published,
      author: a.author,
      source: a.source,
      file: a.file,
      entities: entitiesByArticle.get(a.id) ?? [],
    })),
    entities: resolution.entities,
  };
}
