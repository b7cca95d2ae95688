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
import { getKnowledge } from '../lib/build/knowledge.ts';
import { checkLinks } from '../lib/site/linkcheck.ts';
import { buildSearchIndex } from '../lib/search/index-site.ts';
import { recordStage } from '../lib/build/stats.ts';
import { markBuilding, pageDependencies } from '../lib/site/page-data.ts';
import { cacheDirFromEnv, cacheEnabledFromEnv } from '../lib/build/cache.ts';

type SearchStats = Awaited<ReturnType<typeof buildSearchIndex>>;

/** Where the build parks folders beside dist/: in the cache folder (the same disk, so renames work), or null when caching is off. */
async function stagingRoot(): Promise<string | null> {
  if (!cacheEnabledFromEnv()) return null;
  const root = path.join(cacheDirFromEnv(), 'staging');
  await mkdir(root, { recursive: true });
  return root;
}

/** A folder for the index while Astro writes dist/ (which it empties first). */
async function stagingDir(): Promise<string> {
  const root = await stagingRoot();
  if (!root) return mkdtemp(path.join(tmpdir(), 'kho-tin-search-'));
  const dir = path.join(root, 'search');
  await rm(dir, { recursive: true, force: true }); // left by a build that was killed
  return dir;
}

/**
 * Astro empties dist/ before it writes: with ~100,000 files that takes longer than
 * restoring the reused pages. Move the old output aside (one rename) and delete
 * it in the background (libuv's threads, not the main thread) instead.
 */
async function clearOutputInBackground(outDir: string): Promise<{ deleted: Promise<void> }> {
  const root = await stagingRoot();
  if (!root) return { deleted: Promise.resolve() };
  const aside = path.join(root, `old-output-${process.pid}`);
  try {
    await rename(outDir, aside);
  } catch {
    return { deleted: Promise.resolve() }; // no output yet, or another disk: Astro empties it itself
  }
  const deleted = rm(aside, { recursive: true, force: true });
  deleted.catch(() => undefined); // awaited at the end of the build
  return { deleted };
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
  let clearing: Promise<void> = Promise.resolve();
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
        clearing = (await clearOutputInBackground(outDirPath)).deleted;
        searching = (async () => {
          const dir = await stagingDir();
          const build = await getKnowledge(); // the pages ask for the same (memoised) build
          const startedAt = performance.now();
          const stats = await buildSearchIndex(dir, build, { site: { basePath } });
          recordStage('search', startedAt, { pages: stats.pages, bytes: stats.bytes, shards: stats.shards, reused: stats.reused, indexed: stats.indexed });
          return { stats, dir };
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
        recordStage('page-deps', renderStartedAt, { rendered: pages.rendered, reused: pages.reused });
        const { kb } = await getKnowledge();
        const kbFile = path.join(outDir, 'kb.json');
        await writeFile(kbFile, JSON.stringify(kb));
        logger.info(`kb.json: ${kb.articles.length} articles, ${kb.entities.length} entities`);

        const startedAt = performance.now();
        const broken = await checkLinks(outDir, basePath, { siteUrl }); // siteUrl: canonical and other absolute self-links are checked too
        recordStage('linkcheck', startedAt);
        if (!searching) throw new Error('kho-tin: the search index was never started (astro:build:start did not run)');
        const { stats, dir: staged } = await searching;
        await moveInto(path.join(staged, 'pagefind'), path.join(outDir, 'pagefind'));
        await rm(staged, { recursive: true, force: true });
        await clearing;
        if (broken.length > 0) {
          const lines = broken.slice(0, 50).map((b) => `  ${b.page}: ${b.target} (${b.reason})`);
          throw new Error(`${broken.length} broken internal link(s):\n${lines.join('\n')}${broken.length > 50 ? '\n  …' : ''}`);
        }
        logger.info('link check: every internal link and anchor resolves');
        logger.info(`search index: ${stats.pages} pages (${stats.articles} articles, ${stats.entities} entities), ${stats.indexBytes} bytes of index, ${stats.bytes} bytes in pagefind/, ${stats.ms} ms; ` +
          `${stats.shards} bundle(s) (core ${stats.coreRecords} records, archive ${stats.archiveRecords}): ${stats.reused} reused from the build cache, ${stats.indexed} indexed`);
      },
    },
  };
}
