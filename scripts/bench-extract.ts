/**
 * Extraction benchmark: `npm run bench:extract -- [--articles N] [--corpus FILE] [--json]`.
 *
 * Streams the first N corpus records (default: all) from the gz, and for each runs
 * normalise → parse → articleText → extractMentions (timed, single-threaded), then
 * resolveEntities and buildKnowledgeBase over all of them (timed). Prints
 * articles/s for extraction, resolution and graph time, peak RSS and entity counts.
 * Targets (issue 4): ≥ 1,000 articles/s extraction on one core, < 2 GB peak RSS.
 */
import { parseArgs } from 'node:util';
import { readCorpus, recordToArticle, corpusPath } from '../src/lib/eval/corpus.ts';
import { extractArticle, knowledgeFromExtractions } from '../src/lib/eval/pipeline.ts';
import type { ArticleFile } from '../src/lib/content/article.ts';
import type { ArticleExtraction } from '../src/lib/resolve/index.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    corpus: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const limit = values.articles !== undefined ? Number(values.articles) : Infinity;
if (!(limit > 0)) {
  console.error(`--articles must be a positive number (got "${values.articles}")`);
  process.exit(2);
}
const file = values.corpus ?? corpusPath();

const articles: ArticleFile[] = [];
const extractions: ArticleExtraction[] = [];
let normaliseMs = 0;
let extractMs = 0;
let mentions = 0;
let textChars = 0;
const wallStart = performance.now();
for await (const record of readCorpus(file, limit)) {
  const t0 = performance.now();
  const article = recordToArticle(record); // normalise + Markdown paragraphs
  const t1 = performance.now();
  const x = extractArticle(article); // parse → articleText → extractMentions
  const t2 = performance.now();
  normaliseMs += t1 - t0;
  extractMs += t2 - t1;
  mentions += x.mentions.length;
  textChars += x.text.text.length;
  articles.push(article);
  extractions.push(x);
}
const readDoneMs = performance.now() - wallStart;
const { kb, resolveMs, graphMs } = knowledgeFromExtractions(articles, extractions);
const wallMs = performance.now() - wallStart;

const byType: Record<string, number> = { person: 0, unit: 0, place: 0, document: 0 };
for (const e of kb.entities) byType[e.type] = (byType[e.type] ?? 0) + 1;
const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
const n = articles.length;
const result = {
  corpus: file,
  articles: n,
  textChars,
  mentions,
  normaliseMs: Math.round(normaliseMs),
  extractMs: Math.round(extractMs),
  extractArticlesPerSecond: Math.round(n / ((normaliseMs + extractMs) / 1000)),
  readAndExtractWallMs: Math.round(readDoneMs),
  resolveMs: Math.round(resolveMs),
  graphMs: Math.round(graphMs),
  wallMs: Math.round(wallMs),
  peakRssMb: Math.round(peakRssMb),
  entities: kb.entities.length,
  entitiesByType: byType,
  node: process.version,
};

if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  const fmt = (x: number) => x.toLocaleString('en-US');
  console.log(
    [
      `articles            ${fmt(n)} (${fmt(textChars)} characters of text, ${fmt(mentions)} mentions)`,
      `extraction          ${fmt(result.normaliseMs + result.extractMs)} ms → ${fmt(result.extractArticlesPerSecond)} articles/s on one core (normalise ${fmt(result.normaliseMs)} ms, parse+text+extract ${fmt(result.extractMs)} ms)`,
      `read + extract wall ${fmt(result.readAndExtractWallMs)} ms (includes gunzip and JSON parsing)`,
      `resolution          ${fmt(result.resolveMs)} ms`,
      `graph (kb.json)     ${fmt(result.graphMs)} ms`,
      `total wall          ${fmt(result.wallMs)} ms`,
      `peak RSS            ${fmt(result.peakRssMb)} MB`,
      `entities            ${fmt(kb.entities.length)}: ${Object.entries(byType).map(([t, c]) => `${fmt(c)} ${t}`).join(', ')}`,
      `targets             ${result.extractArticlesPerSecond >= 1000 ? 'ok' : 'MISS'} ≥ 1,000 articles/s; ${result.peakRssMb < 2048 ? 'ok' : 'MISS'} < 2 GB peak`,
    ].join('\n'),
  );
}
