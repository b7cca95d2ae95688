/**
 * The pipeline, end to end: load → parse → extract → resolve → graph → render.
 * Astro pages and the `kb` script both get the knowledge base from here; within
 * one process it is built once (memoised per content directory).
 */
import path from 'node:path';
import type { Root } from 'mdast';
import { loadArticles } from '../content/load.ts';
import { ContentError } from '../content/diagnostics.ts';
import type { ArticleFile } from '../content/article.ts';
import { parseMarkdown } from '../render/parse.ts';
import { articleText, type ArticleText } from '../extract/text.ts';
import { extractMentions } from '../extract/index.ts';
import { resolveEntities, type ResolvedMention } from '../resolve/index.ts';
import type { KnowledgeBase } from '../graph/types.ts';
import { buildKnowledgeBase } from '../graph/build.ts';
import { recordStage } from './stats.ts';
import { BuildCache, hashOf, pipelineFingerprint } from './cache.ts';
import type { Mention } from '../extract/types.ts';

export interface BuiltArticle {
  file: ArticleFile;
  root: Root;
  text: ArticleText;
  links: ResolvedMention[];
}

export interface KnowledgeBuild {
  kb: KnowledgeBase;
  articles: Map<string, BuiltArticle>;
}

export async function buildKnowledge(contentDir: string): Promise<KnowledgeBuild> {
  const startedAt = performance.now();
  const { articles, diagnostics } = await loadArticles(contentDir);
  if (diagnostics.some((d) => d.severity === 'error')) throw new ContentError(diagnostics);
  for (const d of diagnostics) console.warn(`[kho-tin] ${d.file}: ${d.message}`);

  // Per-article extraction is cached by content hash (+ the code/data fingerprint),
  // so a rebuild after adding one article extracts only that article.
  const cache = new BuildCache();
  const fingerprint = cache.enabled ? pipelineFingerprint() : '';
  const extractions = articles.map((article) => {
    const root = parseMarkdown(article.body);
    const text = articleText(root);
    const key = cache.enabled ? hashOf(fingerprint, article.id, article.file, article.hash) : '';
    let mentions = cache.get<Mention[]>('mentions', key);
    if (!mentions) {
      mentions = extractMentions(article, text);
      cache.set('mentions', key, mentions);
    }
    return { article, root, text, mentions };
  });
  const resolution = resolveEntities(extractions);
  const kb = buildKnowledgeBase(articles, resolution);
  const built = new Map<string, BuiltArticle>();
  for (const x of extractions) {
    built.set(x.article.id, { file: x.article, root: x.root, text: x.text, links: resolution.links.get(x.article.id) ?? [] });
  }
  recordStage('extract', startedAt, { articles: articles.length, entities: kb.entities.length, cacheHits: cache.hits });
  return { kb, articles: built };
}

// On globalThis: Astro loads the integration and the page bundle as separate module
// instances in one process; both must share one build of the knowledge base.
const MEMO_KEY = Symbol.for('kho-tin.knowledge');
const memo: Map<string, Promise<KnowledgeBuild>> = ((globalThis as Record<symbol, unknown>)[MEMO_KEY] ??= new Map()) as Map<
  string,
  Promise<KnowledgeBuild>
>;

/** The content directory of this build: $CONTENT_DIR or content/. */
export function contentDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.CONTENT_DIR ?? 'content');
}

export function getKnowledge(contentDir = contentDirFromEnv()): Promise<KnowledgeBuild> {
  let p = memo.get(contentDir);
  if (!p) {
    p = buildKnowledge(contentDir);
    memo.set(contentDir, p);
  }
  return p;
}
