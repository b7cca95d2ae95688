/**
 * Builds the site once for a set of browser tests (the real `astro build`, with
 * the real integration: kb.json, link check, Pagefind) into .cache/e2e/<name>.
 * Builds of the same name within one test run are shared through a file lock-free
 * memo: vitest's globalSetup builds the default site; other variants build on demand.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface SiteBuildOptions {
  name: string;
  contentDir?: string;
  basePath?: string;
  siteUrl?: string;
  /** Extra environment for the build (e.g. KHO_TIN_CACHE_DIR, KHO_TIN_STATS). */
  env?: Record<string, string>;
}

export function siteOutDir(name: string): string {
  return path.resolve('.cache/e2e', name);
}

/** Runs `astro build` and returns the output directory; throws with Astro's output on failure. */
export function buildSite(opts: SiteBuildOptions): { outDir: string; output: string } {
  const outDir = siteOutDir(opts.name);
  const result = spawnSync(process.execPath, [path.resolve('node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      CONTENT_DIR: opts.contentDir ?? process.env.CONTENT_DIR ?? 'content',
      BASE_PATH: opts.basePath ?? '',
      SITE_URL: opts.siteUrl ?? 'https://example.org',
      // One cache per named site: test files build in parallel, and two builds must never share Astro's page cache.
      KHO_TIN_CACHE_DIR: `${outDir}.cache`,
      ...opts.env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`astro build failed (${opts.name}):\n${output.slice(-6000)}`);
  return { outDir, output };
}
