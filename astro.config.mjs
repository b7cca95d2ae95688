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
});
