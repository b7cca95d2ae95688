/**
 * The site build's knowledge: the articles of a content folder run through the
 * pure pipeline (src/lib/pipeline.ts), with its per-article stages answered
 * from the build cache (.cache/build) where the same inputs were seen before.
 *
 * Each cache key is a digest of the stage's inputs (the file's signature, the
 * article file's hash, its links) and of the code and data the stage depends
 * on (codeDigest: the stage's modules and everything they import; data/): an
 * unchanged article whose links did not change is neither parsed nor rendered
 * again, and nothing computed by older code is ever read.
 */
import path from 'node:path';
import type { LoadMemo, LoadedFile } from '../content/load.ts';
import { loadArticles } from '../content/load.ts';
import { ContentError, formatDiagnostic } from '../content/diagnostics.ts';
import { siteConfigFromEnv, withBase } from '../model/site-config.ts';
import { entityPath } from '../model/paths.ts';
import { recordStage } from '../infra/stats.ts';
import { BuildCache, hashOf, sourceFingerprint } from '../infra/cache.ts';
import { codeDigest } from '../infra/code-digest.ts';
import { extractFromParsed, parseArticle, runPipeline, type ArticleStages, type Extraction, type KnowledgeBuild } from '../pipeline.ts';
import { renderArticleHtml } from '../render/html.ts';

export type { BuiltArticle, KnowledgeBuild, ArticlePlainText } from '../pipeline.ts';

/** The modules each cached stage runs (with everything they import). */
const LOAD_CODE = ['src/lib/content/load.ts'];
const EXTRACT_CODE = ['src/lib/markdown/parse.ts', 'src/lib/markdown/text.ts', 'src/lib/extract/index.ts'];
/** The HTML links to entity pages: their paths and the base path are part of what it is made of. */
const RENDER_CODE = ['src/lib/render/html.ts', 'src/lib/model/paths.ts', 'src/lib/model/site-config.ts'];

/** The stages of the pipeline answered from the cache, computed (and stored) on a miss. */
function cachedStages(cache: BuildCache, hrefFor: (entityId: string) => string, basePath: string): ArticleStages {
  // What each stage is made of besides its inputs: the code it runs (import closure) and the data files it reads.
  const extractCode = hashOf(codeDigest(EXTRACT_CODE), sourceFingerprint(['data']));
  const renderCode = codeDigest(RENDER_CODE);
  const extractionKey = (article: { id: string; file: string; hash: string }): string => hashOf(extractCode, article.id, article.file, article.hash);
  return {
    extract(article) {
      const key = extractionKey(article);
      const cached = cache.get<Extraction>('extraction', key);
      if (cached) return { extraction: cached };
      const parsed = parseArticle(article);
      const extraction = extractFromParsed(article, parsed);
      cache.set('extraction', key, extraction);
      return { extraction, parsed };
    },
    render(article, links, parsed) {
      const htmlKey = hashOf(extractionKey(article), renderCode, basePath, JSON.stringify(links));
      const cached = cache.lazy<string>('html', htmlKey);
      if (cached) return { htmlKey, html: cached };
      // A cached extraction has no tree: parse again only when the links changed.
      const { root, text } = parsed ?? parseArticle(article);
      const html = renderArticleHtml(root, text, links, hrefFor);
      cache.set('html', htmlKey, html);
      return { htmlKey, html: () => html };
    },
  };
}

/** The stages with the cache off: as before the cache existed, each article's HTML is rendered while its tree is at hand. */
function uncachedStages(hrefFor: (entityId: string) => string): Pick<ArticleStages, 'render'> {
  return {
    render(article, links, parsed) {
      const { root, text } = parsed ?? parseArticle(article);
      const html = renderArticleHtml(root, text, links, hrefFor);
      return { htmlKey: hashOf(html), html: () => html };
    },
  };
}

export async function buildKnowledge(contentDir: string): Promise<KnowledgeBuild> {
  const startedAt = performance.now();
  const cache = new BuildCache();
  const loadCode = cache.enabled ? codeDigest(LOAD_CODE) : '';
  // Unchanged files (by signature) are not read again; a file's load result depends on it and on the loader's code.
  const loadKey = (signature: string): string => hashOf(loadCode, process.cwd(), signature);
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

  const site = siteConfigFromEnv();
  const hrefFor = (entityId: string): string => withBase(site, entityPath(entityId));
  const loadHits = cache.hits;
  let extractHits = 0;
  const build = runPipeline(articles, {
    hrefFor,
    stages: cache.enabled ? cachedStages(cache, hrefFor, site.basePath) : uncachedStages(hrefFor),
    onPhase: (phase, phaseStartedAt, extra) => {
      if (phase === 'extract') {
        extractHits = cache.hits - loadHits;
        recordStage('extract', startedAt, { ...extra, cacheHits: extractHits, loadHits, loadMs });
      } else {
        recordStage('article-html', phaseStartedAt, { cacheHits: cache.hits - extractHits - loadHits });
      }
    },
  });
  await cache.flush();
  return build;
}

/** The content directory of this build: $CONTENT_DIR or content/. */
export function contentDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.CONTENT_DIR ?? 'content');
}
