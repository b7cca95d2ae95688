/**
 * Builds the Pagefind index of the site through Pagefind's Node API, from the
 * knowledge base (articles and entity pages), into <outDir>/pagefind/.
 * Each page is indexed as synthesized HTML (records.ts) so that weights,
 * filters, sorts and the đ folding are under our control.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { KnowledgeBuild } from '../build/knowledge.ts';
import { withBase, type SiteConfig } from '../site/config.ts';
import { articlePath, entityPath } from '../site/paths.ts';
import { articleRecord, entityContext, entityRecord, type SearchRecord } from './records.ts';
import { documentSearchKeys, referenceToken } from './document-keys.ts';

export interface SearchIndexStats {
  pages: number;
  articles: number;
  entities: number;
  /** Total size of the written bundle (index, fragments, filters, Pagefind's JS and wasm). */
  bytes: number;
  /** Size of the index data alone (index/, fragment/, filter/ and the meta file). */
  indexBytes: number;
  files: number;
  ms: number;
}

export interface SearchIndexOptions {
  site: Pick<SiteConfig, 'basePath'>;
  /** Records in flight at once (the Pagefind service handles them in order; this only hides latency). */
  concurrency?: number;
}

/** Every record of the site, generated lazily so a large corpus is never held twice in memory. */
export function* siteRecords(build: KnowledgeBuild, site: Pick<SiteConfig, 'basePath'>): Generator<SearchRecord> {
  const config = { siteUrl: '', basePath: site.basePath };
  const ctx = entityContext(build.kb);
  // Reference tokens per document entity, computed once (an article lists the entities it mentions).
  const refsOfDocument = new Map<string, string[]>();
  const refsOf = (entityId: string): string[] => {
    const entity = ctx.entitiesById.get(entityId);
    if (!entity || entity.type !== 'document') return [];
    let refs = refsOfDocument.get(entityId);
    if (!refs) refsOfDocument.set(entityId, (refs = documentSearchKeys(entity).map(referenceToken)));
    return refs;
  };
  for (const article of build.kb.articles) {
    const built = build.articles.get(article.id);
    const body = built ? built.text : { text: '', blocks: [] };
    const refs = [...new Set(article.entities.flatMap(refsOf))];
    yield articleRecord(article, body, withBase(config, articlePath(article.id)), refs);
  }
  for (const entity of build.kb.entities) {
    yield entityRecord(entity, ctx, withBase(config, entityPath(entity.id)));
  }
}

async function dirBytes(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

export async function buildSearchIndex(outDir: string, build: KnowledgeBuild, options: SearchIndexOptions): Promise<SearchIndexStats> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
  if (!index) throw new Error(`Pagefind could not create an index: ${errors.join('; ')}`);
  try {
    const concurrency = options.concurrency ?? 16;
    const inFlight = new Set<Promise<void>>();
    const failures: string[] = [];
    let pages = 0;
    for (const record of siteRecords(build, options.site)) {
      const p: Promise<void> = index.addHTMLFile({ url: record.url, content: record.html }).then((res) => {
        if (res.errors.length) failures.push(`${record.url}: ${res.errors.join('; ')}`);
        else pages++;
      }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failures.length) throw new Error(`Pagefind rejected ${failures.length} page(s):\n  ${failures.slice(0, 20).join('\n  ')}`);

    const bundleDir = path.join(outDir, 'pagefind');
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length) throw new Error(`Pagefind could not write ${bundleDir}: ${written.errors.join('; ')}`);
    const total = await dirBytes(bundleDir);
    let indexBytes = 0;
    for (const sub of ['index', 'fragment', 'filter']) indexBytes += (await dirBytes(path.join(bundleDir, sub))).bytes;
    for (const f of await readdir(bundleDir)) if (f.endsWith('.pf_meta')) indexBytes += (await stat(path.join(bundleDir, f))).size;
    return {
      pages,
      articles: build.kb.articles.length,
      entities: build.kb.entities.length,
      bytes: total.bytes,
      indexBytes,
      files: total.files,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
