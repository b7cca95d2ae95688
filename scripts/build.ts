/**
 * `npm run build`: builds the site from $CONTENT_DIR (default content/) into dist/
 * with Astro, then says where it is and how to preview it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const astroBin = path.resolve('node_modules/astro/bin/astro.mjs');
const result = spawnSync(process.execPath, [astroBin, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
if (result.status !== 0) process.exit(result.status ?? 1);
const dist = path.resolve('dist');
console.log(`\nSite built: ${dist}\nPreview it with: npm run preview   (serves http://localhost:4321${process.env.BASE_PATH ? '/' + process.env.BASE_PATH.replace(/^\/+|\/+$/g, '') + '/' : '/'})`);
