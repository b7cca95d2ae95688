// @ts-check
import { defineConfig } from 'astro/config';
import { siteConfigFromEnv } from './src/lib/model/site-config.ts';
import khoTin from './src/integrations/kho-tin.ts';
import { astroCacheDir } from './src/integrations/astro-cache.ts';

const site = siteConfigFromEnv();
// Astro's cache (incremental-build manifest, reusable pages) lives in our cache folder; off with KHO_TIN_CACHE=0.
const cacheDir = astroCacheDir();

export default defineConfig({
  site: site.siteUrl,
  base: site.basePath,
  trailingSlash: 'always',
  // Several pages at once: a reused page is only a file check (or, when dist/ was
  // not kept, a copy from Astro's cache), which one at a time leaves the CPU idle.
  build: { format: 'directory', concurrency: 4 },
  devToolbar: { enabled: false },
  ...(cacheDir ? { cacheDir } : {}),
  // Pages whose recorded data is unchanged are reused from the previous build (src/lib/build/page-deps.ts).
  experimental: { incrementalBuild: cacheDir !== null },
  // With the cache on, dist/ is kept between builds so that reused pages stay where
  // they are; the integration deletes what a build no longer writes (src/lib/build/output.ts).
  ...(cacheDir ? { vite: { build: { emptyOutDir: false } } } : {}),
  integrations: [khoTin()],
  // A Content-Security-Policy <meta> on every page: Astro hashes the page's own
  // scripts and styles; nothing else may run. Pagefind compiles WebAssembly,
  // which needs 'wasm-unsafe-eval' (not 'unsafe-eval': no eval of strings).
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-src 'none'"],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
});
