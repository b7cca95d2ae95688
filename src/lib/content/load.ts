/** Load every article under a content directory (placeholder; full schema and diagnostics land in content/schema.ts). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import type { ArticleFile } from './article.ts';
import type { Diagnostic } from './diagnostics.ts';
import { normalizeText } from '../text/normalize.ts';

export async function loadArticles(contentDir: string): Promise<{ articles: ArticleFile[]; diagnostics: Diagnostic[] }> {
  const dir = path.join(contentDir, 'articles');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  const articles: ArticleFile[] = [];
  for (const name of names) {
    const raw = await readFile(path.join(dir, name), 'utf8');
    const parsed = matter(raw);
    const d = parsed.data as Record<string, unknown>;
    articles.push({
      id: name.slice(0, -3),
      file: path.relative(process.cwd(), path.join(dir, name)),
      title: String(d.title ?? name),
      published: typeof d.published === 'string' ? d.published : null,
      author: typeof d.author === 'string' ? d.author : null,
      source: typeof d.source === 'string' ? d.source : null,
      url: typeof d.url === 'string' ? d.url : null,
      importedFrom: typeof d.importedFrom === 'string' ? d.importedFrom : null,
      body: normalizeText(parsed.content),
      bodyLine: 1,
      hash: createHash('sha1').update(raw).digest('hex'),
    });
  }
  return { articles, diagnostics: [] };
}
