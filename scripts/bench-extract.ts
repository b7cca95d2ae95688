/**
 * Extraction benchmark: `npm run bench:extract -- [--articles N] [--corpus FILE] [--json]`.
 *
 * Options: --slowest K lists the K slowest articles (default 5).
 *
 * Streams the first N corpus records (default: all) from the gz. Each record goes
 * through the real importer first (timed apart: it is the import stage, see the
 * "Import" section of docs/benchmarks.md), then the extraction, timed on one core:
 * normalise → parse → articleText → extractMentions. Then resolveEntities and
 * buildKnowledgeBase over all of them (timed). Prints articles/s for extraction,
 * resolution and graph time, peak RSS and entity counts per type.
 * Targets (issue 4): ≥ 1,000 articles/s extraction on one core, < 2 GB peak RSS.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import { existsSync } from 'node:fs';
import { corpusPath, importRecord, importedToArticle, readCorpus } from '../src/lib/eval/corpus.ts';
import { extractFromParsed, runPipeline, type ArticleStages } from '../src/lib/pipeline.ts';
import { parseMarkdown } from '../src/lib/markdown/parse.ts';
import { articleText } from '../src/lib/markdown/text.ts';
import type { ArticleFile } from '../src/lib/model/article.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    corpus: { type: 'string' },
    json: { type: 'boolean', default: false },
    slowest: { type: 'string', default: '5' },
  },
});
const limit = values.articles !== undefined ? Number(values.articles) : Infinity;
if (!(limit > 0)) {
  console.error(`--articles must be a positive number (got "${values.articles}")`);
  process.exit(2);
}
const file = values.corpus ?? corpusPath();
if (!existsSync(file)) {
  console.error(`${file}: corpus not found; pass --corpus <news-vi.jsonl.gz> or set CORPUS_PATH`);
  process.exit(2);
}

const articles: ArticleFile[] = [];
const ms = { import: 0, normalise: 0, parse: 0, text: 0, mentions: 0 };
let mentions = 0;
let textChars = 0;
let extractCpuMs = 0; // CPU time of the extraction steps: robust to other processes on the machine
let skipped = 0; // records the importer skips (empty, title only…)
// The slowest articles (normalise → extractMentions), to point at pathological inputs.
const slowestCount = Math.max(0, Number(values.slowest) || 0);
const slow: { id: string; chars: number; ms: number }[] = [];
function noteSlow(id: string, chars: number, ms: number): void {
  if (slowestCount === 0) return;
  if (slow.length === slowestCount && ms <= slow[slow.length - 1]!.ms) return;
  slow.push({ id, chars, ms });
  slow.sort((a, b) => b.ms - a.ms);
  if (slow.length > slowestCount) slow.pop();
}
/**
 * CPU time of the main thread (process.threadCpuUsage, Node ≥ 23.9): the extraction
 * is single-threaded, so this is its cost on one core whatever else the machine runs;
 * the gunzip threads and GC helpers are not counted. Falls back to process CPU time.
 */
type CpuTime = { user: number; system: number };
const threadCpu: (since?: CpuTime) => CpuTime =
  typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage === 'function'
    ? (since) => (process as unknown as { threadCpuUsage: (s?: CpuTime) => CpuTime }).threadCpuUsage(since)
    : (since) => process.cpuUsage(since);
const wallStart = performance.now();
const normaliseMs = new Map<string, { ms: number; cpu: number }>();
for await (const record of readCorpus(file, limit)) {
  const t0 = performance.now();
  const imported = importRecord(record);
  const t1 = performance.now();
  ms.import += t1 - t0;
  if (!imported) {
    skipped++;
    continue;
  }
  const cpu0 = threadCpu();
  const article = importedToArticle(imported); // normalise, as the content loader does
  const cpu = threadCpu(cpu0);
  const t2 = performance.now();
  ms.normalise += t2 - t1;
  normaliseMs.set(article.id, { ms: t2 - t1, cpu: (cpu.user + cpu.system) / 1000 });
  articles.push(article);
}
const readDoneMs = performance.now() - wallStart;

