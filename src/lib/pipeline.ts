/**
 * The pipeline, pure: articles in memory → { kb, articles }.
 *
 *   per article   parse → text with positions → mentions        (extract stage)
 *   all articles  resolve mentions into entities → kb.json      (resolve, graph)
 *   per article   the body as HTML with every mention linked    (render stage)
 *
 * No file is read, nothing is cached and nothing knows Astro: the site build,
 * `npm run kb`, the evaluation scripts and the benchmarks all run this one
 * function. The two per-article stages are parameters (as Quartz's plugins
 * are), so a caller can answer them from a store (src/lib/build/knowledge.ts
 * answers them from the build cache) or time them (the extraction benchmark)
 * without a second copy of the steps.
 *
 * Memory: an article's parse tree is kept only until its HTML is rendered, so a
 * large corpus never holds every tree at once.
 */
import type { Root } from 'mdast';
import type { ArticleFile } from './model/article.ts';
import type { KnowledgeBase } from './model/kb.ts';
import type { Mention, ResolvedMention } from './model/mention.ts';
import { parseMarkdown } from './markdown/parse.ts';
import { articleText, type ArticleText } from './markdown/text.ts';
import { extractMentions } from './extract/index.ts';
import { resolveEntities } from './resolve/index.ts';
import { buildKnowledgeBase } from './graph/build.ts';
import { renderArticleHtml } from './render/html.ts';
import { hashOf } from './infra/cache.ts';

/** An article's text without the tree: what resolution, search indexing and page descriptions need. */
export type ArticlePlainText = Pick<ArticleText, 'text' | 'blocks' | 'sentences'>;

/** An article parsed once: its tree and the text of the tree with positions. */
export interface ParsedArticle {
  root: Root;
  text: ArticleText;
}

/** What the extract stage yields for one article. */
export interface Extraction {
  text: ArticlePlainText;
  mentions: Mention[];
}

export interface BuiltArticle {
  file: ArticleFile;
  text: ArticlePlainText;
  links: ResolvedMention[];
  /** Identifies `html`: a digest of everything it is made of. */
  htmlKey: string;
  /** The body, rendered and sanitised, with every resolved mention linked; computed (or read) on first use. */
  readonly html: string;
}

export interface KnowledgeBuild {
  kb: KnowledgeBase;
  articles: Map<string, BuiltArticle>;
}

/** The per-article stages; `parsed` is handed over when the stage had to parse (a store may not). */
export interface ArticleStages {
  extract(article: ArticleFile): { extraction: Extraction; parsed?: ParsedArticle };
  render(article: ArticleFile, links: ResolvedMention[], parsed: ParsedArticle | undefined): { htmlKey: string; html: () => string };
}

export interface PipelineOptions {
  /** The URL of an entity's page, for the links in article HTML. */
  hrefFor: (entityId: string) => string;
  /** Replaces the computed stages (see ArticleStages). */
  stages?: Partial<ArticleStages>;
  /** Told when a phase ends: "extract" (per-article extraction, resolution and graph) and "article-html". */
  onPhase?: (phase: 'extract' | 'article-html', startedAt: number, extra: Record<string, number>) => void;
}

export function parseArticle(article: ArticleFile): ParsedArticle {
  const root = parseMarkdown(article.body);
  return { root, text: articleText(root) };
}

export function extractFromParsed(article: ArticleFile, parsed: ParsedArticle): Extraction {
  const { text, blocks, sentences } = parsed.text;
  return { text: { text, blocks, sentences }, mentions: extractMentions(article, parsed.text) };
}

/** The stages computed, with nothing stored: the HTML is rendered (parsing again) only when asked for. */
export function computedStages(hrefFor: (entityId: string) => string): ArticleStages {
  return {
    extract(article) {
      const parsed = parseArticle(article);
      return { extraction: extractFromParsed(article, parsed), parsed };
    },
    render(article, links) {
      // Lazy and tree-less: most callers (kb.json, scoring) never read the HTML.
      const html = (): string => {
        const { root, text } = parseArticle(article);
        return renderArticleHtml(root, text, links, hrefFor);
      };
      return { htmlKey: hashOf(article.hash, JSON.stringify(links)), html };
    },
  };
}

function lazyBuiltArticle(parts: Omit<BuiltArticle, 'html'>, html: () => string): BuiltArticle {
  let value: string | undefined;
  return { ...parts, get html() { return (value ??= html()); } };
}

export function runPipeline(articles: readonly ArticleFile[], options: PipelineOptions): KnowledgeBuild {
  const computed = computedStages(options.hrefFor);
  const stages: ArticleStages = { ...computed, ...options.stages };
  const startedAt = performance.now();
  const extracted = articles.map((article) => ({ article, ...stages.extract(article) }));
  const resolveStartedAt = performance.now();
  const resolution = resolveEntities(extracted.map((x) => ({ article: x.article, text: x.extraction.text, mentions: x.extraction.mentions })));
  const graphStartedAt = performance.now();
  const kb = buildKnowledgeBase([...articles], resolution);
  const resolveMs = graphStartedAt - resolveStartedAt;
  const graphMs = performance.now() - graphStartedAt;
  options.onPhase?.('extract', startedAt, { articles: articles.length, entities: kb.entities.length, resolveMs: Math.round(resolveMs + graphMs), resolveOnlyMs: resolveMs, graphMs });

  const renderStartedAt = performance.now();
  const built = new Map<string, BuiltArticle>();
  for (const x of extracted) {
    const links = resolution.links.get(x.article.id) ?? [];
    const parsed = x.parsed;
    x.parsed = undefined; // the tree is not needed after this article's HTML
    const { htmlKey, html } = stages.render(x.article, links, parsed);
    built.set(x.article.id, lazyBuiltArticle({ file: x.article, text: x.extraction.text, links, htmlKey }, html));
  }
  options.onPhase?.('article-html', renderStartedAt, {});
  return { kb, articles: built };
}
