/**
 * The finish step of the build, kept small (as Starlight keeps its Pagefind
 * integration): after Astro has written the pages, write kb.json, check every
 * internal link, and build the search index. Each step lives in src/lib.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getKnowledge } from '../lib/build/knowledge.ts';
import { checkLinks } from '../lib/site/linkcheck.ts';
import { buildSearchIndex } from '../lib/search/index-site.ts';
import { recordStage } from '../lib/build/stats.ts';
import { markBuilding, pageDependencies } from '../lib/site/page-data.ts';

export default function khoTin(): AstroIntegration {
  let basePath = '/';
  let siteUrl: string | undefined;
  let renderStartedAt = 0;
  return {
    name: 'kho-tin',
    hooks: {
      'astro:config:done': ({ config }) => {
        basePath = config.base.endsWith('/') ? config.base : config.base + '/';
        siteUrl = config.site;
      },
      'astro:build:start': () => {
        renderStartedAt = performance.now();
        markBuilding();
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

        // The link check (Node, reading dist/) and the search index (mostly Pagefind's own
        // process) are independent, so they run side by side on the two cores.
        const checking = (async () => {
          const startedAt = performance.now();
          const result = await checkLinks(outDir, basePath, { siteUrl }); // siteUrl: canonical and other absolute self-links are checked too
          recordStage('linkcheck', startedAt);
          return result;
        })();
        const indexing = (async () => {
          const startedAt = performance.now();
          const result = await buildSearchIndex(outDir, await getKnowledge(), { site: { basePath } });
          recordStage('search', startedAt, { pages: result.pages, bytes: result.bytes, shards: result.shards, reused: result.reused, indexed: result.indexed });
          return result;
        })();
        const [broken, stats] = await Promise.all([checking, indexing]);
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
