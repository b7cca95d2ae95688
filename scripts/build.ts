/**
 * `npm run build`: checks the content of $CONTENT_DIR (default content/) first —
 * a broken article prints a clean list of every problem (file:line [field]: what
 * to fix) and exits 1, before Astro starts — then builds the site into dist/
 * with Astro and says where it is and how to preview it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadArticles } from '../src/lib/content/load.ts';
import { formatDiagnostic } from '../src/lib/content/diagnostics.ts';

// Same rule as contentDirFromEnv in src/lib/build/knowledge.ts.
const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
const { articles, diagnostics } = await loadArticles(contentDir);
const errors = diagnostics.filter((d) => d.severity === 'error');
for (const d of diagnostics.filter((d) => d.severity === 'warning')) console.warn(`cảnh báo (warning): ${formatDiagnostic(d)}`);
if (errors.length > 0) {
  const files = new Set(errors.map((d) => d.file)).size;
  console.error(`\n${errors.length} lỗi nội dung trong ${files} tệp (${errors.length} content error${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}):`);
  for (const d of errors) console.error(`  ${formatDiagnostic(d)}`);
  console.error('\nFix these and run the build again; nothing was built.');
  process.exit(1);
}
console.log(`Content OK: ${articles.length} article${articles.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), contentDir) || '.'}`);

const astroBin = path.resolve('node_modules/astro/bin/astro.mjs');
const result = spawnSync(process.execPath, [astroBin, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
if (result.status !== 0) process.exit(result.status ?? 1);
const dist = path.resolve('dist');
console.log(`\nSite built: ${dist}\nPreview it with: npm run preview   (serves http://localhost:4321${process.env.BASE_PATH ? '/' + process.env.BASE_PATH.replace(/^\/+|\/+$/g, '') + '/' : '/'})`);
