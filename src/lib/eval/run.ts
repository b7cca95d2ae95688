/** Score the real pipeline against the hand annotations: seeds (content dir) and the corpus sample. */
import { buildKnowledge } from '../build/knowledge.ts';
import type { ArticleFile } from '../model/article.ts';
import { loadSampleGold, loadSeedGold, type GoldArticle } from './gold.ts';
import { runPipeline } from '../pipeline.ts';
import { entityPath } from '../model/paths.ts';
import { readCorpus, recordToArticle } from './corpus.ts';
import { articleSurfaces, scoreExtraction, type ExtractionScore, type PairedArticle } from './score.ts';

export class PairingError extends Error {}

/** Seed file name of an article: its importedFrom, without directories. */
function seedName(importedFrom: string | null): string | null {
  return importedFrom ? importedFrom.split(/[\\/]/).pop() ?? null : null;
}

/** Pair gold seeds with articles by importedFrom; every seed must have its article. */
export function pairSeeds(golds: GoldArticle[], articles: Iterable<ArticleFile>): PairedArticle[] {
  const byImport = new Map<string, string>();
  for (const a of articles) {
    const name = seedName(a.importedFrom);
    if (name) byImport.set(name, a.id);
  }
  const missing = golds.filter((g) => !byImport.has(g.key)).map((g) => `${g.source}: no article has importedFrom "${g.key}"`);
  if (missing.length > 0) throw new PairingError(missing.join('\n'));
  return golds.map((gold) => ({ gold, articleId: byImport.get(gold.key) as string }));
}

export async function scoreSeeds(contentDir: string, annotationsDir: string): Promise<ExtractionScore> {
  const golds = await loadSeedGold(annotationsDir);
  const build = await buildKnowledge(contentDir);
  const paired = pairSeeds(golds, [...build.articles.values()].map((a) => a.file));
  return scoreExtraction(build.kb, paired, articleSurfaces(build.articles.values()));
}

/** Read the annotated records from the corpus by id, run the pipeline on them alone, score. Several files score as one sample. */
export async function scoreCorpusSample(sampleFile: string | readonly string[], corpusFile: string): Promise<ExtractionScore> {
  const files = typeof sampleFile === 'string' ? [sampleFile] : sampleFile;
  const golds = (await Promise.all(files.map((f) => loadSampleGold(f)))).flat();
  const seen = new Set<string>();
  for (const g of golds) {
    if (seen.has(g.key)) throw new PairingError(`${g.source}: record ${g.key} is annotated in more than one file`);
    seen.add(g.key);
  }
  const wanted = new Set(golds.map((g) => g.key));
  const articles: ArticleFile[] = [];
  const found = new Set<string>();
  for await (const record of readCorpus(corpusFile)) {
    if (!wanted.has(record.id)) continue;
    found.add(record.id);
    // A record the importer skips is not on the site: its gold entities all count as missed.
    const article = recordToArticle(record);
    if (article) articles.push(article);
    if (found.size === wanted.size) break;
  }
  const missing = golds.filter((g) => !found.has(g.key));
  if (missing.length > 0) throw new PairingError(`${sampleFile}: records not in ${corpusFile}: ${missing.map((g) => g.key).join(', ')}`);
  const build = runPipeline(articles, { hrefFor: entityPath });
  return scoreExtraction(
    build.kb,
    golds.map((gold) => ({ gold, articleId: gold.key })),
    articleSurfaces(build.articles.values()),
  );
}
