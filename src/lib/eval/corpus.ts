/**
 * Read corpus records (news-vi.jsonl.gz) as a stream, and turn one into an
 * in-memory article for the extraction pipeline. Nothing is written to disk.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArticleFile } from '../model/article.ts';
import { normalizeText } from '../text/normalize.ts';
import { recordToRaw } from '../import/jsonl.ts';
import { cleanArticle } from '../import/article.ts';
import { renderFrontmatter, renderMarkdown } from '../import/markdown.ts';
import type { ImportedArticle } from '../import/types.ts';

export interface CorpusRecord {
  id: string;
  title: string;
  body: string;
  source: string | null;
  url: string | null;
  politics: boolean;
  /** The parsed JSON object, and where it was read (for the importer and for messages). */
  value: unknown;
  file: string;
  line: number;
}

/** The corpus path: $CORPUS_PATH or ../shared/corpus/news-vi.jsonl.gz from the repo root. */
export function corpusPath(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.CORPUS_PATH ?? '../shared/corpus/news-vi.jsonl.gz');
}

function toRecord(line: string, file: string, lineNo: number): CorpusRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`${file}:${lineNo}: not valid JSON (${(err as Error).message})`);
  }
  const r = value as Partial<Record<keyof CorpusRecord, unknown>>;
  if (typeof r.id !== 'string' || typeof r.title !== 'string' || typeof r.body !== 'string')
    throw new Error(`${file}:${lineNo}: a record needs string "id", "title" and "body"`);
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    source: typeof r.source === 'string' ? r.source : null,
    url: typeof r.url === 'string' ? r.url : null,
    politics: r.politics === true,
    value,
    file,
    line: lineNo,
  };
}

/** Stream records in file order; stops after `limit` records when given. */
export async function* readCorpus(file: string, limit = Infinity): AsyncGenerator<CorpusRecord> {
  if (limit <= 0) return;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let lineNo = 0;
  let count = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      yield toRecord(line, file, lineNo);
      if (++count >= limit) break;
    }
  } finally {
    lines.close();
  }
}

/** What the importer makes of a record: the article fields and its Markdown body, not yet normalised. */
export interface ImportedRecord {
  record: CorpusRecord;
  article: ImportedArticle;
  markdownBody: string;
}

/**
 * A corpus record through the real importer (boilerplate, bylines and captions
 * handled, Markdown escaped), as `npm run import` would write it. Null when the
 * importer skips the record (empty body, title only…).
 */
export function importRecord(record: CorpusRecord): ImportedRecord | null {
  const item = recordToRaw(record.value, record.line, record.file);
  if (!item.ok) throw new Error(`${record.file}:${record.line}: ${item.message}`);
  const cleaned = cleanArticle(item.raw);
  if (!cleaned.ok) return null;
  const markdown = renderMarkdown(cleaned.article);
  return { record, article: cleaned.article, markdownBody: markdown.slice(renderFrontmatter(cleaned.article).length) };
}

/** The imported record as the content loader would load it (body normalised); id = record id. */
export function importedToArticle({ record, article, markdownBody }: ImportedRecord): ArticleFile {
  const body = normalizeText(markdownBody, { entities: false });
  return {
    id: record.id,
    file: `${record.file}:${record.line}`,
    title: article.title,
    published: article.published,
    author: article.author,
    source: article.source,
    url: article.url,
    importedFrom: record.id,
    body,
    bodyLine: 1,
    hash: createHash('sha1').update(markdownBody).digest('hex'),
  };
}

export function recordToArticle(record: CorpusRecord): ArticleFile | null {
  const imported = importRecord(record);
  return imported ? importedToArticle(imported) : null;
}
