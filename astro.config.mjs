// @ts-check
import { defineConfig } from 'astro/config';
import { siteConfigFromEnv } from './src/lib/site/config.ts';
import khoTin from './src/integrations/kho-tin.ts';

const site = siteConfigFromEnv();

export default defineConfig({
  site: site.siteUrl,
  base: site.basePath,
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
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