// The pipeline's own extract stage, with each step timed (parse, text, then extractFromParsed as computedStages does).
const timedExtract: ArticleStages['extract'] = (article) => {
  const cpu0 = threadCpu();
  const t2 = performance.now();
  const root = parseMarkdown(article.body);
  const t3 = performance.now();
  const text = articleText(root);
  const t4 = performance.now();
  const extraction = extractFromParsed(article, { root, text });
  const t5 = performance.now();
  const cpu = threadCpu(cpu0);
  const normalised = normaliseMs.get(article.id) ?? { ms: 0, cpu: 0 };
  extractCpuMs += (cpu.user + cpu.system) / 1000 + normalised.cpu;
  ms.parse += t3 - t2;
  ms.text += t4 - t3;
  ms.mentions += t5 - t4;
  mentions += extraction.mentions.length;
  noteSlow(article.id, text.text.length, t5 - t2 + normalised.ms);
  textChars += text.text.length;
  return { extraction };
};
let resolveMs = 0;
let graphMs = 0;
const { kb } = runPipeline(articles, {
  hrefFor: (id) => `/${id}/`,
  stages: { extract: timedExtract },
  onPhase: (phase, _startedAt, extra) => {
    if (phase === 'extract') ({ resolveOnlyMs: resolveMs = 0, graphMs = 0 } = extra);
  },
});
const wallMs = performance.now() - wallStart;

const byType: Record<string, number> = { person: 0, unit: 0, place: 0, document: 0 };
for (const e of kb.entities) byType[e.type] = (byType[e.type] ?? 0) + 1;
const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
const n = articles.length;
const extractMs = ms.normalise + ms.parse + ms.text + ms.mentions;
const result = {
  corpus: file,
  articles: n,
  skippedByImporter: skipped,
  textChars,
  mentions,
  importMs: Math.round(ms.import),
  normaliseMs: Math.round(ms.normalise),
  parseMs: Math.round(ms.parse),
  articleTextMs: Math.round(ms.text),
  extractMentionsMs: Math.round(ms.mentions),
  extractMs: Math.round(extractMs),
  extractArticlesPerSecond: Math.round(n / (extractMs / 1000)),
  extractCpuMs: Math.round(extractCpuMs),
  extractArticlesPerCpuSecond: Math.round(n / (extractCpuMs / 1000)),
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  cpus: os.cpus().length,
  readImportExtractWallMs: Math.round(readDoneMs),
  resolveMs: Math.round(resolveMs),
  graphMs: Math.round(graphMs),
  wallMs: Math.round(wallMs),
  peakRssMb: Math.round(peakRssMb),
  entities: kb.entities.length,
  entitiesByType: byType,
  slowest: slow.map((x) => ({ ...x, ms: Math.round(x.ms * 10) / 10 })),
  node: process.version,
};

if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(
    [
      `articles            ${fmt(n)} (+${fmt(skipped)} skipped by the importer); ${fmt(textChars)} characters of text, ${fmt(mentions)} mentions`,
      `extraction          ${fmt(extractMs)} ms wall → ${fmt(result.extractArticlesPerSecond)} articles/s on one core (CPU time ${fmt(extractCpuMs)} ms → ${fmt(result.extractArticlesPerCpuSecond)} articles/CPU-second)`,
      `  normalise ${fmt(ms.normalise)} ms, parse ${fmt(ms.parse)} ms, articleText ${fmt(ms.text)} ms, extractMentions ${fmt(ms.mentions)} ms`,
      `import (not counted) ${fmt(ms.import)} ms`,
      `read+import+extract ${fmt(readDoneMs)} ms wall (with gunzip and JSON parsing)`,
      `resolution          ${fmt(resolveMs)} ms`,
      `graph (kb.json)     ${fmt(graphMs)} ms`,
      `total wall          ${fmt(wallMs)} ms`,
      `peak RSS            ${fmt(peakRssMb)} MB`,
      `machine             ${result.cpus} CPUs, load average ${result.loadAverage.join(' / ')} at the end (other work slows the wall-clock figures)`,
      `entities            ${fmt(kb.entities.length)}: ${Object.entries(byType).map(([t, c]) => `${fmt(c)} ${t}`).join(', ')}`,
      `slowest articles    ${slow.map((x) => `${x.id} (${fmt(x.chars)} chars, ${x.ms.toFixed(1)} ms)`).join('; ') || '—'}`,
      `targets             ${result.extractArticlesPerCpuSecond >= 1000 ? 'ok' : 'MISS'} ≥ 1,000 articles per CPU-second (wall: ${result.extractArticlesPerSecond >= 1000 ? 'ok' : 'MISS'}); ${result.peakRssMb < 2048 ? 'ok' : 'MISS'} < 2 GB peak`,
    ].join('\n'),
  );
}
