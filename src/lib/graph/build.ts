/**
 * Assemble kb.json (version 1) from the loaded articles and the resolution.
 *
 * The output is deterministic whatever order the inputs come in: articles and
 * entities by id, each entity's articles by id, its mentions grouped by article
 * (in id order) and kept in text order within an article, its roles likewise,
 * aliases in Vietnamese order (ties by code point), each article's entity ids
 * sorted. Same content in, same bytes out (docs/kb-json.md).
 */
import type { ArticleFile } from '../model/article.ts';
import type { Resolution } from '../resolve/index.ts';
import type { KbEntity, KnowledgeBase } from '../model/kb.ts';
import { articlePath } from '../model/paths.ts';
import { compareVi } from '../text/collate.ts';
import { positionsOf } from './positions.ts';

/** Code-unit order: ids are ASCII, so this is locale-independent. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareAliases(a: string, b: string): number {
  return compareVi(a, b) || compareIds(a, b);
}

/** A stable sort by article id keeps the resolver's text order inside one article. */
function byArticle<T extends { article: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => compareIds(x.article, y.article));
}

function normaliseEntity(e: KbEntity, dateOf: (articleId: string) => string | null): KbEntity {
  const out: KbEntity = {
    ...e,
    aliases: [...new Set(e.aliases)].sort(compareAliases),
    articles: [...new Set(e.articles)].sort(compareIds),
    mentions: byArticle(e.mentions),
  };
  if (e.roles) {
    out.roles = byArticle(e.roles);
    if (out.roles.length > 0) out.positions = positionsOf(out.roles, dateOf);
  }
  return out;
}

export function buildKnowledgeBase(articles: ArticleFile[], resolution: Resolution): KnowledgeBase {
  const published = new Map(articles.map((a) => [a.id, a.published]));
  const dateOf = (id: string): string | null => published.get(id) ?? null;
  const entities = resolution.entities.map((e) => normaliseEntity(e, dateOf)).sort((a, b) => compareIds(a.id, b.id));
  const entitiesByArticle = new Map<string, string[]>();
  for (const e of entities) {
    for (const a of e.articles) {
      let list = entitiesByArticle.get(a);
      if (!list) entitiesByArticle.set(a, (list = []));
      list.push(e.id); // entities are visited in id order, so each list is sorted
    }
  }
  return {
    version: 1,
    articles: [...articles]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((a) => ({
        id: a.id,
        url: articlePath(a.id),
        title: a.title,
        published: a.published,
        author: a.author,
        source: a.source,
        file: a.file,
        entities: entitiesByArticle.get(a.id) ?? [],
      })),
    entities,
  };
}
