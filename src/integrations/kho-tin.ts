/**
 * The build's own steps around Astro, kept small (as Starlight keeps its Pagefind
 * integration). The search index needs only the knowledge base, not the pages, so
 * it is built while Astro renders (Pagefind works in its own process, on the other
 * core) into a staging folder; after Astro has written the pages: page keys for
 * the next incremental build, kb.json, the internal link check, and the finished
 * index moved into place. Each step lives in src/lib.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getKnowledge } from './knowledge.ts';
import { KB_SHARD_DIR, shardKnowledgeBase } from '../lib/graph/shards.ts';
import { checkLinks } from '../lib/site/linkcheck.ts';
import { buildSearchIndex } from '../lib/search/index-site.ts';
import { SEARCH_LINKED_FILES } from '../lib/search/shards.ts';
import { existsSync } from 'node:fs';
import { recordStage } from '../lib/infra/stats.ts';
import { holdPagesUntil, markBuilding, pageDependencies } from './page-data.ts';
import { cacheDirFromEnv, cacheEnabledFromEnv } from '../lib/infra/cache.ts';
import { astroCacheDir } from './astro-cache.ts';
import { listFiles } from '../lib/infra/walk.ts';
import { beginOutput, finishOutput, pruneOutput, type OutputSession } from './output.ts';

type SearchStats = Awaited<ReturnType<typeof buildSearchIndex>>;

/** A folder for the index while Astro writes the pages. */
async function stagingDir(session: OutputSession | null): Promise<string> {
  if (!session) return mkdtemp(path.join(tmpdir(), 'kho-tin-search-'));
  const dir = path.join(session.stateDir, 'staging', 'search');
  await rm(dir, { recursive: true, force: true }); // left by a build that was killed
  return dir;
}

/** Moves a finished folder into dist/ (a rename on one disk, a copy across disks). */
async function moveInto(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  try {
    await rename(from, to);
  } catch {
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

export default function khoTin(): AstroIntegration {
  let basePath = '/';
  let siteUrl: string | undefined;
  let renderStartedAt = 0;
  let searching: Promise<{ stats: SearchStats; dir: string }> | null = null;
  let outDirPath = '';
  let output: OutputSession | null = null;
  return {
    name: 'kho-tin',
    hooks: {
      'astro:config:done': ({ config }) => {
        basePath = config.base.endsWith('/') ? config.base : config.base + '/';
        siteUrl = config.site;
        outDirPath = fileURLToPath(config.outDir);
      },
      'astro:build:start': async () => {
        renderStartedAt = performance.now();
        markBuilding();
        // With the cache on, dist/ is kept between builds (Astro reuses pages in place; output.ts).
        output = cacheEnabledFromEnv() ? await beginOutput(outDirPath, cacheDirFromEnv(), astroCacheDir()) : null;
        const session = output;
        let queued = (): void => undefined;
        holdPagesUntil(new Promise<void>((resolve) => (queued = resolve)));
        searching = (async () => {
          try {
            const dir = await stagingDir(session);
            const build = await getKnowledge(); // the pages ask for the same (memoised) build
            const startedAt = performance.now();
            const stats = await buildSearchIndex(dir, build, { site: { basePath }, previousOutput: session?.previousSearch ?? null, onQueued: queued });
            recordStage('search', startedAt, { pages: stats.pages, bytes: stats.bytes, shards: stats.shards, reused: stats.reused, indexed: stats.indexed, ...stats.phases });
            return { stats, dir };
          } finally {
            queued(); // never leave the pages waiting, whatever happened
          }
        })();
        searching.catch(() => undefined); // awaited (and reported) when the pages are done
      },
      'astro:build:done': async ({ dir, logger }) => {
        // Page rendering includes the knowledge build (pages ask for it first); the bench subtracts it.
        recordStage('render', renderStartedAt);
        const outDir = fileURLToPath(dir);
        // Astro's incremental build: give the pages rendered now their keys for the next build.
        const pages = (await pageDependencies()).afterPages((p) => (p.startsWith(basePath) ? `/${p.slice(basePath.length)}` : p));
        if (pages.rendered + pages.reused > 0) logger.info(`pages: ${pages.rendered} rendered, ${pages.reused} reused from the previous build`);
        const { kb } = await getKnowledge();
        // kb.json is an index; the records go in shards under kb/ (a shard left from a bigger build is pruned below).
        const { index, shards } = shardKnowledgeBase(kb);
        await mkdir(path.join(outDir, KB_SHARD_DIR), { recursive: true });
        for (const shard of shards) await writeFile(path.join(outDir, shard.file), shard.json);
        await writeFile(path.join(outDir, 'kb.json'), JSON.stringify(index));
        logger.info(`kb.json: ${kb.articles.length} articles, ${kb.entities.length} entities in ${shards.length} shards`);
        // One listing of dist/ serves the pruning of stale files and the link check.
        const listed = await listFiles(outDir);
        const { files, removed } = output ? pruneOutput(output, listed, pages.outputs) : { files: listed, removed: [] };
        if (removed.length > 0) logger.info(`removed ${removed.length} file(s) of the previous build that this build does not write: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', …' : ''}`);
        recordStage('page-deps', renderStartedAt, { rendered: pages.rendered, reused: pages.reused, removed: removed.length });

        const startedAt = performance.now();
        // The search index is still being written (it moves into dist/ below): the files pages link to are promised, and checked once it is done.
        const promised = SEARCH_LINKED_FILES.map((f) => `pagefind/${f}`);
        const broken = await checkLinks(outDir, basePath, { siteUrl, files: [...files, ...promised] }); // siteUrl: canonical and other absolute self-links are checked too
        recordStage('linkcheck', startedAt);
        if (!searching) throw new Error('kho-tin: the search index was never started (astro:build:start did not run)');
        const { stats, dir: staged } = await searching;
        for (const f of promised) if (!existsSync(path.join(staged, f))) throw new Error(`kho-tin: the search index has no ${f}, which the search page links to`);
        await moveInto(path.join(staged, 'pagefind'), path.join(outDir, 'pagefind'));
        await rm(staged, { recursive: true, force: true });
        if (output) await finishOutput(output);
        if (broken.length > 0) {
          const lines = broken.slice(0, 50).map((b) => `  ${b.page}: ${b.target} (${b.reason})`);
          throw new Error(`${broken.length} broken internal link(s):\n${lines.join('\n')}${broken.length > 50 ? '\n  …' : ''}`);
        }
        logger.info('link check: every internal link and anchor resolves');
        logger.info(`search index: ${stats.pages} pages (${stats.articles} articles, ${stats.entities} entities), ${stats.indexBytes} bytes of index, ${stats.bytes} bytes in pagefind/, ${stats.ms} ms; ` +
          `${stats.shards} bundle(s) (core ${stats.coreRecords} records, archive ${stats.archiveRecords}; ${stats.unindexed} entities named in fewer articles are found through their articles): ${stats.reused} reused from the build cache, ${stats.indexed} indexed`);
      },
    },
  };
}
