/**
 * The output folder: one `<slug>.md` per article, never an overwrite of another
 * article. Re-import policy: a file's identity is its `importedFrom`. Importing
 * the same input again rewrites that same file ("updated") or leaves it alone
 * when the content is identical ("unchanged"); a new article whose slug is
 * taken by a different `importedFrom` gets a stable suffix (-2, -3 …, in input order).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { slugify, SlugAllocator } from '../text/slug.ts';
import { bodyKey, renderMarkdown } from './markdown.ts';
import type { ImportedArticle } from './types.ts';

export type PlaceResult =
  | { status: 'written' | 'updated' | 'unchanged'; slug: string; file: string }
  | { status: 'duplicate'; sameAs: string };

const IMPORTED_FROM_RE = /^importedFrom:[ \t]*(.+)$/mu;

/** importedFrom of an existing Markdown file (frontmatter only), or null. */
function readImportedFrom(file: string): string | null {
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith('---')) return null;
  const end = text.indexOf('\n---', 3);
  const frontmatter = end === -1 ? text : text.slice(0, end);
  const m = IMPORTED_FROM_RE.exec(frontmatter);
  if (!m) return null;
  try {
    const value: unknown = parse(m[1]!);
    return value === null || value === undefined ? null : String(value);
  } catch {
    return null;
  }
}

export class OutputFolder {
  readonly dir: string;
  private readonly slugs: SlugAllocator;
  private readonly slugByOrigin = new Map<string, string>();
  private readonly slugByBody = new Map<string, string>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    const existing = readdirSync(dir).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3));
    this.slugs = new SlugAllocator(existing);
    for (const slug of existing) {
      const origin = readImportedFrom(path.join(dir, `${slug}.md`));
      if (origin !== null && !this.slugByOrigin.has(origin)) this.slugByOrigin.set(origin, slug);
    }
  }

  /** Write one article; decides its slug, refuses a duplicate text seen earlier in this run. */
  place(article: ImportedArticle): PlaceResult {
    const key = createHash('sha1').update(bodyKey(article)).digest('base64');
    const sameAs = this.slugByBody.get(key);
    const known = this.slugByOrigin.get(article.importedFrom);
    if (sameAs !== undefined && sameAs !== known) return { status: 'duplicate', sameAs };
    const slug = known ?? this.slugs.claim(slugify(article.title));
    this.slugByOrigin.set(article.importedFrom, slug);
    this.slugByBody.set(key, slug);
    const file = path.join(this.dir, `${slug}.md`);
    const markdown = renderMarkdown(article);
    if (known !== undefined) {
      let previous: string | null = null;
      try {
        previous = readFileSync(file, 'utf8');
      } catch {
        previous = null;
      }
      if (previous === markdown) return { status: 'unchanged', slug, file };
      writeFileSync(file, markdown);
      return { status: 'updated', slug, file };
    }
    writeFileSync(file, markdown);
    return { status: 'written', slug, file };
  }
}
