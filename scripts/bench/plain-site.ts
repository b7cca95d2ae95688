/**
 * The baseline: a plain Astro 7 site of the same Markdown articles, the way a
 * newcomer would write it from Astro's docs. One content collection (glob
 * loader over the articles folder, no schema), one page per article rendered
 * with Astro's own Markdown (<Content />), a home page listing every article,
 * and a search page with stock Pagefind UI. After `astro build`, stock
 * `pagefind --site dist` indexes it.
 *
 * The project is written into its own folder under bench/ with a symlink to
 * this repository's node_modules, so it uses the same Astro and Pagefind.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Files of the plain site, relative to its root. `articlesDir` is absolute. */
export function plainSiteFiles(articlesDir: string): Record<string, string> {
  return {
    'astro.config.mjs': `import { defineConfig } from 'astro/config';

// cacheDir inside this folder: node_modules is a symlink to the main project's.
export default defineConfig({
  site: 'https://example.org',
  cacheDir: './.astro-cache',
  devToolbar: { enabled: false },
});
`,
    'src/content.config.mjs': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(articlesDir)} }),
});

export const collections = { articles };
`,
    'src/layouts/Base.astro': `---
const { title } = Astro.props;
---
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width" />
    <title>{title}</title>
  </head>
  <body>
    <header><a href="/">Tin tức</a> · <a href="/search/">Tìm kiếm</a></header>
    <main><slot /></main>
  </body>
</html>
`,
    'src/pages/index.astro': `---
import { getCollection } from 'astro:content';
import Base from '../layouts/Base.astro';
const articles = await getCollection('articles');
---
<Base title="Tin tức">
  <h1>Tin tức</h1>
  <ul>
    {articles.map((a) => <li><a href={\`/articles/\${a.id}/\`}>{a.data.title}</a></li>)}
  </ul>
</Base>
`,
    'src/pages/articles/[id].astro': `---
import { getCollection, render } from 'astro:content';
import Base from '../../layouts/Base.astro';
export async function getStaticPaths() {
  const articles = await getCollection('articles');
  return articles.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<Base title={entry.data.title}>
  <article>
    <h1>{entry.data.title}</h1>
    <Content />
  </article>
</Base>
`,
    'src/pages/search.astro': `---
import Base from '../layouts/Base.astro';
---
<Base title="Tìm kiếm">
  <link href="/pagefind/pagefind-ui.css" rel="stylesheet" />
  <script is:inline src="/pagefind/pagefind-ui.js"></script>
  <div id="search"></div>
  <script is:inline>
    window.addEventListener('DOMContentLoaded', () => {
      const ui = new PagefindUI({ element: '#search', showSubResults: true });
      const q = new URLSearchParams(location.search).get('q');
      if (q) ui.triggerSearch(q);
    });
  </script>
</Base>
`,
  };
}

/** Writes a fresh plain site into `root` (removing an earlier one and its caches). */
export async function writePlainSite(root: string, articlesDir: string, nodeModules: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(plainSiteFiles(path.resolve(articlesDir)))) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  if (!existsSync(nodeModules)) throw new Error(`node_modules not found: ${nodeModules} (run npm install)`);
  await symlink(path.resolve(nodeModules), path.join(root, 'node_modules'), 'dir');
}
