/**
 * The extraction pipeline on articles already in memory (corpus records for the
 * sample scorer and the benchmark): parse → articleText → extractMentions →
 * resolveEntities → buildKnowledgeBase, the same steps as build/knowledge.ts,
 * with the time spent in each.
 */
import type { ArticleFile } from '../content/article.ts';
import type { KnowledgeBase } from '../graph/types.ts';
import { parseMarkdown } from '../render/parse.ts';
import { articleText } from '../extract/text.ts';
import { extractMentions } from '../extract/index.ts';
import { resolveEntities, type ArticleExtraction } from '../resolve/index.ts';
import { buildKnowledgeBase } from '../graph/build.ts';

export interface StageTimes {
  /** Milliseconds in parse + articleText + extractMentions (per-article work). */
  extractMs: number;
  resolveMs: number;
  graphMs: number;
}

/** Per-article work: one parse, the text with positions, the mentions. */
export function extractArticle(article: ArticleFile): ArticleExtraction {
  const root = parseMarkdown(article.body);
  const text = articleText(root);
  return { article, text, mentions: extractMentions(article, text) };
}

export function knowledgeFromExtractions(articles: ArticleFile[], extractions: ArticleExtraction[]): { kb: KnowledgeBase; resolveMs: number; graphMs: number } {
  const t0 = performance.now();
  const resolution = resolveEntities(extractions);
  const t1 = performance.now();
  const kb = buildKnowledgeBase(articles, resolution);
  return { kb, resolveMs: t1 - t0, graphMs: performance.now() - t1 };
}

export function knowledgeFromArticles(articles: ArticleFile[]): { kb: KnowledgeBase; times: StageTimes } {
  const t0 = performance.now();
  const extractions = articles.map(extractArticle);
  const extractMs = performance.now() - t0;
  const { kb, resolveMs, graphMs } = knowledgeFromExtractions(articles, extractions);
  return { kb, times: { extractMs, resolveMs, graphMs } };
}
