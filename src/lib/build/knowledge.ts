/**
 * The pipeline, end to end: load → parse → extract → resolve → graph → render.
 * Astro pages, the search indexer and the `kb` script all get the knowledge base
 * from here; within one process it is built once (memoised per content directory).
 *
 * Each article is parsed once. Its tree is kept only until its HTML is rendered
 * (right after resolution, when the mention links are known) and then dropped,
 * so a large corpus never holds every tree through page rendering. Per-article
 * extraction and HTML are cached by content hash in .cache/build: an unchanged
 * article whose links did not change is neither parsed nor rendered again.
 */
import path from 'node:path';
import type { Root } from 'mdast';
import { loadArticles, type LoadMemo, type LoadedFile } from '../content/load.ts';
import { ContentError, formatDiagnostic } from '../content/diagnostics.ts';
import type { ArticleFile } from '../content/article.ts';
import { parseMarkdown } from '../render/parse.ts';
import { renderArticleHtml } from '../render/html.ts';
import { articleText, type ArticleText } from '../extract/text.ts';
import { extractMentions } from '../extract/index.ts';
import type { Mention } from '../extract/types.ts';
import { resolveEntities, type ResolvedMention } from '../resolve/index.ts';
import type { KnowledgeBase } from '../graph/types.ts';
import { buildKnowledgeBase } from '../graph/build.ts';
import { siteConfigFromEnv, withBase } from '../site/config.ts';
import { entityPath } from '../site/paths.ts';
import { recordStage } from './stats.ts';
import { BuildCache, hashOf, pipelineFingerprint, sourceFingerprint } from './cache.ts';

/** An article's text without the tree: what search indexing and page descriptions need. */
export type ArticlePlainText = Pick<ArticleText, 'text' | 'blocks' | 'sentences'>;

export interface BuiltArticle {
  file: ArticleFile;
  text: ArticlePlainText;
  links: ResolvedMention[];
  /** Identifies `html`: a hash of everything it is made of (with the cache off, of the HTML itself). */
  htmlKey: string;
  /** The body, rendered and sanitised, with every resolved mention linked; a cached one is parsed on first use. */
  readonly html: string;
}

function builtArticle(parts: Omit<BuiltArticle, 'html'>, html: () => string): BuiltArticle {
  let value: string | undefined;
  return { ...parts, get html() { return (value ??= html()); } };
}

export interface KnowledgeBuild {
  kb: KnowledgeBase;
  articles: Map<string, BuiltArticle>;
}

interface CachedExtraction {
  text: ArticlePlainText;
  mentions: Mention[];
}

interface Extraction extends CachedExtraction {
  article: ArticleFile;
  key: string;
  /** Present when the article was parsed in this build (cache miss), until its HTML is rendered. */
  tree?: { root: Root; text: ArticleText };
}

export async function buildKnowledge(contentDir: string): Promise<KnowledgeBuild> {
  const startedAt = performance.now();
  const cache = new BuildCache();
  const fingerprint = cache.enabled ? pipelineFingerprint() : '';
  // Unchanged files (by signature) are not read again; a file's load result depends on it and on the loader's code.
  const loadKey = (signature: string): string => hashOf(fingerprint, process.cwd(), signature);
  const loadMemo: LoadMemo | undefined = cache.enabled
    ? { get: (sig) => cache.get<LoadedFile>('load', loadKey(sig)), set: (sig, loaded) => cache.set('load', loadKey(sig), loaded) }
    : undefined;
  const { articles, diagnostics } = await loadArticles(contentDir, loadMemo);
  const loadMs = Math.round(performance.now() - startedAt);
  if (diagnostics.some((d) => d.severity === 'error')) {
    await cache.flush(); // what loaded well is kept for the build after the fix
    throw new ContentError(diagnostics);
  }
  for (const d of diagnostics) console.warn(`[kho-tin] warning: ${formatDiagnostic(d)}`);

  const loadHits = cache.hits;
  const extractions: Extraction[] = [];
  for (const article of articles) {
    const key = cache.enabled ? hashOf(fingerprint, article.id, article.file, article.hash) : '';
    const cached = cache.get<CachedExtraction>('extraction', key);
    if (cached) {
      extractions.push({ article, key, ...cached });
      continue;
    }
    const root = parseMarkdown(article.body);
    const full = articleText(root);
    const text: ArticlePlainText = { text: full.text, blocks: full.blocks, sentences: full.sentences };
    const mentions = extractMentions(article, full);
    cache.set('extraction', key, { text, mentions } satisfies CachedExtraction);
    extractions.push({ article, key, text, mentions, tree: { root, text: full } });
  }
  const extractHits = cache.hits - loadHits;
  const resolveStartedAt = performance.now();
  const resolution = resolveEntities(extractions);
  const kb = buildKnowledgeBase(articles, resolution);
  const resolveMs = Math.round(performance.now() - resolveStartedAt);
  recordStage('extract', startedAt, { articles: articles.length, entities: kb.entities.length, cacheHits: extractHits, loadHits, loadMs, resolveMs });

  const renderStartedAt = performance.now();
  const site = siteConfigFromEnv();
  const hrefFor = (entityId: string): string => withBase(site, entityPath(entityId));
  // The HTML links to entity pages: their paths are part of what it is made of (x.key covers the rest of the code).
  const linkFingerprint = cache.enabled ? sourceFingerprint(['src/lib/site/paths.ts', 'src/lib/site/config.ts']) : '';
  const built = new Map<string, BuiltArticle>();
  for (const x of extractions) {
    const links = resolution.links.get(x.article.id) ?? [];
    const parts = { file: x.article, text: x.text, links };
    const htmlKey = cache.enabled ? hashOf(x.key, linkFingerprint, site.basePath, JSON.stringify(links)) : '';
    let tree = x.tree;
    x.tree = undefined; // not needed after this article's HTML
    const cached = cache.lazy<string>('html', htmlKey);
    if (cached) {
      built.set(x.article.id, builtArticle({ ...parts, htmlKey }, cached));
      continue;
    }
    // A cached extraction has no tree: parse again only when the links changed.
    if (!tree) {
      const root = parseMarkdown(x.article.body);
      tree = { root, text: articleText(root) };
    }
    const html = renderArticleHtml(tree.root, tree.text, links, hrefFor);
    cache.set('html', htmlKey, html);
    built.set(x.article.id, builtArticle({ ...parts, htmlKey: htmlKey || hashOf(html) }, () => html));
  }
  await cache.flush();
  recordStage('article-html', renderStartedAt, { cacheHits: cache.hits - extractHits - loadHits });
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
