/**
 * The output folder: one `<slug>.md` per article, never an overwrite of another
 * article. Re-import policy: a file's identity is its `importedFrom`. Importing
 * the same input again rewrites that same file ("updated") or leaves it alone
 * when the content is identical ("unchanged"); a new article whose slug is
 * taken by a different `importedFrom` gets a stable suffix (-2, -3 …, in input order).
 *
 * Writes are asynchronous with a bounded number in flight, so the file system
 * works while the next records are cleaned; no fsync per file.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
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
// A few writes in flight keep the disk busy while records are cleaned; many more only contend
// for the directory lock (measured: 8 beat 64 and plain synchronous writes on this machine).
const MAX_IN_FLIGHT = 8;

const digest = (text: string): string => createHash('sha1').update(text).digest('base64');

/** importedFrom in a Markdown file's frontmatter, or null. */
function importedFromOf(text: string): string | null {
  if (!text.startsWith('---')) return null;
  const end = text.indexOf('\n---', 3);
  const m = IMPORTED_FROM_RE.exec(end === -1 ? text : text.slice(0, end));
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
  /** Files per importedFrom, in slug order (a/x.txt and b/x.txt imported together give two). */
  private readonly slugsByOrigin = new Map<string, string[]>();
  private readonly slugByBody = new Map<string, string>();
  /** Content digest of each file already in the folder (for "unchanged"). */
  private readonly digestBySlug = new Map<string, string>();
  /** How often each importedFrom was placed in this run: the n-th reuses the n-th file. */
  private readonly placedThisRun = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private writeError: Error | null = null;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    const existing = readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .map((n) => n.slice(0, -3))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    this.slugs = new SlugAllocator(existing);
    for (const slug of existing) {
      const text = readFileSync(path.join(dir, `${slug}.md`), 'utf8');
      this.digestBySlug.set(slug, digest(text));
      const origin = importedFromOf(text);
      if (origin === null) continue;
      const slugs = this.slugsByOrigin.get(origin);
      if (slugs) slugs.push(slug);
      else this.slugsByOrigin.set(origin, [slug]);
    }
  }

  /** Decide the article's slug and start writing it; refuses a text already written in this run. */
  async place(article: ImportedArticle): Promise<PlaceResult> {
    const key = digest(bodyKey(article));
    const sameAs = this.slugByBody.get(key);
    // Two inputs of one run with the same importedFrom (a/x.txt and b/x.txt) never share a file.
    const occurrence = this.placedThisRun.get(article.importedFrom) ?? 0;
    const slugs = this.slugsByOrigin.get(article.importedFrom) ?? [];
    const known = slugs[occurrence];
    if (sameAs !== undefined && sameAs !== known) return { status: 'duplicate', sameAs };
    this.placedThisRun.set(article.importedFrom, occurrence + 1);
    const slug = known ?? this.slugs.claim(slugify(article.title));
    if (known === undefined) {
      slugs.push(slug);
      this.slugsByOrigin.set(article.importedFrom, slugs);
    }
    this.slugByBody.set(key, slug);
    const file = path.join(this.dir, `${slug}.md`);
    const markdown = renderMarkdown(article);
    const previous = this.digestBySlug.get(slug);
    const contentDigest = digest(markdown);
    this.digestBySlug.set(slug, contentDigest);
    if (known !== undefined && previous === contentDigest) return { status: 'unchanged', slug, file };
    await this.write(file, markdown);
    return { status: known !== undefined ? 'updated' : 'written', slug, file };
  }

  private async write(file: string, markdown: string): Promise<void> {
    if (this.writeError) throw this.writeError;
    if (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
    const pending: Promise<void> = writeFile(file, markdown)
      .catch((error: unknown) => {
        this.writeError ??= new Error(`cannot write ${file}: ${(error as Error).message}`);
      })
      .finally(() => this.inFlight.delete(pending));
    this.inFlight.add(pending);
  }

  /** Wait for every pending write; throws the first write error. */
  async flush(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.writeError) throw this.writeError;
  }
}
